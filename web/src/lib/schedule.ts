import { TZDate, tzOffset } from '@date-fns/tz';
import type { Schedule, ScheduleSlot, Weekday } from '../../../wire/profile.ts';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Minutes that `zone` is ahead of UTC at `instant`. */
export function zoneOffsetMinutes(zone: string, instant: number): number {
  return tzOffset(zone, new Date(instant));
}

/** The instant a wall-clock time happens in `zone` (a time skipped by DST moves forward, as clocks do). */
export function instantOf(zone: string, y: number, month: number, d: number, h: number, min: number): number {
  return new TZDate(y, month - 1, d, h, min, zone).getTime();
}

export type LocalSlot = { start: Date; end: Date };

/**
 * One weekly slot, as it next happens, so the viewer's zone and today's DST both apply. An end
 * at or before the start means the slot runs past midnight.
 */
export function nextOccurrence(slot: ScheduleSlot, zone: string, now = Date.now()): LocalSlot {
  const today = new TZDate(now, zone);
  const todayIndex = (today.getDay() + 6) % 7; // Monday = 0
  const ahead = (WEEKDAYS.indexOf(slot.day) - todayIndex + 7) % 7;
  const [y, month, d] = [today.getFullYear(), today.getMonth() + 1, today.getDate() + ahead];
  const [sh, sm] = slot.start.split(':').map(Number) as [number, number];
  const [eh, em] = slot.end.split(':').map(Number) as [number, number];
  const wrap = eh * 60 + em <= sh * 60 + sm ? 1 : 0;
  const start = instantOf(zone, y, month, d, sh, sm);
  const end = instantOf(zone, y, month, d + wrap, eh, em);
  return { start: new Date(start), end: new Date(end) };
}

/** Slots in the viewer's zone, Monday first, ready to print. */
export function localSchedule(
  schedule: Schedule,
  viewerZone = localTimeZone(),
): { day: string; hours: string; key: string }[] {
  const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: viewerZone });
  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: viewerZone });
  // Minutes since Monday 00:00 on the viewer's clock, to sort by.
  const minuteOfWeek = (d: Date) => {
    const wall = new TZDate(d.getTime(), viewerZone);
    return ((wall.getDay() + 6) % 7) * 1440 + wall.getHours() * 60 + wall.getMinutes();
  };
  return schedule.slots
    .map((slot) => ({ slot, when: nextOccurrence(slot, schedule.timeZone) }))
    .map(({ slot, when }) => ({
      order: minuteOfWeek(when.start),
      day: dayFormat.format(when.start),
      hours: `${timeFormat.format(when.start)} – ${timeFormat.format(when.end)}`,
      key: `${slot.day}-${slot.start}-${slot.end}`,
    }))
    .sort((a, b) => a.order - b.order)
    .map(({ day, hours, key }) => ({ day, hours, key }));
}

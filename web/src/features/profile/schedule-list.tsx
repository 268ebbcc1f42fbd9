import type { Schedule } from '../../../../wire/profile.ts';
import { localSchedule, localTimeZone } from '../../lib/schedule.ts';

/** The weekly schedule, converted to the viewer's own clock. */
export function ScheduleList({ schedule }: { schedule: Schedule }) {
  const zone = localTimeZone();
  let rows: ReturnType<typeof localSchedule>;
  try {
    rows = localSchedule(schedule, zone);
  } catch {
    // A zone this browser does not know: show the times as the performer wrote them.
    rows = schedule.slots.map((s) => ({ day: s.day, hours: `${s.start} – ${s.end}`, key: `${s.day}-${s.start}` }));
    return <ScheduleTable rows={rows} note={`Times in ${schedule.timeZone}.`} />;
  }
  const note =
    zone === schedule.timeZone
      ? `Times in ${zone}.`
      : `Shown in your time zone (${zone}); set in ${schedule.timeZone}.`;
  return <ScheduleTable rows={rows} note={note} />;
}

function ScheduleTable({ rows, note }: { rows: { day: string; hours: string; key: string }[]; note: string }) {
  if (rows.length === 0) return <p class="muted">No regular shows yet.</p>;
  return (
    <>
      <ul class="schedule">
        {rows.map((row) => (
          <li key={row.key}>
            <span class="schedule-day">{row.day}</span>
            <span class="schedule-hours">{row.hours}</span>
          </li>
        ))}
      </ul>
      <p class="field-hint">{note}</p>
    </>
  );
}

import { describe, expect, it } from 'vitest';
import { instantOf, localSchedule, nextOccurrence, zoneOffsetMinutes } from './schedule.ts';

// A Monday: 2026-11-23 12:00 UTC. Berlin is UTC+1 in winter, New York UTC-5.
const MONDAY_NOON_UTC = Date.UTC(2026, 10, 23, 12, 0);

describe('schedule times across zones (the profile page shows slots in the viewer’s zone)', () => {
  it('knows the offsets of a zone, with daylight saving', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', MONDAY_NOON_UTC)).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.UTC(2026, 6, 1))).toBe(120);
    expect(zoneOffsetMinutes('America/New_York', MONDAY_NOON_UTC)).toBe(-300);
    expect(zoneOffsetMinutes('Asia/Kolkata', MONDAY_NOON_UTC)).toBe(330);
  });

  it('finds the instant of a wall-clock time in a zone', () => {
    expect(new Date(instantOf('Europe/Berlin', 2026, 11, 24, 20, 0)).toISOString()).toBe('2026-11-24T19:00:00.000Z');
    expect(new Date(instantOf('Europe/Berlin', 2026, 7, 1, 20, 0)).toISOString()).toBe('2026-07-01T18:00:00.000Z');
  });

  it('places a Berlin Tuesday 20:00 slot on the coming Tuesday', () => {
    const { start, end } = nextOccurrence(
      { day: 'tue', start: '20:00', end: '23:00' },
      'Europe/Berlin',
      MONDAY_NOON_UTC,
    );
    expect(start.toISOString()).toBe('2026-11-24T19:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-24T22:00:00.000Z');
  });

  it('runs a slot that ends before it starts past midnight', () => {
    const { start, end } = nextOccurrence(
      { day: 'fri', start: '21:00', end: '01:00' },
      'Europe/Berlin',
      MONDAY_NOON_UTC,
    );
    expect(start.toISOString()).toBe('2026-11-27T20:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it('moves a wall-clock time in the hour daylight saving skips forward, as clocks do', () => {
    expect(new Date(instantOf('Europe/Berlin', 2026, 3, 29, 2, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(instantOf('America/New_York', 2026, 3, 8, 2, 30)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('lists slots in the viewer’s zone, Monday first', () => {
    const schedule = {
      timeZone: 'Europe/Berlin',
      slots: [
        { day: 'tue' as const, start: '20:00', end: '23:00' },
        { day: 'mon' as const, start: '01:00', end: '02:00' },
      ],
    };
    // 01:00 Monday in Berlin is still Sunday in New York: Tuesday's slot comes first there.
    expect(localSchedule(schedule, 'America/New_York').map((s) => s.key)).toEqual([
      'tue-20:00-23:00',
      'mon-01:00-02:00',
    ]);
    expect(localSchedule(schedule, 'Europe/Berlin').map((s) => s.key)).toEqual(['mon-01:00-02:00', 'tue-20:00-23:00']);
  });
});

import { describe, expect, it } from 'vitest';
import { instantOf, nextOccurrence, zoneOffsetMinutes } from './schedule.ts';

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
});

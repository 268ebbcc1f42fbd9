/** What `npm run bench:shows` reads of a Room's shows: each seat's minutes, and each later minute's lateness. */
export type BenchShowFigures = {
  seats: {
    startedAt: number | null;
    endedAt: number | null;
    used: number | null;
    paid: number;
    minuteMs: number;
    reason: string | null;
  }[];
  /** For each charge after the first: when it was committed minus its boundary (ms). */
  lateness: number[];
};

export function benchShowFigures(sql: SqlStorage): BenchShowFigures {
  const seats = sql
    .exec<{
      joined_at: number | null;
      ended_at: number | null;
      used_minutes: number | null;
      paid_minutes: number;
      minute_ms: number;
      end_reason: string | null;
    }>(
      `select s.joined_at, s.ended_at, s.used_minutes, s.paid_minutes, w.minute_ms, s.end_reason
         from show_seats s join shows w on w.id = s.show_id where s.joined_at is not null`,
    )
    .toArray()
    .map((s) => ({
      startedAt: s.joined_at,
      endedAt: s.ended_at,
      used: s.used_minutes,
      paid: s.paid_minutes,
      minuteMs: s.minute_ms,
      reason: s.end_reason,
    }));
  const lateness = sql
    .exec<{ late: number }>("select paid_at - due_at as late from show_charges where minute > 0 and status = 'paid'")
    .toArray()
    .map((r) => r.late);
  return { seats, lateness };
}

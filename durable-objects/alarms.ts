import { log } from '../workers/log.ts';

/** Everything the Room does on its alarm, by name. */
export type AlarmJob = 'tips' | 'goals' | 'show' | 'media' | 'devices' | 'requests' | 'shows';
/** A job that throws runs again this much later. */
export const ALARM_RETRY_MS = 5_000;

/**
 * A Durable Object has one alarm; the Room has several things that must happen by a time (the
 * tip backstop, goal deadlines and settlements, a live show whose performer left). Each job's due time is
 * kept in SQLite, and the
 * one alarm is set to the earliest. Everything lives in storage, so any number of instances of
 * this class may exist and a restart loses nothing; each job is idempotent, so running one twice
 * (a retried alarm, an early alarm) is harmless.
 */
export class Alarms {
  private readonly storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
  }

  /** Runs `job` at `at`, or earlier if it is already due earlier. */
  async schedule(job: AlarmJob, at: number): Promise<void> {
    this.storage.sql.exec(
      'insert into alarms (job, due) values (?, ?) on conflict (job) do update set due = min(due, excluded.due)',
      job,
      at,
    );
    await this.arm();
  }

  due(job: AlarmJob): number | null {
    return (
      this.storage.sql.exec<{ due: number }>('select due from alarms where job = ?', job).toArray()[0]?.due ?? null
    );
  }

  /**
   * The alarm handler: claims every due job (so a job that reschedules itself while running
   * keeps its new time), runs it, and reschedules a job that threw. Never throws itself: the
   * retry is ours, at a known time, rather than the runtime's. Jobs in `always` run on every
   * alarm, due or not (the tip backstop: whatever woke the Room, pending tips get committed).
   */
  async run(jobs: Record<AlarmJob, () => Promise<void>>, always: AlarmJob[] = []): Promise<void> {
    const now = Date.now();
    const due = this.storage.sql
      .exec<{ job: AlarmJob; due: number }>('select job, due from alarms where due <= ?', now)
      .toArray();
    for (const row of due) this.storage.sql.exec('delete from alarms where job = ? and due = ?', row.job, row.due);
    const running = new Set<AlarmJob>([...always, ...due.map((row) => row.job)]);
    for (const job of running) {
      try {
        await jobs[job]();
      } catch (error) {
        log('error', 'room.alarm.job_failed', { job, error: error instanceof Error ? error.message : String(error) });
        this.storage.sql.exec(
          'insert into alarms (job, due) values (?, ?) on conflict (job) do update set due = min(due, excluded.due)',
          job,
          Date.now() + ALARM_RETRY_MS,
        );
      }
    }
    await this.arm();
  }

  /**
   * Makes sure the one alarm fires by the earliest due job. It never moves the alarm later and
   * never clears it: an alarm that finds nothing due is harmless.
   */
  private async arm(): Promise<void> {
    const next = this.storage.sql.exec<{ due: number | null }>('select min(due) as due from alarms').one().due;
    if (next === null) return;
    const current = await this.storage.getAlarm();
    if (current === null || current > next || current <= Date.now()) await this.storage.setAlarm(next);
  }
}

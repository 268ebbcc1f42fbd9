import { pruneRevokedSessions } from './auth/session.ts';
import { runRenewals } from './fan-club/renewals.ts';
import { runRetention } from './kyc/retention.ts';
import { log } from './log.ts';
import { pruneVisits } from './safety/room-visits.ts';

/** wrangler.toml's hourly trigger. */
export const HOURLY = '7 * * * *';

/** Cron triggers (wrangler.toml `[triggers] crons`): each job runs on its own so one failing does not stop the rest. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const daily: Record<string, () => Promise<unknown>> = {
    kyc_retention: () => runRetention(env, controller.scheduledTime),
    room_visits: () => pruneVisits(env, controller.scheduledTime),
    revoked_sessions: () => pruneRevokedSessions(env, controller.scheduledTime),
  };
  // The hourly trigger runs only the fan-club renewals; the daily one runs everything.
  const jobs: Record<string, () => Promise<unknown>> = {
    ...(controller.cron === HOURLY ? {} : daily),
    fan_club_renewals: () => runRenewals(env, controller.scheduledTime),
  };
  await Promise.all(
    Object.entries(jobs).map(([name, job]) =>
      job().catch((err: unknown) =>
        log('error', 'scheduled_job_failed', { job: name, cron: controller.cron, error: (err as Error).message }),
      ),
    ),
  );
}

import { pruneRevokedSessions } from './auth/session.ts';
import { runRetention } from './kyc/retention.ts';
import { log } from './log.ts';
import { pruneRevocations } from './mcp/standing.ts';
import { pruneVisits } from './safety/room-visits.ts';

/** Cron triggers (wrangler.toml `[triggers] crons`): each job runs on its own so one failing does not stop the rest. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const jobs: Record<string, () => Promise<unknown>> = {
    kyc_retention: () => runRetention(env, controller.scheduledTime),
    room_visits: () => pruneVisits(env, controller.scheduledTime),
    revoked_sessions: () => pruneRevokedSessions(env, controller.scheduledTime),
    mcp_revocations: () => pruneRevocations(env, controller.scheduledTime),
  };
  await Promise.all(
    Object.entries(jobs).map(([name, job]) =>
      job().catch((err: unknown) =>
        log('error', 'scheduled_job_failed', { job: name, cron: controller.cron, error: (err as Error).message }),
      ),
    ),
  );
}

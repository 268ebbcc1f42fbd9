import { CallsClient } from '../workers/realtime/calls-client.ts';
import { realtimeConfig } from '../workers/realtime/config.ts';
import { MEDIA_CHECK_MS, type Publisher } from './media-tracks.ts';

/**
 * The Room's alarm is shared (tip backstop, later goal deadlines): ask for a check in
 * MEDIA_CHECK_MS unless something else already wakes the Room sooner. Whatever runs at the
 * alarm re-arms for itself.
 */
export async function armMediaCheck(storage: DurableObjectStorage): Promise<void> {
  const at = Date.now() + MEDIA_CHECK_MS;
  const current = await storage.getAlarm();
  if (current === null || current > at) await storage.setAlarm(at);
}

/**
 * Whether the SFU still carries the publisher's tracks. Only a clear "no" counts (the session is
 * unknown, or none of its published tracks is active): if the SFU cannot be asked, the show goes on
 * and the next check asks again.
 */
export async function sfuStillHas(env: Env, publisher: Publisher): Promise<boolean> {
  try {
    const state = await new CallsClient(realtimeConfig(env)).session(publisher.sessionId);
    if (!state) return false;
    if (!state.tracks) return true;
    const published = state.tracks.filter((t) => t.location !== 'remote');
    return published.some((t) => t.status === undefined || t.status === 'active' || t.status === 'waiting');
  } catch {
    return true;
  }
}

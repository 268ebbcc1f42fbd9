import { CallsClient } from '../../workers/realtime/calls-client.ts';
import { realtimeConfig } from '../../workers/realtime/config.ts';
import type { Publisher } from './media-tracks.ts';

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

import type { IceServers } from '../../wire/media.ts';
import { log } from '../log.ts';
import { TurnAnswer } from './calls-shapes.ts';
import type { RealtimeConfig } from './config.ts';

/** Used when no TURN key is configured: enough for most home networks, not for strict NATs. */
export const PUBLIC_STUN = { urls: 'stun:stun.cloudflare.com:3478' };
/** Short-lived TURN credentials: a page asks again when it reconnects. */
const TURN_TTL_SECONDS = 4 * 3600;

/**
 * ICE servers for a page's peer connection. The dev SFU listens on loopback, where STUN would
 * only add a timeout: none. With a TURN key, credentials from the Realtime TURN service (the
 * key's token stays here); if that service fails, STUN still lets most people connect.
 */
export async function iceServers(config: RealtimeConfig): Promise<IceServers> {
  if (config.local) return { iceServers: [] };
  if (!config.turn) return { iceServers: [PUBLIC_STUN] };
  const turnBase = new URL(config.baseUrl).origin;
  try {
    const response = await fetch(
      `${turnBase}/v1/turn/keys/${encodeURIComponent(config.turn.keyId)}/credentials/generate-ice-servers`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${config.turn.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ttl: TURN_TTL_SECONDS }),
      },
    );
    const parsed = TurnAnswer.safeParse(response.ok ? await response.json() : null);
    if (parsed.success) {
      const servers = Array.isArray(parsed.data.iceServers) ? parsed.data.iceServers : [parsed.data.iceServers];
      return { iceServers: servers };
    }
    log('warn', 'turn.refused', { status: response.status });
  } catch (error) {
    log('warn', 'turn.unreachable', { error: String(error) });
  }
  return { iceServers: [PUBLIC_STUN] };
}

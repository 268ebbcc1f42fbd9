import { Hono } from 'hono';
import { fanClubLookup } from '../../durable-objects/fan-club/membership-lookup.ts';
import { guestOf, type Identity, identityHeaders } from '../../durable-objects/transport/identity.ts';
import { clientIp } from '../auth/rate-limit.ts';
import { readSession } from '../auth/session.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { findVisiblePerformer } from '../performers/visible.ts';
import { roomStub } from '../rooms/room-stub.ts';
import { placeOf } from '../safety/geo.ts';
import { recordVisit } from '../safety/room-visits.ts';

/**
 * The room socket: `GET /rooms/:handle/ws` upgrades to the room protocol (wire/room.ts) served
 * by that performer's Room Durable Object. The Worker does the checks a Durable Object cannot:
 * the session cookie, the Origin, that the performer exists, and who owns the room.
 */
export const roomSockets = new Hono<AppEnv>();

roomSockets.get('/:handle/ws', readSession, async (c) => {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'VALIDATION_FAILED', 'This address speaks WebSocket only', {
      headers: { Upgrade: 'websocket' },
    });
  }
  // A WebSocket upgrade is a GET, so the site-wide Origin rule skips it; yet a browser lets any
  // site open a socket here with the viewer's cookie, so refuse every Origin but our own.
  if (c.req.header('Origin') !== new URL(c.req.url).origin) {
    throw new ApiError(403, 'CROSS_SITE_REQUEST', 'This connection came from another site and was refused');
  }
  const performer = await findVisiblePerformer(c, c.req.param('handle'));
  const user = c.get('session')?.user;
  const identity: Identity = user
    ? {
        userId: user.id,
        handle: user.handle,
        displayName: user.displayName,
        role: user.id === performer.user.id ? 'performer' : 'viewer',
        // The fan-club badge from the first chat line; the Room hears of later changes from the fan-club routes.
        fanClub: user.id !== performer.user.id && (await fanClubLookup(c.env, performer.user.id, user.id)),
        place: placeOf(c.req.raw, c.env),
      }
    : await guestOf(c.env.SESSION_SECRET, performer.user.handle, clientIp(c));
  const owner = { handle: performer.user.handle, performerId: performer.user.id };
  // A request of our own making: nothing the browser sent reaches the Room but the upgrade.
  const upstream = new Request(`https://room.internal/${owner.handle}/ws`, {
    headers: { Upgrade: 'websocket', ...identityHeaders(identity, owner) },
  });
  // Remembered alongside the upgrade (not after it): a suspension must reach this socket even if the room is not live.
  const [response] = await Promise.all([
    roomStub(c.env, owner.handle).fetch(upstream),
    user ? recordVisit(c.env, user.id, owner.handle) : null,
  ]);
  // Refused (a banned viewer): pass the Room's answer on, in a copy whose headers can still be added to.
  if (!response.webSocket) return new Response(response.body, response);
  // A fresh response: the Room's is immutable, and the security headers are added after this.
  return new Response(null, { status: 101, webSocket: response.webSocket });
});

import { z } from 'zod';
import { type Person, RoomRole } from '../../wire/room.ts';

/**
 * Who is connecting, as the Worker vouches for it. The Worker verifies the session cookie and
 * the room's owner, then passes the result to the Room in these headers on a request it builds
 * itself; a Durable Object cannot be reached from outside, so the Room may trust them.
 */
export const IDENTITY_HEADER = 'X-Encore-Identity';
export const ROOM_HEADER = 'X-Encore-Room';

export const Identity = z.object({
  /** Null for an anonymous viewer. */
  userId: z.string().nullable(),
  handle: z.string(),
  displayName: z.string(),
  role: RoomRole,
  /**
   * A member of this room's performer's fan club, as the Worker looked it up at the upgrade; the Room
   * updates it when told that the membership changed (Room.fanClubChanged).
   */
  fanClub: z.boolean().optional(),
  /**
   * Where the socket was opened from, as the edge told the Worker (workers/safety/geo.ts placeOf): paid shows
   * refuse a place the performer blocked since. Never shown to anyone.
   */
  place: z.object({ country: z.string().nullable(), region: z.string().nullable() }).optional(),
});
export type Identity = z.infer<typeof Identity>;

/** The room itself: its handle (the Durable Object's name) and its performer's user id. */
export const RoomOwner = z.object({ handle: z.string(), performerId: z.string() });
export type RoomOwner = z.infer<typeof RoomOwner>;

export function identityHeaders(identity: Identity, owner: RoomOwner): Record<string, string> {
  return { [IDENTITY_HEADER]: JSON.stringify(identity), [ROOM_HEADER]: JSON.stringify(owner) };
}

export function readIdentity(headers: Headers): { identity: Identity; owner: RoomOwner } | undefined {
  try {
    const identity = Identity.safeParse(JSON.parse(headers.get(IDENTITY_HEADER) ?? 'null'));
    const owner = RoomOwner.safeParse(JSON.parse(headers.get(ROOM_HEADER) ?? 'null'));
    return identity.success && owner.success ? { identity: identity.data, owner: owner.data } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A guest's name in one room: the same for every socket from one network address, so a guest
 * counts once in presence however many sockets they open, and the socket cap holds them as one
 * client. Nothing reversible is kept: the name is an HMAC of the address and the room, under the
 * session secret (a different name in each room, and none that a guest could choose).
 */
export async function guestOf(secret: string, room: string, address: string): Promise<Identity> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(`guest:${secret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${room}\n${address}`)));
  const name = [...mac.slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { userId: null, handle: `guest_${name}`, displayName: 'Guest', role: 'anonymous' };
}

/** As others see someone: the fan-club badge only when they have it (a guest never does). */
export function personOf(identity: Identity): Person {
  const person: Person = { handle: identity.handle, displayName: identity.displayName, role: identity.role };
  return identity.fanClub && identity.userId ? { ...person, fanClub: true } : person;
}

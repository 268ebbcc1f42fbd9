import type { RoomContext } from '../room-context.ts';

/** Asks D1 whether a user is a member of a performer's fan club (workers/fan-club; injected for tests). */
export type MembershipLookup = (env: Env, performerId: string, userId: string) => Promise<boolean>;

/**
 * A membership is looked up in D1 at most this often per user while the answer is yes; a "no" is asked
 * again sooner, as joining is one click away. Joining or cancelling from a page, and the renewal job's lapses
 * and ends, tell the Room at once (Room.fanClubChanged), so the cache only bounds how late a change is noticed
 * when that notice was lost (the Room unreachable at that moment).
 */
const MEMBER_CACHE_MS = 60_000;
const NOT_MEMBER_CACHE_MS = 5_000;
const CACHE_SIZE = 10_000;

/**
 * Who in this room is a member of the performer's fan club: the badge on their chat lines, fan-club-only
 * chat and the members' menu prices. D1 is the truth (the memberships the money side keeps); this is a
 * cache of it, seeded by the Worker's answer when a socket joins.
 */
export class FanClubRoster {
  private readonly room: Pick<RoomContext, 'env' | 'owner' | 'now' | 'sockets'>;
  private readonly lookup: MembershipLookup;
  private readonly known = new Map<string, { member: boolean; at: number }>();

  constructor(room: Pick<RoomContext, 'env' | 'owner' | 'now' | 'sockets'>, lookup: MembershipLookup) {
    this.room = room;
    this.lookup = lookup;
  }

  /** Whether `userId` is a member now (the performer of the room is not a member of their own club). */
  async isMember(userId: string): Promise<boolean> {
    const performerId = this.room.owner()?.performerId;
    if (!performerId || performerId === userId) return false;
    const now = this.room.now();
    const known = this.known.get(userId);
    if (known && now - known.at < (known.member ? MEMBER_CACHE_MS : NOT_MEMBER_CACHE_MS)) return known.member;
    const member = await this.lookup(this.room.env, performerId, userId);
    this.learned(userId, member);
    return member;
  }

  /** What the Worker found at the upgrade, or a fresh lookup: remembered from now. */
  learned(userId: string, member: boolean): void {
    // A cache, not a record: a room that saw very many members starts it afresh.
    if (this.known.size >= CACHE_SIZE) this.known.clear();
    this.known.set(userId, { member, at: this.room.now() });
  }

  /**
   * The membership changed (joined, cancelled, lapsed): asked afresh, and the user's open sockets carry the
   * answer, so their next chat line shows the badge (or not) without a reload. Returns whether they are a
   * member; false for a user with no socket here is still remembered for their chat and tips.
   */
  async refresh(userId: string): Promise<{ member: boolean; changed: boolean }> {
    this.known.delete(userId);
    const member = await this.isMember(userId);
    const { sockets } = this.room;
    let changed = false;
    for (const ws of sockets.open(userId)) {
      const me = sockets.of(ws);
      if (Boolean(me.identity.fanClub) === member) continue;
      sockets.save(ws, { ...me, identity: { ...me.identity, fanClub: member } });
      changed = true;
    }
    return { member, changed };
  }
}

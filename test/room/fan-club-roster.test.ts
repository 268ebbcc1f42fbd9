import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FanClubRoster, type MembershipLookup } from '../../durable-objects/fan-club/fan-club-roster.ts';
import type { Sockets } from '../../durable-objects/transport/sockets.ts';

/** A roster over a scripted D1 answer and a clock the test moves; no sockets are open. */
function rosterWith(answers: (boolean | Error)[]) {
  let now = 1_000_000;
  const asked: string[] = [];
  const lookup: MembershipLookup = async (_env, _performerId, userId) => {
    asked.push(userId);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer ?? false;
  };
  const sockets = { open: () => [] } as unknown as Sockets;
  const roster = new FanClubRoster(
    { env, owner: () => ({ handle: 'nova', performerId: 'p1' }), now: () => now, sockets },
    lookup,
  );
  return { roster, asked, later: (ms: number) => (now += ms) };
}

describe('the Room’s fan-club roster', () => {
  it('asks D1 about a member at most once a minute, and about a non-member again after 5 seconds', async () => {
    const { roster, asked, later } = rosterWith([true, false, false]);
    expect(await roster.isMember('u1')).toBe(true);
    later(59_000);
    expect(await roster.isMember('u1')).toBe(true);
    expect(asked).toEqual(['u1']);
    later(2_000);
    expect(await roster.isMember('u1')).toBe(false);
    later(4_000);
    expect(await roster.isMember('u1')).toBe(false);
    expect(asked).toEqual(['u1', 'u1']);
    later(2_000);
    expect(await roster.isMember('u1')).toBe(false);
    expect(asked).toEqual(['u1', 'u1', 'u1']);
  });

  it('remembers nothing when D1 fails, so the next ask tries again', async () => {
    const { roster, asked } = rosterWith([new Error('D1 is down'), true]);
    await expect(roster.isMember('u1')).rejects.toThrow('D1 is down');
    expect(await roster.isMember('u1')).toBe(true);
    expect(asked).toEqual(['u1', 'u1']);
  });

  it('never counts the performer as a member of their own club, and asks nothing for them', async () => {
    const { roster, asked } = rosterWith([true]);
    expect(await roster.isMember('p1')).toBe(false);
    expect(asked).toEqual([]);
  });

  it('asks afresh on a membership notice, whatever it remembered', async () => {
    const { roster, asked } = rosterWith([false, true]);
    expect(await roster.isMember('u1')).toBe(false);
    expect(await roster.refresh('u1')).toEqual({ member: true, changed: false });
    expect(await roster.isMember('u1')).toBe(true);
    expect(asked).toEqual(['u1', 'u1']);
  });
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { isApprovedPerformer, NOT_VERIFIED_MESSAGE } from '../../workers/kyc/gate.ts';
import { admin, submittedPerformer } from './fixtures.ts';

/** The Room's own go-live check, reached as the studio route reaches it (RPC), without the route's check in front. */
const roomOf = (handle: string) => env.ROOM.getByName(handle);

describe('the go-live gate', () => {
  it('in the Room itself: refuses an unapproved performer and lets them on air once approved', async () => {
    const { user, verificationId } = await submittedPerformer();
    const owner = { handle: user.handle, performerId: user.id };
    // The route's own answer (403 FORBIDDEN), not a bare Error that would become a 500.
    expect(await roomOf(user.handle).goLive(owner, 'Sneaking on air', [])).toEqual({
      ok: false,
      error: { status: 403, code: 'FORBIDDEN', message: NOT_VERIFIED_MESSAGE },
    });
    expect((await roomOf(user.handle).liveState()).live).toBe(false);
    expect(await isApprovedPerformer(env.DB, user.id)).toBe(false);

    await admin(`/api/admin/kyc/${verificationId}/approve`, { method: 'POST', json: {} });
    expect(await isApprovedPerformer(env.DB, user.id)).toBe(true);
    expect(await roomOf(user.handle).goLive(owner, 'Approved show', [])).toMatchObject({
      ok: true,
      value: { live: true, title: 'Approved show' },
    });
  });
});

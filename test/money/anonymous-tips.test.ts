import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EarningsResponse } from '../../wire/money.ts';
import { moneyConfig } from '../../workers/money/config.ts';
import { earningsOf } from '../../workers/money/earnings.ts';
import { goalHold, goalReleaseDraft, settlementKey } from '../../workers/money/goal-escrow.ts';
import { commit } from '../../workers/money/ledger.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { clientId, newRoom, newViewer, RoomSocket } from '../room/room-socket.ts';
import { fund, newUser } from './fixtures.ts';

async function tip(socket: RoomSocket, amount: number, extra: Record<string, unknown> = {}) {
  const id = clientId();
  socket.send({ type: 'tip.send', clientId: id, amount, ...extra });
  expect((await socket.next('tip.result', (m) => m.clientId === id)).status).toBe('accepted');
}

describe('anonymous tips on the earnings page', () => {
  it('count in the totals but never name their tipper among the top tippers', async () => {
    const room = await newRoom();
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
      .bind(room.performerId)
      .run();
    expect((await room.performer.post('/api/studio/live', { title: 'Show' })).status).toBe(200);
    const shy = await newViewer(1_000);
    const loud = await newViewer(1_000);
    const a = (await RoomSocket.join(room.handle, shy.browser)).socket;
    const b = (await RoomSocket.join(room.handle, loud.browser)).socket;
    await tip(a, 500, { anonymous: true });
    await tip(b, 100);

    const earnings = (await (await room.performer.fetch('/api/studio/earnings')).json()) as EarningsResponse;
    expect(earnings.today).toBe(420); // 70% of 600: the anonymous tip is earned like any other
    expect(earnings.topTippers).toEqual([{ handle: loud.handle, displayName: loud.displayName, tokens: 70 }]);
    expect(JSON.stringify(earnings)).not.toContain(shy.handle);
  });

  it('keeps a released goal tip as anonymous as the held tip it releases', async () => {
    const performer = await newUser('performer');
    const tipper = await newUser();
    await fund(tipper, 1_000);
    const goalId = crypto.randomUUID();
    const [held] = await commitTips(
      env.DB,
      [
        {
          tipperId: tipper,
          performerId: performer,
          amount: 200,
          escrow: goalHold(goalId),
          anonymous: true,
          idempotencyKey: `tip:${crypto.randomUUID()}`,
        },
      ],
      30,
    );
    if (held?.status !== 'accepted') throw new Error('the held tip was not accepted');
    const heldTip = { tipId: held.transactionId, tipperId: tipper, amount: 200 };
    await commit(
      env.DB,
      goalReleaseDraft({ goalId, performerId: performer, tip: heldTip }, 30),
      settlementKey('release', held.transactionId),
    );

    const figures = await earningsOf(env.DB, performer, moneyConfig({}));
    expect(figures.today).toBe(140);
    expect(figures.topTippers).toEqual([]);
  });
});

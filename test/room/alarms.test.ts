import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Alarms } from '../../durable-objects/alarms.ts';
import type { Room } from '../../durable-objects/room.ts';
import { tipDraft } from '../../workers/money/drafts.ts';
import { goalRefundDraft, goalReleaseDraft } from '../../workers/money/goal-escrow.ts';
import { newRoom, roomStub } from './room-socket.ts';

describe('the Room’s alarm scheduler', () => {
  it('keeps the one alarm at the earliest due job, and runs each due job once, retrying one that throws', async () => {
    const { handle } = await newRoom();
    await runInDurableObject(roomStub(handle), async (_room: Room, state) => {
      const alarms = new Alarms(state.storage);
      const base = Date.now() + 60_000;
      await alarms.schedule('goals', base + 10_000);
      await alarms.schedule('tips', base + 5_000);
      expect(await state.storage.getAlarm()).toBe(base + 5_000);
      // A later time for a job already due earlier keeps the earlier one.
      await alarms.schedule('tips', base + 20_000);
      expect(alarms.due('tips')).toBe(base + 5_000);
      state.storage.sql.exec('update alarms set due = ?', Date.now() - 1);
      const ran: string[] = [];
      await alarms.run({
        tips: async () => void ran.push('tips'),
        goals: async () => {
          ran.push('goals');
          throw new Error('D1 unreachable');
        },
        show: async () => void ran.push('show'),
        media: async () => void ran.push('media'),
        shows: async () => void ran.push('shows'),
        devices: async () => void ran.push('devices'),
        requests: async () => void ran.push('requests'),
      });
      expect(ran.sort()).toEqual(['goals', 'tips']);
      expect(alarms.due('tips')).toBeNull();
      // The job that threw is due again shortly, and the alarm is set for it.
      const retry = alarms.due('goals');
      expect(retry).toBeGreaterThan(Date.now());
      expect(await state.storage.getAlarm()).toBeLessThanOrEqual(retry!);
    });
  });
});

describe('escrow drafts', () => {
  it('balance to zero: the tip into the hold, its release at the tip split, its refund in full', () => {
    const sum = (entries: { amount: number }[]) => entries.reduce((t, e) => t + e.amount, 0);
    const held = tipDraft({ tipperId: 'fan', performerId: 'star', amount: 33, escrow: 'hold:goal:g1' }, 30);
    expect(held.entries).toEqual([
      { account: 'wallet:fan', amount: -33 },
      { account: 'hold:goal:g1', amount: 33 },
    ]);
    const tip = { tipId: 't1', tipperId: 'fan', amount: 33 };
    const release = goalReleaseDraft({ goalId: 'g1', performerId: 'star', tip }, 30);
    expect(release.entries).toEqual([
      { account: 'hold:goal:g1', amount: -33 },
      { account: 'earnings:star', amount: 23 },
      { account: 'platform:fees', amount: 10 },
    ]);
    const refund = goalRefundDraft({ goalId: 'g1', performerId: 'star', tip });
    expect(refund).toMatchObject({
      kind: 'goal_refund',
      entries: [
        { account: 'hold:goal:g1', amount: -33 },
        { account: 'wallet:fan', amount: 33 },
      ],
    });
    for (const draft of [held, release, refund]) expect(sum(draft.entries)).toBe(0);
  });
});

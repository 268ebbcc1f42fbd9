import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../workers/db/index.ts';
import { fanOut } from '../../workers/notifications/go-live.ts';
import type { QueueMessage } from '../../workers/notifications/messages.ts';
import { joined, performerWithClub, viewerWith } from './fixtures.ts';

describe('a performer going live', () => {
  it('tells followers and fan-club members, each person once even when both', async () => {
    const performer = await performerWithClub();
    const [follower, member, both, lapsed, stranger] = await Promise.all(
      [0, 1000, 1000, 1000, 0].map((tokens) => viewerWith(tokens)),
    );
    for (const fan of [follower!, both!])
      expect((await fan.browser.post(`/api/performers/${performer.handle}/follow`)).status).toBe(200);
    for (const fan of [member!, both!, lapsed!]) await joined(fan, performer.handle);
    await env.DB.prepare("update fan_club_memberships set status = 'lapsed' where member_id = ?")
      .bind(lapsed!.id)
      .run();
    const queued: QueueMessage[] = [];
    const queue = {
      send: async (body: QueueMessage) => void queued.push(body),
      sendBatch: async (messages: { body: QueueMessage }[]) => void queued.push(...messages.map((m) => m.body)),
    };
    const show = {
      performerId: performer.id,
      handle: performer.handle,
      displayName: 'Perf',
      avatarUrl: null,
      showId: `${performer.id}:fan-club`,
      title: 'Members night',
      origin: 'https://encore.test',
    };
    await fanOut({ ...env, NOTIFICATIONS: queue as unknown as Env['NOTIFICATIONS'] }, database(env), show);
    const recipients = queued.flatMap((m) => (m.type === 'go-live-batch' ? m.recipients : []));
    expect(recipients.sort()).toEqual([follower!.id, member!.id, both!.id].sort());
    expect(recipients).not.toContain(stranger!.id);
  });
});

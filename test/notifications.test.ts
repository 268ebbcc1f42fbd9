import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { database } from '../workers/db/index.ts';
import { deliverBatch } from '../workers/notifications/go-live.ts';
import { type GoLiveShow, RECIPIENTS_PER_BATCH } from '../workers/notifications/messages.ts';
import { type Browser, errorOf, signedUp } from './client.ts';
import { PushSubscriber, pushesTo } from './push-subscriber.ts';
import { newRoom } from './room/room-socket.ts';

/** The queue delivers in batches (up to a second each), fan-out first: wait for the outcome, not a time. */
const eventually = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

type Inbox = { notifications: { title: string; body: string; link: string; read: boolean }[]; unread: number };

const inApp = async (browser: Browser) => (await (await browser.fetch('/api/me/notifications')).json()) as Inbox;

async function mails(to: string): Promise<{ subject: string; text: string; headers: string }[]> {
  const response = await fetch(`https://encore.test/dev/mail/messages?to=${encodeURIComponent(to)}`).catch(() => null);
  if (response?.ok) return ((await response.json()) as { messages: never[] }).messages;
  const rows = await env.DB.prepare(
    'select subject, text, headers from local_mailbox where "to" = ? order by created_at',
  )
    .bind(to)
    .all<{ subject: string; text: string; headers: string }>();
  return rows.results;
}

const showOf = (performerId: string, handle: string): GoLiveShow => ({
  performerId,
  handle,
  displayName: 'Perf',
  avatarUrl: null,
  showId: `${performerId}:1`,
  title: 'Show',
  origin: 'https://encore.test',
});

/** A verified performer with followers; returns a function that puts them live. */
async function performerWithFollowers(count: number) {
  const room = await newRoom();
  await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?")
    .bind(room.performerId)
    .run();
  const fans = await Promise.all(
    Array.from({ length: count }, async () => {
      const fan = await signedUp();
      expect((await fan.browser.post(`/api/performers/${room.handle}/follow`)).status).toBe(200);
      return fan;
    }),
  );
  const goLive = async (title = 'Late-night requests') => {
    const response = await room.performer.post('/api/studio/live', { title });
    expect(response.status).toBe(200);
  };
  return { ...room, fans, goLive };
}

describe('go-live notifications', () => {
  it('tells every follower through the queue: an encrypted push, an email with unsubscribe, the bell', async () => {
    const { fans, goLive, handle } = await performerWithFollowers(3);
    const [pushFan, emailFan, mutedFan] = fans as [(typeof fans)[0], (typeof fans)[0], (typeof fans)[0]];
    const subscriber = await PushSubscriber.create();
    expect((await pushFan.browser.post('/api/me/push-subscriptions', subscriber.toJSON())).status).toBe(204);
    await pushFan.browser.fetch('/api/me/notification-settings', {
      method: 'PUT',
      json: { push: true, email: false, inApp: true, quietHours: null },
    });
    expect(
      (await mutedFan.browser.fetch(`/api/me/notification-settings/mutes/${handle}`, { method: 'PUT' })).status,
    ).toBe(204);

    await goLive();

    const [push] = await eventually(async () => {
      const pushes = await pushesTo(subscriber);
      if (pushes.length === 0) throw new Error('no push yet');
      return pushes;
    });
    const payload = JSON.parse(await subscriber.decrypt(push!.body)) as { title: string; url: string };
    expect(payload).toMatchObject({
      title: expect.stringMatching(/ is live$/),
      body: 'Late-night requests',
      url: `/live/${handle}`,
    });
    expect(push!.topic).toBe(`live-${handle}`);

    const mail = await eventually(async () => {
      const found = (await mails(emailFan.account.email)).filter((m) => / is live/.test(m.subject));
      if (found.length === 0) throw new Error('no go-live email yet');
      return found[0]!;
    });
    const headers = JSON.parse(mail.headers) as Record<string, string>;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/encore\.test\/api\/notifications\/unsubscribe\?token=.+>$/,
    );
    expect(mail.text).toContain(`/live/${handle}`);

    await eventually(async () => expect((await inApp(emailFan.browser)).unread).toBe(1));
    expect((await inApp(pushFan.browser)).notifications[0]).toMatchObject({ link: `/live/${handle}`, read: false });
    expect((await mails(pushFan.account.email)).filter((m) => / is live/.test(m.subject))).toHaveLength(0);
    expect((await inApp(mutedFan.browser)).notifications).toHaveLength(0);
  });

  it('sends one notice per channel for a batch delivered twice, and none for a second show in 2 hours', async () => {
    const { fans, performerId, handle } = await performerWithFollowers(1);
    const fan = fans[0]!;
    const subscriber = await PushSubscriber.create();
    await fan.browser.post('/api/me/push-subscriptions', subscriber.toJSON());
    const show: GoLiveShow = {
      performerId,
      handle,
      displayName: 'Perf',
      avatarUrl: null,
      showId: `${performerId}:1`,
      title: 'First',
      origin: 'https://encore.test',
    };
    const db = database(env);
    await Promise.all([deliverBatch(env, db, show, [fan.user.id]), deliverBatch(env, db, show, [fan.user.id])]);
    await deliverBatch(env, db, show, [fan.user.id]);
    await deliverBatch(env, db, { ...show, showId: `${performerId}:2`, title: 'Back again' }, [fan.user.id]);
    expect(await pushesTo(subscriber)).toHaveLength(1);
    expect((await inApp(fan.browser)).notifications).toHaveLength(1);
    expect((await mails(fan.account.email)).filter((m) => / is live/.test(m.subject))).toHaveLength(1);
    // Two hours later the next show is news again.
    await deliverBatch(
      env,
      db,
      { ...show, showId: `${performerId}:3` },
      [fan.user.id],
      Date.now() + 2 * 60 * 60 * 1000 + 1,
    );
    expect(await pushesTo(subscriber)).toHaveLength(2);
  });

  it('drops a subscription the push service says is gone, and retries only the push that failed', async () => {
    const { fans, performerId, handle } = await performerWithFollowers(2);
    const [goneFan, flakyFan] = fans as [(typeof fans)[0], (typeof fans)[0]];
    const gone = await PushSubscriber.create(`gone-${crypto.randomUUID()}`);
    const flaky = await PushSubscriber.create(`flaky-${crypto.randomUUID()}`);
    await goneFan.browser.post('/api/me/push-subscriptions', gone.toJSON());
    await flakyFan.browser.post('/api/me/push-subscriptions', flaky.toJSON());
    const show: GoLiveShow = {
      performerId,
      handle,
      displayName: 'Perf',
      avatarUrl: null,
      showId: `${performerId}:7`,
      title: 'Show',
      origin: 'https://encore.test',
    };
    const db = database(env);
    await expect(deliverBatch(env, db, show, [goneFan.user.id, flakyFan.user.id])).rejects.toThrow(/500/);
    const left = await env.DB.prepare('select endpoint from push_subscriptions where endpoint in (?, ?)')
      .bind(gone.endpoint, flaky.endpoint)
      .all<{ endpoint: string }>();
    expect(left.results.map((r) => r.endpoint)).toEqual([flaky.endpoint]);
    // The queue's retry: the flaky push lands now; nothing else is sent twice.
    await deliverBatch(env, db, show, [goneFan.user.id, flakyFan.user.id]);
    expect(await pushesTo(flaky)).toHaveLength(1);
    for (const fan of fans) {
      expect((await inApp(fan.browser)).notifications).toHaveLength(1);
      expect((await mails(fan.account.email)).filter((m) => / is live/.test(m.subject))).toHaveLength(1);
    }
  });

  it('delivers a full batch of recipients in one go', async () => {
    const { performerId, handle } = await performerWithFollowers(0);
    const now = Date.now();
    const ids = Array.from({ length: RECIPIENTS_PER_BATCH }, (_, i) => `full-${now}-${i}`);
    await env.DB.batch(
      ids.map((id) =>
        env.DB.prepare(
          `insert into users (id, email, handle, password_hash, role, display_name, date_of_birth, created_at,
             updated_at) values (?, ?, ?, 'x', 'viewer', 'Fan', '1990-01-01', ?, ?)`,
        ).bind(id, `${id}@example.com`, id.replaceAll('-', '_').slice(-30), now, now),
      ),
    );
    await deliverBatch(env, database(env), { ...showOf(performerId, handle), showId: `${performerId}:full` }, ids);
    const delivered = await env.DB.prepare(
      `select count(*) as n from notifications where kind = 'go_live' and dedupe_key like ?`,
    )
      .bind(`${performerId}:full:%`)
      .first<{ n: number }>();
    expect(delivered?.n).toBe(RECIPIENTS_PER_BATCH);
  });

  it('keeps quiet hours: nothing pushed or emailed, the bell still counts it', async () => {
    const { fans, performerId, handle } = await performerWithFollowers(1);
    const fan = fans[0]!;
    const subscriber = await PushSubscriber.create();
    await fan.browser.post('/api/me/push-subscriptions', subscriber.toJSON());
    const now = new Date();
    const clock = (d: Date) =>
      `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const saved = await fan.browser.fetch('/api/me/notification-settings', {
      method: 'PUT',
      json: {
        push: true,
        email: true,
        inApp: true,
        quietHours: {
          start: clock(new Date(now.getTime() - 60 * 60 * 1000)),
          end: clock(new Date(now.getTime() + 60 * 60 * 1000)),
          timeZone: 'UTC',
        },
      },
    });
    expect(saved.status).toBe(200);
    await deliverBatch(
      env,
      database(env),
      {
        performerId,
        handle,
        displayName: 'Perf',
        avatarUrl: null,
        showId: `${performerId}:q`,
        title: 'Quiet',
        origin: 'https://encore.test',
      },
      [fan.user.id],
      now.getTime(),
    );
    expect(await pushesTo(subscriber)).toHaveLength(0);
    expect((await mails(fan.account.email)).filter((m) => / is live/.test(m.subject))).toHaveLength(0);
    expect((await inApp(fan.browser)).unread).toBe(1);
  });
});

describe('notification settings and the in-app list', () => {
  it('marks only your own notifications read', async () => {
    const { fans, goLive } = await performerWithFollowers(2);
    await goLive();
    const [a, b] = fans as [(typeof fans)[0], (typeof fans)[0]];
    await eventually(async () => expect((await inApp(b.browser)).unread).toBe(1));
    await eventually(async () => expect((await inApp(a.browser)).unread).toBe(1));
    const theirs = await env.DB.prepare('select id from notifications where user_id = ?')
      .bind(b.user.id)
      .first<{ id: string }>();
    expect((await a.browser.post('/api/me/notifications/read', { ids: [theirs!.id] })).status).toBe(204);
    expect((await inApp(b.browser)).unread).toBe(1);
    expect((await a.browser.post('/api/me/notifications/read', {})).status).toBe(204);
    expect((await inApp(a.browser)).unread).toBe(0);
  });

  it('refuses an unknown time zone, a malformed clock and a performer that does not exist', async () => {
    const { browser } = await signedUp();
    const put = (quietHours: unknown) =>
      browser.fetch('/api/me/notification-settings', {
        method: 'PUT',
        json: { push: true, email: true, inApp: true, quietHours },
      });
    expect((await errorOf(await put({ start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' }))).status).toBe(400);
    expect((await errorOf(await put({ start: '25:00', end: '07:00', timeZone: 'UTC' }))).status).toBe(400);
    expect((await browser.fetch('/api/me/notification-settings/mutes/nobody_here', { method: 'PUT' })).status).toBe(
      404,
    );
    expect(await (await browser.fetch('/api/me/notification-settings')).json()).toEqual({
      push: true,
      email: true,
      inApp: true,
      quietHours: null,
      muted: [],
    });
  });

  it('limits notification writes per account, 70 at once, while another account keeps its own window', async () => {
    const { browser } = await signedUp();
    const { browser: other } = await signedUp();
    const put = (b: Browser, push: boolean) =>
      b.fetch('/api/me/notification-settings', {
        method: 'PUT',
        json: { push, email: true, inApp: true, quietHours: null },
      });
    const answers = await Promise.all(Array.from({ length: 70 }, (_, i) => put(browser, i % 2 === 0)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect((await errorOf(refused)).code).toBe('RATE_LIMITED');
    expect((await errorOf(await browser.post('/api/me/notifications/read', {}))).code).toBe('RATE_LIMITED');
    // Another account keeps its own window.
    expect((await put(other, false)).status).toBe(200);
  });

  it('unsubscribes from notification emails with the link alone, and refuses an altered link', async () => {
    const { fans, performerId, handle } = await performerWithFollowers(1);
    const fan = fans[0]!;
    await deliverBatch(
      env,
      database(env),
      {
        performerId,
        handle,
        displayName: 'Perf',
        avatarUrl: null,
        showId: `${performerId}:u`,
        title: 'Show',
        origin: 'https://encore.test',
      },
      [fan.user.id],
    );
    const [mail] = (await mails(fan.account.email)).filter((m) => / is live/.test(m.subject));
    const link = /<(https:\/\/[^>]+)>/.exec(JSON.parse(mail!.headers)['List-Unsubscribe'])![1]!;
    const path = link.replace('https://encore.test', '');
    const { Browser } = await import('./client.ts');
    // A mail provider's one-click POST: no cookie, no Origin.
    const anonymous = new Browser();
    expect(
      (
        await anonymous.fetch(`${path}x`, {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: { Origin: '' },
        })
      ).status,
    ).toBe(400);
    const done = await anonymous.fetch(path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { Origin: '' },
    });
    expect(done.status).toBe(200);
    expect(await (await fan.browser.fetch('/api/me/notification-settings')).json()).toMatchObject({
      email: false,
      push: true,
    });
  });
});

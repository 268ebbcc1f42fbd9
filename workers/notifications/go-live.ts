import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import {
  goLiveNotices,
  notificationDeliveries,
  notificationMutes,
  notificationSettings,
  pushSubscriptions,
} from '../db/notifications-schema.ts';
import { users } from '../db/schema.ts';
import { sendMail } from '../email/mailer.ts';
import { goLiveMail } from '../email/templates.ts';
import { addNotification } from './in-app.ts';
import { type GoLiveShow, type QueueMessage, RECIPIENTS_PER_BATCH } from './messages.ts';
import { sendPush } from './push.ts';
import { type Channels, DEFAULT_CHANNELS, inQuietHours } from './settings.ts';
import { unsubscribeToken } from './unsubscribe.ts';

/** At most one go-live notice per performer per person in this window, so a performer who reconnects does not spam. */
export const GO_LIVE_QUIET_MS = 2 * 60 * 60 * 1000;

/** The producer: one message per show start; the consumer finds the audience. */
export async function announceGoLive(env: Env, show: GoLiveShow): Promise<void> {
  await env.NOTIFICATIONS.send({ type: 'go-live', show } satisfies QueueMessage);
}

/**
 * Splits the audience (followers and fan-club members) into batch messages, in pages by
 * id. The go-live route announces every go-live call (a title change too); only a show's first
 * announcement fans out, and it is marked done only after every batch was queued, so a crash midway
 * fans out again (the batches' own keys make that harmless).
 */
export async function fanOut(env: Env, db: Database, show: GoLiveShow): Promise<number> {
  const done = `${show.showId}:announced`;
  const [announced] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.key, done));
  if (announced) return 0;
  const batches = await queueBatches(env, db, show);
  await db.insert(notificationDeliveries).values({ key: done, createdAt: Date.now() }).onConflictDoNothing();
  return batches;
}

async function queueBatches(env: Env, _db: Database, show: GoLiveShow): Promise<number> {
  let after = '';
  let batches = 0;
  for (;;) {
    const page = await audiencePage(env, show.performerId, after, RECIPIENTS_PER_BATCH * 50);
    if (page.length === 0) return batches;
    const messages: { body: QueueMessage }[] = [];
    for (let i = 0; i < page.length; i += RECIPIENTS_PER_BATCH) {
      const recipients = page.slice(i, i + RECIPIENTS_PER_BATCH).map((r) => r.id);
      messages.push({ body: { type: 'go-live-batch', show, recipients } });
    }
    // sendBatch takes at most 100 messages.
    for (let i = 0; i < messages.length; i += 100) await env.NOTIFICATIONS.sendBatch(messages.slice(i, i + 100));
    batches += messages.length;
    after = page.at(-1)!.id;
  }
}

/**
 * Followers and current fan-club members (workers/fan-club/members.ts), each person once however many ways
 * they follow, by id after `after`.
 */
async function audiencePage(env: Env, performerId: string, after: string, limit: number): Promise<{ id: string }[]> {
  const { results } = await env.DB.prepare(
    `select id from (
       select follower_id as id from follows where performer_id = ?1
       union
       select member_id from fan_club_memberships
        where performer_id = ?1 and period_index >= 0
          and (status in ('active', 'grace') or (status = 'cancelled' and period_end > ?2)))
      where id > ?3 order by id limit ?4`,
  )
    .bind(performerId, Date.now(), after, limit)
    .all<{ id: string }>();
  return results;
}

type Recipient = { id: string; address: string; displayName: string; status: string; channels: Channels };

/**
 * Delivers one batch. Per person: skip the muted, claim the 2-hour window (or find it claimed by this
 * same show: a redelivery), then each channel once, by its (show, person, channel) key. A push service
 * error throws after releasing that channel's key, so the retry sends only what is missing.
 */
export async function deliverBatch(env: Env, db: Database, show: GoLiveShow, ids: string[], now = Date.now()) {
  if (ids.length === 0) return;
  const rows = await db
    .select({
      id: users.id,
      address: users.email,
      displayName: users.displayName,
      status: users.status,
      settings: notificationSettings,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(users.id, ids));
  const people: Recipient[] = rows.map(({ settings, ...person }) => ({
    ...person,
    channels: settings ?? DEFAULT_CHANNELS,
  }));
  const muted = new Set(
    (
      await db
        .select({ id: notificationMutes.userId })
        .from(notificationMutes)
        .where(and(eq(notificationMutes.performerId, show.performerId), inArray(notificationMutes.userId, ids)))
    ).map((m) => m.id),
  );
  const subscriptions = await db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, ids));
  let retry: Error | null = null;
  for (const person of people) {
    if (person.status !== 'active' || muted.has(person.id)) continue;
    if (!(await claimWindow(db, person.id, show, now))) continue;
    const quiet = inQuietHours(person.channels, new Date(now));
    const key = (channel: string) => `${show.showId}:${person.id}:${channel}`;
    const claim = async (channel: string) =>
      (
        await db
          .insert(notificationDeliveries)
          .values({ key: key(channel), createdAt: now })
          .onConflictDoNothing()
          .returning({ key: notificationDeliveries.key })
      ).length > 0;
    const release = (channel: string) =>
      db.delete(notificationDeliveries).where(eq(notificationDeliveries.key, key(channel)));
    const title = `${show.displayName} is live`;
    if (person.channels.inApp)
      await addNotification(db, {
        userId: person.id,
        kind: 'go_live',
        title,
        body: show.title,
        link: `/live/${show.handle}`,
        dedupeKey: key('in_app'),
      });
    if (person.channels.push && !quiet) {
      for (const subscription of subscriptions.filter((s) => s.userId === person.id)) {
        const channel = `push:${subscription.endpoint}`;
        if (!(await claim(channel))) continue;
        try {
          await sendPush(
            env,
            db,
            subscription,
            { title, body: show.title, icon: show.avatarUrl, url: `/live/${show.handle}` },
            topicOf(show),
          );
        } catch (error) {
          await release(channel);
          retry = error as Error;
        }
      }
    }
    if (person.channels.email && !quiet && (await claim('email'))) {
      const origin = show.origin;
      const token = await unsubscribeToken(env, person.id);
      // The header is for the mail provider's one-click POST (RFC 8058); the body's link is a page for people.
      const mail = goLiveMail(person.displayName, show, origin, `${origin}/unsubscribe?token=${token}`);
      const sent = await sendMail(env, person.address, mail, {
        'List-Unsubscribe': `<${origin}/api/notifications/unsubscribe?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      if (!sent) await release('email');
    }
  }
  if (retry) throw retry;
}

/** A push Topic (at most 32 URL-safe characters): a push service keeps only the newest of one topic. */
function topicOf(show: GoLiveShow): string {
  return `live-${show.handle}`.replace(/[^\w-]/g, '').slice(0, 32);
}

/** Takes the person's 2-hour window for this performer, or finds it already taken by this same show. */
async function claimWindow(db: Database, userId: string, show: GoLiveShow, now: number): Promise<boolean> {
  const claimed = await db
    .insert(goLiveNotices)
    .values({ userId, performerId: show.performerId, showId: show.showId, sentAt: now })
    .onConflictDoUpdate({
      target: [goLiveNotices.userId, goLiveNotices.performerId],
      set: { showId: show.showId, sentAt: now },
      setWhere: or(sql`${goLiveNotices.sentAt} <= ${now - GO_LIVE_QUIET_MS}`, eq(goLiveNotices.showId, show.showId)),
    })
    .returning({ userId: goLiveNotices.userId });
  return claimed.length > 0;
}

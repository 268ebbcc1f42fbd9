import { and, eq, inArray } from 'drizzle-orm';
import { fanClubMemberships } from '../db/fan-club-schema.ts';
import { database } from '../db/index.ts';
import { notificationDeliveries } from '../db/notifications-schema.ts';
import { users } from '../db/schema.ts';
import { sendMail } from '../email/mailer.ts';
import { fanClubPriceMail, type Mail } from '../email/templates.ts';
import { log } from '../log.ts';

/**
 * What fan-club members are told: renewals and lapses in the bell list (written in the same batch as the
 * change they report, so neither lands without the other), a renewal the wallet could not pay and a lapse
 * also by email, a new price in both. These are about the member's money, so they go out whatever the
 * go-live channel settings say.
 */
export type Notice = { title: string; body: string; link: string };

export const MY_CLUBS = '/settings/fan-clubs';

/** An in-app notice keyed `dedupeKey`, for a caller's batch: a rerun adds nothing. */
export function noticeStatement(db: D1Database, userId: string, notice: Notice, dedupeKey: string, now: number) {
  return db
    .prepare(
      `insert into notifications (id, user_id, kind, title, body, link, dedupe_key, created_at)
       values (?, ?, 'fan_club', ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing`,
    )
    .bind(crypto.randomUUID(), userId, notice.title, notice.body, notice.link, dedupeKey, now);
}

/**
 * Sends one email at most once per key: the key is claimed first and given back if the send failed, so a
 * rerun sends what is missing and nothing twice.
 */
export async function mailOnce(env: Env, key: string, userId: string, mail: (name: string) => Mail): Promise<void> {
  const db = database(env);
  const claimed = await db
    .insert(notificationDeliveries)
    .values({ key: `${key}:email`, createdAt: Date.now() })
    .onConflictDoNothing()
    .returning();
  if (claimed.length === 0) return;
  const [person] = await db
    .select({ email: users.email, name: users.displayName, status: users.status })
    .from(users)
    .where(eq(users.id, userId));
  if (person?.status !== 'active') return;
  if (!(await sendMail(env, person.email, mail(person.name))))
    await db.delete(notificationDeliveries).where(eq(notificationDeliveries.key, `${key}:email`));
}

/**
 * A new price: every renewing member is told in the app (one set-wise statement, however many members),
 * and by email (after the answer, through `defer`).
 */
export async function tellMembersOfPrice(
  env: Env,
  performer: { id: string; displayName: string },
  before: number,
  after: number,
  now: number,
  defer: (work: Promise<unknown>) => Promise<void>,
): Promise<void> {
  const renewing = and(
    eq(fanClubMemberships.performerId, performer.id),
    inArray(fanClubMemberships.status, ['active', 'grace']),
    eq(fanClubMemberships.renews, true),
  );
  const change = `fan_club:price:${performer.id}:${now}`;
  await env.DB.prepare(
    `insert into notifications (id, user_id, kind, title, body, link, dedupe_key, created_at)
     select lower(hex(randomblob(16))), m.member_id, 'fan_club', ?1, ?2, ?3, ?4 || ':' || m.id, ?5
       from fan_club_memberships m
      where m.performer_id = ?6 and m.status in ('active', 'grace') and m.renews = 1
     on conflict (dedupe_key) do nothing`,
  )
    .bind(
      `${performer.displayName}'s fan club has a new price`,
      `It now costs ${after} tokens a month (was ${before}), from your next renewal.`,
      MY_CLUBS,
      change,
      now,
      performer.id,
    )
    .run();
  const members = await database(env)
    .select({ id: fanClubMemberships.id, memberId: fanClubMemberships.memberId })
    .from(fanClubMemberships)
    .where(renewing);
  await defer(
    (async () => {
      for (const m of members)
        await mailOnce(env, `${change}:${m.id}`, m.memberId, (name) =>
          fanClubPriceMail(name, performer.displayName, before, after),
        ).catch((error: unknown) => log('error', 'fan_club.price_mail_failed', { error: String(error) }));
    })(),
  );
}

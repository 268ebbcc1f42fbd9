import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { FanClubSettingsInput, JoinFanClubResult, Membership } from '../../wire/fan-club.ts';
import { checkLedger } from '../../workers/money/check.ts';
import { HOURLY, scheduled } from '../../workers/scheduled.ts';
import { type Browser, signedUp } from '../client.ts';
import { fund } from '../money/fixtures.ts';

export const DAY = 24 * 60 * 60 * 1000;

/** The lead's gate verifies accounts made by signedUp(); until then (and harmlessly after) it is done here. */
export async function verified(userId: string): Promise<void> {
  await env.DB.prepare('update users set email_verified_at = coalesce(email_verified_at, ?) where id = ?')
    .bind(Date.now(), userId)
    .run();
}

export type Person = { browser: Browser; id: string; handle: string };

/** A performer with a fan club set as given (on, 100 tokens, two perks unless told otherwise). */
export async function performerWithClub(settings: Partial<FanClubSettingsInput> = {}): Promise<Person> {
  const { browser, user } = await signedUp({ role: 'performer' });
  await verified(user.id);
  const body = { enabled: true, priceTokens: 100, perks: ['Badge in chat', 'Members-only chat'], ...settings };
  const response = await browser.fetch('/api/studio/fan-club', { method: 'PUT', json: body });
  expect(response.status).toBe(200);
  return { browser, id: user.id, handle: user.handle };
}

/** A verified viewer with `tokens` in the wallet. */
export async function viewerWith(tokens: number): Promise<Person> {
  const { browser, user } = await signedUp();
  await verified(user.id);
  if (tokens > 0) await fund(user.id, tokens);
  return { browser, id: user.id, handle: user.handle };
}

export function join(viewer: Person, handle: string, idempotencyKey = crypto.randomUUID()): Promise<Response> {
  return viewer.browser.post(`/api/performers/${handle}/fan-club/join`, { idempotencyKey });
}

export async function joined(viewer: Person, handle: string): Promise<JoinFanClubResult> {
  const response = await join(viewer, handle);
  expect(response.status).toBe(200);
  return (await response.json()) as JoinFanClubResult;
}

export async function membershipOf(viewer: Person, handle: string): Promise<Membership | null> {
  const response = await viewer.browser.fetch(`/api/performers/${handle}/fan-club`);
  return ((await response.json()) as { membership: Membership | null }).membership;
}

/** The renewal job as the hourly cron trigger runs it, at `at` (the test clock). */
export function renewalsAt(at: number): Promise<void> {
  return scheduled({ scheduledTime: at, cron: HOURLY, noRetry: () => {} } as ScheduledController, env);
}

export async function fanClubCharges(memberId: string): Promise<{ key: string; amount: number }[]> {
  const { results } = await env.DB.prepare(
    `select t.idempotency_key as key, -e.amount as amount from ledger_transactions t
       join ledger_entries e on e.transaction_id = t.id and e.account = 'wallet:' || t.actor_id
      where t.kind = 'fan_club' and t.actor_id = ? order by t.created_at, t.idempotency_key`,
  )
    .bind(memberId)
    .all<{ key: string; amount: number }>();
  return results;
}

export async function noticesOf(userId: string): Promise<{ title: string; body: string }[]> {
  const { results } = await env.DB.prepare(
    "select title, body from notifications where user_id = ? and kind = 'fan_club' order by created_at, title",
  )
    .bind(userId)
    .all<{ title: string; body: string }>();
  return results;
}

/** The fan-club emails the person was sent (the local mailbox keeps them). */
export async function mailTo(userId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `select m.subject from local_mailbox m join users u on u.email = m."to"
      where u.id = ? and m.subject like '%fan club%' order by m.created_at`,
  )
    .bind(userId)
    .all<{ subject: string }>();
  return results.map((r) => r.subject);
}

export async function expectLedgerOk(): Promise<void> {
  expect(await checkLedger(env.DB, { now: Date.now() + 60 * 60_000 })).toMatchObject({ fanClubMissplit: 0, ok: true });
}

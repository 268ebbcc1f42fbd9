import { env } from 'cloudflare:workers';
import { requestPayout } from '../../workers/money/payouts.ts';
import { commitTips } from '../../workers/money/tips.ts';
import { asAdmin } from '../access-token.ts';
import { Browser } from '../client.ts';
import { fund, newUser } from '../money/fixtures.ts';

/** An admin request behind Access, from a fresh browser. */
export async function asAdminFetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  return new Browser().fetch(path, { ...init, headers: { ...(await asAdmin()), ...init.headers } });
}

/** A performer with 7,000 tokens of earnings, of which `amount` is requested as a payout. */
export async function requestedPayout(amount = 5000): Promise<{ performerId: string; payoutId: string }> {
  const performerId = await newUser('performer');
  const fan = await newUser();
  await fund(fan, 10_000);
  await commitTips(
    env.DB,
    [{ tipperId: fan, performerId, amount: 10_000, idempotencyKey: `tip:${crypto.randomUUID()}` }],
    30,
  );
  const payout = await requestPayout(env.DB, performerId, amount, `payout:${crypto.randomUUID()}`);
  return { performerId, payoutId: payout.id };
}

/** A payout approved and transferred at the local provider, whose answer never came back: one to reconcile. */
export async function sentPayout(): Promise<{ performerId: string; payoutId: string }> {
  const payout = await requestedPayout();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      "update payouts set status = 'approved', approved_by = 'admin@encore.local', updated_at = ? where id = ?",
    ).bind(now, payout.payoutId),
    env.DB.prepare(
      `insert into local_transfers (idempotency_key, transfer_id, payout_id, account_id, amount, currency, created_at)
         values (?, ?, ?, 'acct_local_x', 5000, 'usd', ?)`,
    ).bind(`payout:${payout.payoutId}`, `tr_local_${payout.payoutId}`, payout.payoutId, now),
  ]);
  return payout;
}

export type ReportSeed = {
  reporterId?: string;
  performerId?: string;
  target?: 'message' | 'room';
  authorId?: string | null;
  messageId?: string | null;
  createdAt?: number;
  status?: 'open' | 'dismissed' | 'actioned';
};

/** A report row as the Room files it, with evidence naming the reported message. */
export async function fileReport(
  seed: ReportSeed = {},
): Promise<{ id: string; reporterId: string; performerId: string; authorId: string | null }> {
  const id = crypto.randomUUID();
  const reporterId = seed.reporterId ?? (await newUser());
  const performerId = seed.performerId ?? (await newUser('performer'));
  const target = seed.target ?? 'message';
  const authorId = target === 'message' ? (seed.authorId ?? (await newUser())) : null;
  const handle = (await env.DB.prepare('select handle from users where id = ?')
    .bind(performerId)
    .first<{ handle: string }>())!.handle;
  const message =
    target === 'message'
      ? {
          seq: 3,
          message: {
            id: seed.messageId ?? `m_${id.slice(0, 8)}`,
            text: 'something nasty',
            at: Date.now(),
            from: { handle: 'someone', displayName: 'Someone' },
          },
        }
      : null;
  const evidence = {
    capturedAt: new Date().toISOString(),
    room: { handle, live: true, title: 'Show', tags: [], viewers: 3 },
    message,
    chat: message ? [message] : [],
  };
  await env.DB.prepare(
    `insert into reports (id, reporter_id, performer_id, target, message_seq, message_author_id, reason, text,
       evidence, status, created_at)
     values (?, ?, ?, ?, ?, ?, 'harassment', 'Please look', ?, ?, ?)`,
  )
    .bind(
      id,
      reporterId,
      performerId,
      target,
      message ? 3 : null,
      authorId,
      JSON.stringify(evidence),
      seed.status ?? 'open',
      seed.createdAt ?? Date.now(),
    )
    .run();
  return { id, reporterId, performerId, authorId };
}

export async function auditRowsSince(
  id: number,
): Promise<
  { id: number; actor: string; action: string; object_type: string; object_id: string; detail: string | null }[]
> {
  return (
    await env.DB.prepare(
      'select id, actor, action, object_type, object_id, detail from audit_log where id > ? order by id',
    )
      .bind(id)
      .all<{
        id: number;
        actor: string;
        action: string;
        object_type: string;
        object_id: string;
        detail: string | null;
      }>()
  ).results;
}

export async function lastAuditId(): Promise<number> {
  return (await env.DB.prepare('select coalesce(max(id), 0) as id from audit_log').first<{ id: number }>())!.id;
}

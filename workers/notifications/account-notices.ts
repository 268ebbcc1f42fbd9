import type { Payout } from '../../wire/money.ts';
import { log } from '../log.ts';

/**
 * The in-app notices that are not go-live: payout results, identity-check decisions, admin warnings and
 * answers to reports. Each is one insert, keyed so a retried action adds nothing; the ones that must land
 * with the action are statements for its batch, the rest are written after it.
 */
type Notice = { userId: string; kind: string; title: string; body: string; link: string; dedupeKey: string };

export function noticeStatement(db: D1Database, notice: Notice, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `insert into notifications (id, user_id, kind, title, body, link, dedupe_key, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing`,
    )
    .bind(
      crypto.randomUUID(),
      notice.userId,
      notice.kind,
      notice.title,
      notice.body,
      notice.link,
      notice.dedupeKey,
      now,
    );
}

/** Written after the action it reports: a failure here loses a notice, never the action. */
async function tell(db: D1Database, notice: Notice): Promise<void> {
  try {
    await noticeStatement(db, notice).run();
  } catch (error) {
    log('error', 'notice.failed', { kind: notice.kind, error: String(error) });
  }
}

export async function payoutNotice(db: D1Database, performerId: string, payout: Payout): Promise<void> {
  if (payout.status !== 'paid' && payout.status !== 'failed') return;
  const tokens = new Intl.NumberFormat('en').format(payout.amount);
  await tell(db, {
    userId: performerId,
    kind: 'payout',
    title: payout.status === 'paid' ? 'Your payout was sent' : 'Your payout failed',
    body:
      payout.status === 'paid'
        ? `${tokens} tokens are on their way to your payout account.`
        : `${payout.failureReason ?? 'The payout provider refused it.'} The tokens are back in your earnings.`,
    link: '/studio/earnings',
    dedupeKey: `payout:${payout.id}:${payout.status}`,
  });
}

export async function identityNotice(
  db: D1Database,
  userId: string,
  verificationId: string,
  approved: boolean,
  reason: string | null,
): Promise<void> {
  await tell(db, {
    userId,
    kind: 'identity',
    title: approved ? 'Your identity check was approved' : 'Your identity check was not approved',
    body: approved ? 'You can go live now.' : `${reason ?? ''} You can send new documents from the studio.`.trim(),
    link: '/studio/verify',
    dedupeKey: `identity:${verificationId}`,
  });
}

export function warningNoticeStatement(db: D1Database, userId: string, message: string, reportId: string) {
  return noticeStatement(db, {
    userId,
    kind: 'warning',
    title: 'A warning from the Encore team',
    body: message,
    link: '/settings/account',
    dedupeKey: `warning:${reportId}`,
  });
}

/** The reporter hears that their report was looked at (never who was acted on, beyond what they reported). */
export function reportAnsweredStatement(db: D1Database, reporterId: string, reportId: string, actioned: boolean) {
  return noticeStatement(db, {
    userId: reporterId,
    kind: 'report',
    title: 'Your report was reviewed',
    body: actioned
      ? 'Thank you: we acted on what you reported.'
      : 'Thank you: we looked at what you reported and took no action this time.',
    link: '/notifications',
    dedupeKey: `report:${reportId}`,
  });
}

import { and, between, eq, lt, sql } from 'drizzle-orm';
import type { EndedShow } from '../../durable-objects/show/live-show.ts';
import type { ShowSummary } from '../../wire/live.ts';
import type { Database } from '../db/index.ts';
import { ledgerEntries, ledgerTransactions } from '../db/money-schema.ts';
import { follows } from '../db/schema.ts';

/**
 * The figures of a show that ended, from the Room's record of it (times, peak viewers) and D1: tips to
 * the performer while it ran (the tipper's debit, so a goal tip held in escrow counts as tipped) and
 * follows made meanwhile that still stand. Both queries run on indexes (counterparty, kind, time; performer).
 */
export async function showSummary(db: Database, performerId: string, show: EndedShow): Promise<ShowSummary> {
  const [[tipped], [followed]] = await db.batch([
    db
      .select({
        tips: sql<number>`count(*)`.mapWith(Number),
        tokens: sql<number>`coalesce(sum(-${ledgerEntries.amount}), 0)`.mapWith(Number),
      })
      .from(ledgerTransactions)
      // A tip's one negative entry is the tipper's wallet.
      .innerJoin(
        ledgerEntries,
        and(eq(ledgerEntries.transactionId, ledgerTransactions.id), lt(ledgerEntries.amount, 0)),
      )
      .where(
        and(
          eq(ledgerTransactions.counterpartyId, performerId),
          eq(ledgerTransactions.kind, 'tip'),
          between(ledgerTransactions.createdAt, show.startedAt, show.endedAt),
        ),
      ),
    db
      .select({ followers: sql<number>`count(*)`.mapWith(Number) })
      .from(follows)
      .where(and(eq(follows.performerId, performerId), between(follows.createdAt, show.startedAt, show.endedAt))),
  ]);
  return {
    title: show.title,
    startedAt: new Date(show.startedAt).toISOString(),
    endedAt: new Date(show.endedAt).toISOString(),
    durationSeconds: Math.max(0, Math.round((show.endedAt - show.startedAt) / 1000)),
    peakViewers: show.peakViewers,
    tips: tipped?.tips ?? 0,
    tokens: tipped?.tokens ?? 0,
    newFollowers: followed?.followers ?? 0,
  };
}

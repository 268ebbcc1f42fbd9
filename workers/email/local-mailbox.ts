import { desc, eq } from 'drizzle-orm';
import { type CapturedMail, localMailbox } from '../db/email-schema.ts';
import type { Database } from '../db/index.ts';

/** The local mailbox's reads (the writes are in mailer.ts): newest first, optionally for one address. */
export async function capturedMail(db: Database, to?: string, limit = 100): Promise<CapturedMail[]> {
  const query = db.select().from(localMailbox);
  const filtered = to ? query.where(eq(localMailbox.to, to.toLowerCase())) : query;
  return filtered.orderBy(desc(localMailbox.createdAt), desc(localMailbox.id)).limit(limit);
}

export async function capturedMessage(db: Database, id: string): Promise<CapturedMail | undefined> {
  const [mail] = await db.select().from(localMailbox).where(eq(localMailbox.id, id)).limit(1);
  return mail;
}

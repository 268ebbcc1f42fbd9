import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { database } from '../db/index.ts';
import { kycDocuments, kycVerifications } from '../db/safety-schema.ts';
import { intVar } from '../env.ts';
import { log } from '../log.ts';
import { guardedAudit } from './records.ts';

/**
 * Identity documents are kept only while needed: those of rejected verifications (not fixed
 * since) and of drafts abandoned for `KYC_RETENTION_DAYS` are deleted from R2. The row stays,
 * marked deleted, as the record that the document existed; each deletion writes one audit row.
 * Safe to run twice or concurrently: a document already marked deleted is not picked again, and
 * the audit row is written only by the run whose update marked it.
 */
export const RETENTION_ACTOR = 'system:retention';
const BATCH = 200;

export async function runRetention(
  env: Pick<Env, 'DB' | 'KYC' | 'KYC_RETENTION_DAYS'>,
  now = Date.now(),
): Promise<{ deleted: number }> {
  const cutoff = now - intVar(env.KYC_RETENTION_DAYS, 30) * 24 * 60 * 60 * 1000;
  const db = env.DB;
  let deleted = 0;
  for (;;) {
    const results = await database(env)
      .select({ d: kycDocuments, verificationStatus: kycVerifications.status })
      .from(kycDocuments)
      .innerJoin(kycVerifications, eq(kycVerifications.id, kycDocuments.verificationId))
      .where(
        and(
          isNull(kycDocuments.deletedAt),
          inArray(kycVerifications.status, ['rejected', 'draft']),
          lt(kycVerifications.updatedAt, cutoff),
        ),
      )
      .orderBy(kycDocuments.createdAt)
      .limit(BATCH);
    if (results.length === 0) break;
    // R2 first: if the run dies here, the rows still point at (now missing) objects and the next run finishes the job.
    await env.KYC.delete(results.map(({ d }) => d.objectKey));
    const marked = `select 1 from kyc_documents where id = ? and deleted_at = ?`;
    await db.batch(
      results.flatMap(({ d, verificationStatus }) => [
        db.prepare('update kyc_documents set deleted_at = ? where id = ? and deleted_at is null').bind(now, d.id),
        guardedAudit(
          db,
          {
            actor: RETENTION_ACTOR,
            action: 'kyc.document.delete',
            objectType: 'kyc_document',
            objectId: d.id,
            detail: {
              verificationId: d.verificationId,
              side: d.side,
              reason: verificationStatus,
              retentionDays: intVar(env.KYC_RETENTION_DAYS, 30),
            },
          },
          marked,
          [d.id, now],
          now,
        ),
      ]),
    );
    deleted += results.length;
    if (results.length < BATCH) break;
  }
  if (deleted > 0) log('info', 'kyc_retention', { deleted });
  return { deleted };
}

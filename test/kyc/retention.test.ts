import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index.ts';
import { RETENTION_ACTOR, runRetention } from '../../workers/kyc/retention.ts';
import { admin, auditRows, FORM, jpeg, performer, submittedPerformer, upload } from './fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Moves a verification's last change back in time, as if it had sat untouched. */
async function age(verificationId: string, days: number) {
  await env.DB.prepare('update kyc_verifications set updated_at = updated_at - ? where id = ?')
    .bind(days * DAY, verificationId)
    .run();
}

async function documentsOf(verificationId: string) {
  const { results } = await env.DB.prepare(
    'select id, object_key, deleted_at from kyc_documents where verification_id = ?',
  )
    .bind(verificationId)
    .all<{ id: string; object_key: string; deleted_at: number | null }>();
  return results;
}

async function abandonedDraft() {
  const p = await performer();
  await p.browser.fetch('/api/studio/verification', { method: 'PUT', json: FORM });
  await upload(p.browser, 'front', jpeg());
  const v = await env.DB.prepare('select id from kyc_verifications where user_id = ?')
    .bind(p.user.id)
    .first<{ id: string }>();
  return v!.id;
}

async function rejected() {
  const { verificationId, browser } = await submittedPerformer();
  await admin(`/api/admin/kyc/${verificationId}/reject`, { method: 'POST', json: { reason: 'The ID has expired' } });
  return { verificationId, browser };
}

describe('document retention', () => {
  it('deletes documents of rejected and abandoned verifications once, auditing each; run twice, no more', async () => {
    const draft = await abandonedDraft();
    const { verificationId: refused } = await rejected();
    const waiting = (await submittedPerformer()).verificationId;
    const recentDraft = await abandonedDraft();
    await age(draft, 31);
    await age(refused, 31);
    await age(waiting, 31);
    await age(recentDraft, 5);

    const first = await runRetention(env);
    const second = await runRetention(env);
    expect(second).toEqual({ deleted: 0 });
    expect(first.deleted).toBeGreaterThanOrEqual(4);

    for (const id of [draft, refused]) {
      for (const d of await documentsOf(id)) {
        expect(d.deleted_at).not.toBeNull();
        expect(await env.KYC.head(d.object_key)).toBeNull();
        const rows = (await auditRows(d.id)).filter((r) => r.action === 'kyc.document.delete');
        expect(rows).toEqual([expect.objectContaining({ actor: RETENTION_ACTOR, object_type: 'kyc_document' })]);
      }
    }
    for (const id of [waiting, recentDraft]) {
      for (const d of await documentsOf(id)) {
        expect(d.deleted_at).toBeNull();
        expect(await env.KYC.head(d.object_key)).not.toBeNull();
      }
    }
  });

  it('counts a fresh upload to a rejected verification as work on it, not abandonment', async () => {
    const { verificationId: refused, browser } = await rejected();
    await age(refused, 31);
    // The performer comes back and replaces the selfie.
    expect((await upload(browser, 'selfie', jpeg())).status).toBe(200);
    await runRetention(env);
    // Front, back and the new selfie.
    expect((await documentsOf(refused)).filter((d) => d.deleted_at === null)).toHaveLength(3);
  });

  it('follows KYC_RETENTION_DAYS', async () => {
    const draft = await abandonedDraft();
    await age(draft, 3);
    expect((await documentsOf(draft))[0]!.deleted_at).toBeNull();
    await runRetention({ ...env, KYC_RETENTION_DAYS: '7' });
    expect((await documentsOf(draft))[0]!.deleted_at).toBeNull();
    await runRetention({ ...env, KYC_RETENTION_DAYS: '2' });
    expect((await documentsOf(draft))[0]!.deleted_at).not.toBeNull();
  });

  it('runs from the cron trigger', async () => {
    const draft = await abandonedDraft();
    await age(draft, 40);
    await worker.scheduled(createScheduledController({ cron: '17 3 * * *', scheduledTime: Date.now() }), env);
    const [document] = await documentsOf(draft);
    expect(document!.deleted_at).not.toBeNull();
  });
});

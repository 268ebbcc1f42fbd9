import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { KycNextResponse, KycQueue, KycState } from '../../wire/kyc.ts';
import { ADMIN } from '../access-token.ts';
import { type Browser, errorOf } from '../client.ts';
import { admin, auditRows, FORM, jpeg, stateOf, submittedPerformer, upload } from './fixtures.ts';

const goLive = (browser: Browser) => browser.post('/api/studio/live', { title: 'First show' });

describe('the KYC queue', () => {
  it('lists waiting verifications oldest first, without personal data, and opens the oldest as next', async () => {
    const first = await submittedPerformer();
    const second = await submittedPerformer();
    await env.DB.prepare('update kyc_verifications set submitted_at = submitted_at - 86400000 where id = ?')
      .bind(first.verificationId)
      .run();
    const queue = (await (await admin('/api/admin/kyc')).json()) as KycQueue;
    const ids = queue.items.map((i) => i.id);
    expect(ids.indexOf(first.verificationId)).toBeLessThan(ids.indexOf(second.verificationId));
    expect(queue.total).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(queue)).not.toContain(FORM.legalName);
    expect(queue.items[0]).toEqual({
      id: expect.any(String),
      handle: expect.any(String),
      status: 'submitted',
      country: 'GB',
      idType: 'national_id',
      submittedAt: expect.any(String),
    });

    const next = (await (await admin('/api/admin/kyc/next')).json()) as KycNextResponse;
    expect(next.verification?.id).toBe(ids[0]);
    expect(next.verification).toMatchObject({
      legalName: FORM.legalName,
      idNumber: FORM.idNumber,
      stageNames: ['Nova Light'],
      documents: expect.any(Array),
    });
    expect((await auditRows(ids[0]!)).map((r) => [r.actor, r.action])).toEqual([
      [expect.stringMatching(/^user:/), 'kyc.submit'],
      [ADMIN, 'kyc.view'],
    ]);
  });

  it('audits each document view with the admin, and the document is never cacheable', async () => {
    const { verificationId, state } = await submittedPerformer();
    for (const document of state.documents) {
      const response = await admin(`/api/admin/kyc/${verificationId}/documents/${document.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      await response.arrayBuffer();
      expect((await auditRows(document.id)).map((r) => [r.actor, r.action, r.object_type])).toEqual([
        [ADMIN, 'kyc.document.view', 'kyc_document'],
      ]);
    }
    expect(await errorOf(await admin(`/api/admin/kyc/${verificationId}/documents/not-a-document`))).toMatchObject({
      status: 404,
    });
    expect(await errorOf(await admin('/api/admin/kyc/not-a-verification'))).toMatchObject({ status: 404 });
  });

  it('refuses every KYC admin route without a valid Access token, even to a signed-in performer', async () => {
    const { browser, verificationId, state } = await submittedPerformer();
    for (const path of [
      '/api/admin/kyc',
      '/api/admin/kyc/next',
      `/api/admin/kyc/${verificationId}`,
      `/api/admin/kyc/${verificationId}/documents/${state.documents[0]!.id}`,
    ]) {
      expect(await errorOf(await browser.fetch(path))).toMatchObject({ status: 401, code: 'ACCESS_DENIED' });
      expect(
        await errorOf(await browser.fetch(path, { headers: { 'Cf-Access-Jwt-Assertion': 'not-a-token' } })),
      ).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
    }
    expect(await errorOf(await browser.post(`/api/admin/kyc/${verificationId}/approve`, {}))).toMatchObject({
      status: 401,
    });
    expect((await auditRows(verificationId)).filter((r) => r.action === 'kyc.approve')).toEqual([]);
  });
});

describe('decisions and the go-live gate', () => {
  it('keeps an unverified performer off air until an admin approves, then lets them go live', async () => {
    const { browser, user, verificationId } = await submittedPerformer();
    expect(await errorOf(await goLive(browser))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const approved = await admin(`/api/admin/kyc/${verificationId}/approve`, { method: 'POST', json: {} });
    expect(await approved.json()).toMatchObject({ status: 'approved', reviewedBy: ADMIN });
    const row = await env.DB.prepare(
      `select v.status, v.reviewed_by, v.reviewed_at, p.kyc_status from kyc_verifications v
         join performer_profiles p on p.user_id = v.user_id where v.id = ?`,
    )
      .bind(verificationId)
      .first<{ status: string; reviewed_by: string; reviewed_at: number; kyc_status: string }>();
    expect(row).toMatchObject({ status: 'approved', reviewed_by: ADMIN, kyc_status: 'approved' });
    expect(row!.reviewed_at).toBeGreaterThan(0);
    expect((await goLive(browser)).status).toBe(200);
    expect(await stateOf(browser)).toMatchObject({ status: 'approved', editable: false });
    expect(await (await browser.fetch('/api/me/notifications')).json()).toMatchObject({
      notifications: [{ kind: 'identity', title: 'Your identity check was approved', link: '/studio/verify' }],
    });
    const audit = (await auditRows(verificationId)).filter((r) => r.action === 'kyc.approve');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({
      legalName: FORM.legalName,
      dateOfBirth: FORM.dateOfBirth,
      idNumberLast4: 'C789',
      performerId: user.id,
    });
    // A second decision changes nothing and leaves no second trace.
    expect(
      await errorOf(await admin(`/api/admin/kyc/${verificationId}/approve`, { method: 'POST', json: {} })),
    ).toMatchObject({ status: 409, code: 'VERIFICATION_LOCKED' });
    expect(
      (await auditRows(verificationId)).filter(
        (r) => r.action.startsWith('kyc.approve') || r.action.startsWith('kyc.reject'),
      ),
    ).toHaveLength(1);
  });

  it('rejects with a reason the performer sees; they fix it, resubmit, and stay off air until approved', async () => {
    const { browser, verificationId } = await submittedPerformer();
    expect(
      await errorOf(await admin(`/api/admin/kyc/${verificationId}/reject`, { method: 'POST', json: { reason: '' } })),
    ).toMatchObject({ status: 400 });
    const rejected = await admin(`/api/admin/kyc/${verificationId}/reject`, {
      method: 'POST',
      json: { reason: 'The selfie is blurred' },
    });
    expect(await rejected.json()).toMatchObject({ status: 'rejected' });
    expect(await stateOf(browser)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The selfie is blurred',
      editable: true,
    });
    expect(await errorOf(await goLive(browser))).toMatchObject({ status: 403 });

    expect((await upload(browser, 'selfie', jpeg())).status).toBe(200);
    const resubmitted = (await (await browser.post('/api/studio/verification/submit', {})).json()) as KycState;
    expect(resubmitted).toMatchObject({
      status: 'resubmitted',
      rejectionReason: 'The selfie is blurred',
      editable: false,
    });
    const queue = (await (await admin('/api/admin/kyc')).json()) as KycQueue;
    expect(queue.items.find((i) => i.id === verificationId)).toMatchObject({ status: 'resubmitted' });
    expect(await errorOf(await goLive(browser))).toMatchObject({ status: 403 });
    await admin(`/api/admin/kyc/${verificationId}/approve`, { method: 'POST', json: {} });
    expect((await goLive(browser)).status).toBe(200);
    expect((await auditRows(verificationId)).map((r) => r.action)).toEqual([
      'kyc.submit',
      'kyc.reject',
      'kyc.resubmit',
      'kyc.approve',
    ]);
  });

  it('refuses a second decision once the verification is no longer waiting', async () => {
    const { browser, verificationId } = await submittedPerformer();
    await admin(`/api/admin/kyc/${verificationId}/reject`, {
      method: 'POST',
      json: { reason: 'Wrong country on the form' },
    });
    expect(
      await errorOf(await admin(`/api/admin/kyc/${verificationId}/approve`, { method: 'POST', json: {} })),
    ).toMatchObject({ status: 409 });
    expect(await errorOf(await goLive(browser))).toMatchObject({ status: 403 });
  });
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { KYC_DOCUMENT_MAX_BYTES, type KycState } from '../../wire/kyc.ts';
import { Browser, errorOf, signedUp } from '../client.ts';
import { FORM, jpeg, pdf, performer, png, stateOf, submittedPerformer, upload } from './fixtures.ts';

const save = (browser: Browser, form: unknown) =>
  browser.fetch('/api/studio/verification', { method: 'PUT', json: form });
const objectCount = async () => (await env.KYC.list()).objects.length;
const documentRows = async (userId: string) =>
  (await env.DB.prepare(
    `select count(*) as n from kyc_documents d join kyc_verifications v on v.id = d.verification_id
       where v.user_id = ?`,
  )
    .bind(userId)
    .first<{ n: number }>())!.n;

describe('the verification form', () => {
  it('starts empty, saves a draft without the ID number in clear, and submits once every document is in', async () => {
    const { browser, user } = await performer();
    expect(await stateOf(browser)).toMatchObject({ status: 'none', form: null, documents: [], editable: true });
    const saved = await save(browser, FORM);
    expect(saved.status).toBe(200);
    const draft = await saved.json();
    expect(draft).toMatchObject({
      status: 'draft',
      form: { legalName: 'Ada Lovelace', idNumberLast4: 'C789', stageNames: ['Nova Light'], consent: true },
    });
    expect(JSON.stringify(draft)).not.toContain('123 456');

    const early = await browser.post('/api/studio/verification/submit', {});
    expect(await errorOf(early)).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: { front: expect.any(String), back: expect.any(String), selfie: expect.any(String) },
    });

    expect((await upload(browser, 'front', jpeg(), 'image/jpeg')).status).toBe(200);
    expect((await upload(browser, 'back', pdf(), 'application/pdf')).status).toBe(200);
    expect((await upload(browser, 'selfie', png(), 'image/png')).status).toBe(200);
    const submitted = (await (await browser.post('/api/studio/verification/submit', {})).json()) as KycState;
    expect(submitted).toMatchObject({ status: 'submitted', editable: false });
    expect(submitted.documents.map((d) => `${d.side}:${d.contentType}`).sort()).toEqual([
      'back:application/pdf',
      'front:image/jpeg',
      'selfie:image/png',
    ]);
    const profile = await env.DB.prepare('select kyc_status from performer_profiles where user_id = ?')
      .bind(user.id)
      .first<{ kyc_status: string }>();
    expect(profile!.kyc_status).toBe('submitted');
  });

  it('asks for the first ID number, refuses under-18s and bad fields with a message per field', async () => {
    const { browser } = await performer();
    expect(await errorOf(await save(browser, { ...FORM, idNumber: undefined }))).toMatchObject({
      status: 400,
      fields: { idNumber: expect.any(String) },
    });
    const year = new Date().getUTCFullYear() - 17;
    const minor = await errorOf(await save(browser, { ...FORM, dateOfBirth: `${year}-01-01` }));
    expect(minor).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: { dateOfBirth: expect.stringContaining('18') },
    });
    const bad = await errorOf(
      await save(browser, { ...FORM, legalName: '', country: 'Britain', idType: 'library_card' }),
    );
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['country', 'idType', 'legalName']);
    expect(await stateOf(browser)).toMatchObject({ status: 'none' });
  });

  it('needs consent and no back side for a passport', async () => {
    const { browser } = await performer();
    await save(browser, { ...FORM, idType: 'passport', consent: false });
    expect(await errorOf(await upload(browser, 'back', jpeg()))).toMatchObject({ status: 400 });
    await upload(browser, 'front', jpeg());
    await upload(browser, 'selfie', jpeg());
    expect(await errorOf(await browser.post('/api/studio/verification/submit', {}))).toMatchObject({
      status: 400,
      fields: { consent: expect.any(String) },
    });
    await save(browser, { ...FORM, idType: 'passport', idNumber: undefined });
    expect(await (await browser.post('/api/studio/verification/submit', {})).json()).toMatchObject({
      status: 'submitted',
      form: { idNumberLast4: 'C789' },
    });
  });

  it('cannot be changed while in review, and replacing a document removes the old object', async () => {
    const { browser } = await performer();
    await save(browser, FORM);
    await upload(browser, 'front', jpeg());
    const before = await objectCount();
    await upload(browser, 'front', jpeg());
    expect(await objectCount()).toBe(before);
    expect((await stateOf(browser)).documents.filter((d) => d.side === 'front')).toHaveLength(1);

    const { browser: inReview } = await submittedPerformer();
    expect(await errorOf(await save(inReview, FORM))).toMatchObject({ status: 409, code: 'VERIFICATION_LOCKED' });
    expect(await errorOf(await upload(inReview, 'front', jpeg()))).toMatchObject({
      status: 409,
      code: 'VERIFICATION_LOCKED',
    });
    expect(await errorOf(await inReview.post('/api/studio/verification/submit', {}))).toMatchObject({ status: 409 });
  });
});

describe('bad uploads', () => {
  const cases: [string, () => Uint8Array, number, string][] = [
    ['an empty file', () => new Uint8Array(), 400, 'VALIDATION_FAILED'],
    ['a script renamed to .jpg', () => new TextEncoder().encode('#!/bin/sh\necho hi\n'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a GIF', () => new TextEncoder().encode('GIF89a........'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a JPEG cut off mid-scan', () => jpeg(200).subarray(0, 120), 400, 'VALIDATION_FAILED'],
    ['a PNG without its end', () => png().subarray(0, 30), 400, 'VALIDATION_FAILED'],
    ['a PDF without %%EOF', () => pdf().subarray(0, 40), 400, 'VALIDATION_FAILED'],
    [
      'a file over 10 MB',
      () => Object.assign(new Uint8Array(KYC_DOCUMENT_MAX_BYTES + 1), { 0: 0xff, 1: 0xd8, 2: 0xff }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ];

  it.each(cases)('refuses %s and stores nothing', async (_, bytes, status, code) => {
    const { browser, user } = await performer();
    await save(browser, FORM);
    const objects = await objectCount();
    expect(await errorOf(await upload(browser, 'front', bytes(), 'image/jpeg'))).toMatchObject({ status, code });
    expect(await objectCount()).toBe(objects);
    expect(await documentRows(user.id)).toBe(0);
  });

  it('refuses an oversized body that declares no length, while it streams', async () => {
    const { browser, user } = await performer();
    await save(browser, FORM);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 11) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await browser.fetch('/api/studio/verification/documents/front', {
      method: 'PUT',
      body,
      headers: { 'Content-Type': 'image/jpeg' },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await documentRows(user.id)).toBe(0);
  });
});

describe('who can reach verification', () => {
  it('keeps each performer to their own: another’s document is a 404 and their status is never shown', async () => {
    const owner = await submittedPerformer();
    const other = await performer();
    const own = owner.state.documents[0]!;
    const mine = await owner.browser.fetch(`/api/studio/verification/documents/${own.id}`);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('Cache-Control')).toBe('no-store');
    expect(await errorOf(await other.browser.fetch(`/api/studio/verification/documents/${own.id}`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await stateOf(other.browser)).toMatchObject({ status: 'none', form: null, documents: [] });
  });

  it('refuses viewers (403) and signed-out visitors (401) on every verification route', async () => {
    const { browser: viewer } = await signedUp({ role: 'viewer' });
    const routes: [string, string][] = [
      ['GET', '/api/studio/verification'],
      ['PUT', '/api/studio/verification'],
      ['PUT', '/api/studio/verification/documents/front'],
      ['GET', '/api/studio/verification/documents/some-id'],
      ['POST', '/api/studio/verification/submit'],
    ];
    for (const [method, path] of routes) {
      const init =
        method === 'PUT' && path.endsWith('front')
          ? { method, body: jpeg() }
          : { method, ...(method === 'GET' ? {} : { json: FORM }) };
      expect({ path, ...(await errorOf(await viewer.fetch(path, init))) }).toMatchObject({
        path,
        status: 403,
        code: 'FORBIDDEN',
      });
      expect({ path, ...(await errorOf(await new Browser().fetch(path, init))) }).toMatchObject({ path, status: 401 });
    }
  });
});

describe('a performer verified before this flow existed', () => {
  it('shows as approved with nothing on file, and cannot open a new verification', async () => {
    const { browser, user } = await performer();
    await env.DB.prepare("update performer_profiles set kyc_status = 'approved' where user_id = ?").bind(user.id).run();
    expect(await stateOf(browser)).toMatchObject({ status: 'approved', form: null, editable: false });
    expect(await errorOf(await save(browser, FORM))).toMatchObject({ status: 409, code: 'VERIFICATION_LOCKED' });
    expect(await stateOf(browser)).toMatchObject({ status: 'approved' });
  });
});

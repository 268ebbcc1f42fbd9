import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DocumentDamaged, open, openText, seal, sealText } from '../../workers/kyc/envelope.ts';
import { admin, auditRows, FORM, submittedPerformer } from './fixtures.ts';

const keys = (active: string, ...ids: string[]) => ({
  KYC_ACTIVE_KEY_ID: active,
  KYC_MASTER_KEYS: JSON.stringify(
    Object.fromEntries(ids.map((id) => [id, btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))])),
  ),
});

describe('document envelope encryption', () => {
  it('seals with a fresh data key each time and opens to the exact bytes', async () => {
    const plain = crypto.getRandomValues(new Uint8Array(1000));
    const one = await seal(env, plain, 'doc-1');
    const two = await seal(env, plain, 'doc-1');
    expect(one.bytes).not.toEqual(two.bytes);
    expect(one.wrappedKey).not.toBe(two.wrappedKey);
    expect(one.keyId).toBe(env.KYC_ACTIVE_KEY_ID);
    expect(await open(env, one, 'doc-1')).toEqual(plain);
  });

  it('refuses a flipped bit, a cut-off object, another document’s context and an unknown key id', async () => {
    const sealed = await seal(env, new Uint8Array([1, 2, 3, 4, 5]), 'doc-a');
    const flipped = sealed.bytes.slice();
    flipped[20]! ^= 1;
    await expect(open(env, { ...sealed, bytes: flipped }, 'doc-a')).rejects.toBeInstanceOf(DocumentDamaged);
    await expect(
      open(env, { ...sealed, bytes: sealed.bytes.subarray(0, sealed.bytes.length - 1) }, 'doc-a'),
    ).rejects.toBeInstanceOf(DocumentDamaged);
    await expect(open(env, sealed, 'doc-b')).rejects.toBeInstanceOf(DocumentDamaged);
    await expect(open(env, { ...sealed, keyId: 'retired' }, 'doc-a')).rejects.toBeInstanceOf(DocumentDamaged);
  });

  it('keeps opening documents sealed under an older master key after rotation', async () => {
    const before = keys('k1', 'k1');
    const old = await seal(before, new Uint8Array([9, 9, 9]), 'doc');
    const rotated = {
      KYC_ACTIVE_KEY_ID: 'k2',
      KYC_MASTER_KEYS: JSON.stringify({
        ...JSON.parse(before.KYC_MASTER_KEYS),
        ...JSON.parse(keys('k2', 'k2').KYC_MASTER_KEYS),
      }),
    };
    const fresh = await seal(rotated, new Uint8Array([7]), 'doc');
    expect(fresh.keyId).toBe('k2');
    expect(await open(rotated, old, 'doc')).toEqual(new Uint8Array([9, 9, 9]));
    const text = await sealText(before, 'X1234567', 'id');
    expect(await openText(rotated, text, 'id')).toBe('X1234567');
  });
});

describe('documents at rest', () => {
  it('stores in R2 not the uploaded bytes, under a random key, and serves them back exactly', async () => {
    const { documents, verificationId, state } = await submittedPerformer();
    const front = state.documents.find((d) => d.side === 'front')!;
    const row = await env.DB.prepare('select * from kyc_documents where id = ?')
      .bind(front.id)
      .first<{ object_key: string; size: number; stored_size: number; key_id: string }>();
    expect(row!.object_key).toMatch(/^documents\/[0-9a-f]{40}$/);
    expect(row!.object_key).not.toContain(verificationId);
    const stored = new Uint8Array(await (await env.KYC.get(row!.object_key))!.arrayBuffer());
    expect(stored.length).toBe(row!.stored_size);
    expect(row!.stored_size).toBe(row!.size + 1 + 12 + 16);
    expect(Buffer.from(stored).includes(Buffer.from(documents.front.subarray(10, 40)))).toBe(false);
    // Metadata lives in D1 only: the object carries none.
    const head = await env.KYC.head(row!.object_key);
    expect(head!.customMetadata).toEqual({});
    const served = await admin(`/api/admin/kyc/${verificationId}/documents/${front.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Cache-Control')).toBe('no-store');
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(documents.front);
  });

  it('keeps the ID number sealed with only the last four characters in clear', async () => {
    const { verificationId } = await submittedPerformer();
    const row = await env.DB.prepare('select id_number_sealed, id_number_last4 from kyc_verifications where id = ?')
      .bind(verificationId)
      .first<{ id_number_sealed: string; id_number_last4: string }>();
    expect(row!.id_number_last4).toBe('C789');
    expect(row!.id_number_sealed).not.toContain('123');
    expect(row!.id_number_sealed.startsWith(`v1.${env.KYC_ACTIVE_KEY_ID}.`)).toBe(true);
    const review = await (await admin(`/api/admin/kyc/${verificationId}`)).json();
    expect(review).toMatchObject({ verification: { idNumber: FORM.idNumber } });
  });

  it('does not serve a tampered object: it answers an error, logs it and writes an audit row', async () => {
    const { verificationId, state } = await submittedPerformer();
    const front = state.documents.find((d) => d.side === 'front')!;
    const row = await env.DB.prepare('select object_key from kyc_documents where id = ?')
      .bind(front.id)
      .first<{ object_key: string }>();
    const stored = new Uint8Array(await (await env.KYC.get(row!.object_key))!.arrayBuffer());
    stored[stored.length - 20]! ^= 0x01;
    await env.KYC.put(row!.object_key, stored);
    const response = await admin(`/api/admin/kyc/${verificationId}/documents/${front.id}`);
    expect(response.status).toBe(500);
    expect(response.headers.get('Content-Type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ error: { code: 'DOCUMENT_DAMAGED' } });
    expect((await auditRows(front.id)).map((r) => r.action)).toEqual(['kyc.document.damaged']);
  });

  it('does not serve one document’s object under another’s row (swapped objects fail too)', async () => {
    const { verificationId, state } = await submittedPerformer();
    const [a, b] = state.documents;
    const rows = await env.DB.prepare('select id, object_key from kyc_documents where id in (?, ?)')
      .bind(a!.id, b!.id)
      .all<{ id: string; object_key: string }>();
    const keyOf = (id: string) => rows.results.find((r) => r.id === id)!.object_key;
    const other = await (await env.KYC.get(keyOf(b!.id)))!.arrayBuffer();
    await env.KYC.put(keyOf(a!.id), other);
    expect((await admin(`/api/admin/kyc/${verificationId}/documents/${a!.id}`)).status).toBe(500);
  });
});

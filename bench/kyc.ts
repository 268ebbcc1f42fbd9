// `npm run bench:kyc`: how long an admin waits to open the next identity check, against the local
// stack (fresh state). It files BENCH_KYC_ITEMS verifications (three documents each), then works
// the queue one item at a time as the dashboard does: GET /api/admin/kyc/next, then each of the
// item's documents decrypted through the Worker, then approve. Also: a document's stored size
// against its original (the envelope adds a fixed 29 bytes; the wrapped key sits in D1).

import { kycMasterKeys } from '../dev/keys.ts';
import { startStack } from '../dev/stack.ts';
import { TERMS_VERSION } from '../wire/legal.ts';
import { seal } from '../workers/kyc/envelope.ts';

/** The part of wire/kyc.ts KycNextResponse this script reads. */
type KycNextResponse = { verification: { id: string; documents: { id: string }[] } | null };

const items = Number(process.env.BENCH_KYC_ITEMS ?? 60);
const stack = await startStack({ vars: { AUTH_RATE_LIMIT: '100000000' } });
const origin = stack.origin;

/** A structurally whole JPEG of about `size` bytes (random scan data escapes no 0xFF: it has none). */
function jpeg(size: number): Uint8Array<ArrayBuffer> {
  const scan = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(scan.subarray(i, i + 65536));
  for (let i = 0; i < size; i++) if (scan[i] === 0xff) scan[i] = 0;
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xda,
    0,
    8,
    ...scan,
    0xff,
    0xd9,
  ]);
}
const DOCUMENTS = { front: jpeg(900_000), back: jpeg(700_000), selfie: jpeg(400_000) };

async function call(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Origin', origin);
  if (init.cookie) headers.set('Cookie', init.cookie);
  return fetch(origin + path, { ...init, headers, redirect: 'manual' });
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

async function fileVerification(n: number): Promise<void> {
  const handle = `bench_kyc_${n}_${Math.random().toString(36).slice(2, 7)}`;
  const signup = await call('/api/auth/signup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: `${handle}@example.com`,
      password: 'bench password long enough',
      handle,
      displayName: handle,
      dateOfBirth: '1990-01-01',
      role: 'performer',
      acceptedTerms: TERMS_VERSION,
    }),
  });
  if (signup.status !== 201) throw new Error(`sign-up ${signup.status}: ${await signup.text()}`);
  const cookie = cookieOf(signup);
  const form = {
    legalName: `Bench Person ${n}`,
    dateOfBirth: '1990-01-01',
    country: 'FR',
    idType: 'national_id',
    idNumber: `FR${100000 + n}`,
    stageNames: [],
    consent: true,
  };
  const saved = await call('/api/studio/verification', {
    method: 'PUT',
    cookie,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(form),
  });
  if (saved.status !== 200) throw new Error(`form ${saved.status}`);
  for (const [side, bytes] of Object.entries(DOCUMENTS)) {
    const put = await call(`/api/studio/verification/documents/${side}`, {
      method: 'PUT',
      cookie,
      headers: { 'Content-Type': 'image/jpeg' },
      body: new Blob([bytes]),
    });
    if (put.status !== 200) throw new Error(`upload ${put.status}: ${await put.text()}`);
  }
  const submitted = await call('/api/studio/verification/submit', { method: 'POST', cookie });
  if (submitted.status !== 200) throw new Error(`submit ${submitted.status}`);
}

// Always stop the stack, so no wrangler is left running after a failure.
try {
  console.log(
    `Filing ${items} verifications (3 ` +
      `documents, ${(Object.values(DOCUMENTS).reduce((s, d) => s + d.length, 0) / 1e6).toFixed(1)} MB each)…`,
  );
  for (let i = 0; i < items; i += 4)
    await Promise.all(Array.from({ length: Math.min(4, items - i) }, (_, k) => fileVerification(i + k)));

  const login = await call('/dev/access/login', {
    method: 'POST',
    body: new URLSearchParams({ email: 'admin@encore.local', redirect: '/admin' }),
  });
  const admin = cookieOf(login);

  const next: number[] = [];
  const open: number[] = [];
  const approve: number[] = [];
  for (let i = 0; i < items; i++) {
    const start = performance.now();
    const response = await call('/api/admin/kyc/next', { cookie: admin });
    const { verification } = (await response.json()) as KycNextResponse;
    next.push(performance.now() - start);
    if (!verification) throw new Error('the queue ran dry early');
    await Promise.all(
      verification.documents.map(async (d) =>
        (await call(`/api/admin/kyc/${verification.id}/documents/${d.id}`, { cookie: admin })).arrayBuffer(),
      ),
    );
    open.push(performance.now() - start);
    const decided = performance.now();
    const approved = await call(`/api/admin/kyc/${verification.id}/approve`, {
      method: 'POST',
      cookie: admin,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    if (approved.status !== 200) throw new Error(`approve ${approved.status}`);
    approve.push(performance.now() - decided);
  }

  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!.toFixed(1);
  const line = (name: string, xs: number[]) =>
    console.log(
      `${name.padEnd(52)} p50 ${pct(xs, 50).padStart(7)} ms  p99 ${pct(xs, 99).padStart(7)} ms  max ${Math.max(...xs)
        .toFixed(1)
        .padStart(7)} ms  (${xs.length} items)`,
    );
  console.log(`\nKYC admin queue, ${origin} (wrangler dev, local D1 and R2), ${items} items worked one at a time:`);
  line('GET /api/admin/kyc/next (details, ID number opened)', next);
  line('open next + its 3 documents decrypted (2.0 MB)', open);
  line('POST /api/admin/kyc/{id}/approve', approve);

  const keys = kycMasterKeys('bench');
  console.log('\nEncrypted document size against the original (R2 object; the 40-byte wrapped key is in D1):');
  for (const size of [50_000, 400_000, 2_000_000, 10 * 1024 * 1024]) {
    const sealed = await seal(keys, new Uint8Array(size), 'bench');
    console.log(
      `  ${String(size).padStart(9)} bytes → ${String(sealed.bytes.length).padStart(9)} bytes ` +
        `(+${sealed.bytes.length - size}, ${(((sealed.bytes.length - size) / size) * 100).toFixed(4)}%)`,
    );
  }
} finally {
  await stack.stop();
}

import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { KycForm, KycState } from '../../wire/kyc.ts';
import { asAdmin } from '../access-token.ts';
import { Browser, signedUp } from '../client.ts';

/** Small but structurally whole documents: what the magic-byte and completeness checks look at. */
export function jpeg(body = 64): Uint8Array {
  const scan = crypto.getRandomValues(new Uint8Array(body)).map((b) => (b === 0xff ? 0x00 : b));
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    ...'JFIF'.split('').map((ch) => ch.charCodeAt(0)),
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
    0x00,
    0x08,
    ...scan,
    0xff,
    0xd9,
  ]);
}

export function png(): Uint8Array {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
  return Uint8Array.from([...sig, ...crypto.getRandomValues(new Uint8Array(40)), ...iend]);
}

export function pdf(): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${crypto.randomUUID()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

export const FORM: KycForm = {
  legalName: 'Ada Lovelace',
  dateOfBirth: '1990-12-10',
  country: 'GB',
  idType: 'national_id',
  idNumber: 'AB 123 456 C789',
  stageNames: ['Nova Light'],
  consent: true,
};

export async function performer() {
  const { browser, user } = await signedUp({ role: 'performer' });
  return { browser, user };
}

export const upload = (browser: Browser, side: string, bytes: Uint8Array, type = 'application/octet-stream') =>
  browser.fetch(`/api/studio/verification/documents/${side}`, {
    method: 'PUT',
    body: bytes,
    headers: { 'Content-Type': type },
  });

export async function stateOf(browser: Browser): Promise<KycState> {
  return (await (await browser.fetch('/api/studio/verification')).json()) as KycState;
}

/** A performer whose verification is filled in, with every document, and submitted. */
export async function submittedPerformer(form: Partial<KycForm> = {}) {
  const p = await performer();
  expect(
    (await p.browser.fetch('/api/studio/verification', { method: 'PUT', json: { ...FORM, ...form } })).status,
  ).toBe(200);
  const documents = { front: jpeg(), back: png(), selfie: jpeg() };
  for (const [side, bytes] of Object.entries(documents))
    expect((await upload(p.browser, side, bytes)).status).toBe(200);
  const submitted = await p.browser.post('/api/studio/verification/submit', {});
  expect(submitted.status).toBe(200);
  const state = (await submitted.json()) as KycState;
  const verification = await env.DB.prepare('select id from kyc_verifications where user_id = ?')
    .bind(p.user.id)
    .first<{ id: string }>();
  return { ...p, state, documents, verificationId: verification!.id };
}

export async function admin(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  return new Browser().fetch(path, { ...init, headers: { ...(await asAdmin()), ...init.headers } });
}

export async function auditRows(
  objectId: string,
): Promise<{ actor: string; action: string; object_type: string; detail: string | null }[]> {
  const { results } = await env.DB.prepare(
    'select actor, action, object_type, detail from audit_log where object_id = ? order by id',
  )
    .bind(objectId)
    .all<{ actor: string; action: string; object_type: string; detail: string | null }>();
  return results;
}

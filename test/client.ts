import { env, exports } from 'cloudflare:workers';
import type { Me, SignupBody } from '../wire/account.ts';
import { TERMS_VERSION } from '../wire/legal.ts';
import app from '../workers/index.ts';

export const ORIGIN = 'https://encore.test';

/**
 * A browser-like client for the Worker under test: keeps cookies, sends the page's Origin on
 * writes, and comes from its own IP (so rate limits of one test do not leak into another).
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}.${crypto.randomUUID().slice(0, 4)}`;

  /** With `vars`, requests go to the app with those variables changed (for example a shorter hold). */
  readonly vars: Partial<Env>;
  constructor(vars: Partial<Env> = {}) {
    this.vars = vars;
  }

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('CF-Connecting-IP', this.ip);
    // Writes carry the page's Origin, as browsers send it; pass `Origin: ''` to send none.
    if (init.method && init.method !== 'GET' && !headers.has('Origin')) headers.set('Origin', ORIGIN);
    if (headers.get('Origin') === '') headers.delete('Origin');
    if (this.cookies.size > 0) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const request = new Request(ORIGIN + path, { redirect: 'manual', ...init, headers, body });
    const response =
      Object.keys(this.vars).length > 0
        ? await app.fetch(request, { ...env, ...this.vars })
        : await exports.default.fetch(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  post(path: string, json?: unknown, init: RequestInit = {}): Promise<Response> {
    return this.fetch(path, { ...init, method: 'POST', ...(json === undefined ? {} : { json }) });
  }
}

let counter = 0;

/** A valid sign-up body, unique per call; override any field. */
export function newAccount(overrides: Partial<SignupBody> = {}): SignupBody {
  const n =
    `${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.slice(-12);
  return {
    email: `fan_${n}@example.com`,
    password: 'correct horse battery',
    handle: `u_${n}`,
    displayName: `Fan ${n}`,
    dateOfBirth: '1990-06-15',
    role: 'viewer',
    acceptedTerms: TERMS_VERSION,
    ...overrides,
  };
}

/**
 * Signs up through the API and returns the signed-in browser and the account. The email address counts as
 * confirmed (as if the link in the mail was followed: account-email.test.ts follows it for real) unless
 * `verified: false`, since unconfirmed accounts cannot buy tokens or go live.
 */
export async function signedUp(
  overrides: Partial<SignupBody> = {},
  vars: Partial<Env> = {},
  { verified = true }: { verified?: boolean } = {},
): Promise<{ browser: Browser; account: SignupBody; user: Me }> {
  const browser = new Browser(vars);
  const account = newAccount(overrides);
  const response = await browser.post('/api/auth/signup', account);
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const { user } = (await response.json()) as { user: Me };
  if (!verified) return { browser, account, user };
  await env.DB.prepare('update users set email_verified_at = ? where id = ?').bind(Date.now(), user.id).run();
  return { browser, account, user: { ...user, emailVerified: true } };
}

export async function countRows(table: string): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

export async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; message: string; fields?: Record<string, string> }> {
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  return { status: response.status, ...body.error };
}

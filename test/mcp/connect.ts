import { exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ConsentView } from '../../wire/connected-apps.ts';
import { type Browser, ORIGIN } from '../client.ts';

/**
 * An MCP client's side of the OAuth flow, driven by hand inside workerd (the e2e test drives the SDK's own
 * OAuth client and the consent page in Chromium): register, authorize with PKCE in the performer's browser,
 * exchange the code.
 */
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export type Tokens = { access_token: string; refresh_token?: string; expires_in: number; scope: string };

export async function register(name = 'Test assistant'): Promise<string> {
  const response = await oauthFetch('/oauth/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }),
  });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { client_id: string }).client_id;
}

export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** The authorize URL an MCP client opens in the user's browser. */
export function authorizeUrl(clientId: string, challenge: string, scopes: string[] = []): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state-123',
    resource: `${ORIGIN}/mcp`,
  });
  if (scopes.length > 0) query.set('scope', scopes.join(' '));
  return `/oauth/authorize?${query}`;
}

/** Opens the authorize URL in the signed-in browser: the consent handle it was sent to the page with. */
export async function openConsent(browser: Browser, url: string): Promise<string> {
  const response = await browser.fetch(url);
  const location = response.headers.get('Location') ?? '';
  const handle = new URL(location, ORIGIN).searchParams.get('handle');
  if (response.status !== 302 || !handle) throw new Error(`no consent page: ${response.status} ${location}`);
  return handle;
}

export async function consentView(browser: Browser, handle: string): Promise<ConsentView> {
  const response = await browser.fetch(`/api/consent/${encodeURIComponent(handle)}`);
  if (response.status !== 200) throw new Error(`consent view: ${response.status} ${await response.text()}`);
  return (await response.json()) as ConsentView;
}

export async function exchangeCode(clientId: string, code: string, verifier: string): Promise<Tokens> {
  return tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    code_verifier: verifier,
  });
}

export async function tokenRequest(form: Record<string, string>): Promise<Tokens> {
  const response = await oauthFetch('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Tokens;
}

/** The whole flow for a signed-in performer's browser: approve `scopes` (all offered when none). */
export async function connectApp(
  browser: Browser,
  options: { scopes?: string[]; approve?: string[]; name?: string } = {},
): Promise<{ clientId: string; tokens: Tokens }> {
  const clientId = await register(options.name);
  const { verifier, challenge } = await pkce();
  const handle = await openConsent(browser, authorizeUrl(clientId, challenge, options.scopes));
  const view = await consentView(browser, handle);
  const answer = await browser.post(`/api/consent/${encodeURIComponent(handle)}`, {
    decision: 'approve',
    scopes: options.approve ?? view.scopes,
  });
  if (answer.status !== 200) throw new Error(`approval failed: ${answer.status} ${await answer.text()}`);
  const { redirectTo } = (await answer.json()) as { redirectTo: string };
  const code = new URL(redirectTo).searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirectTo}`);
  return { clientId, tokens: await exchangeCode(clientId, code, verifier) };
}

/** The SDK's client over Streamable HTTP, its requests sent straight to the Worker under test. */
export async function mcpClient(accessToken: string): Promise<Client> {
  const client = new Client({ name: 'encore-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${ORIGIN}/mcp`), {
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    requestInit: { headers: { Authorization: `Bearer ${accessToken}` } },
  });
  await client.connect(transport);
  return client;
}

/** One raw JSON-RPC call to /mcp, for the answers the SDK would turn into exceptions. */
export function rawMcp(accessToken: string, body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list' }) {
  return oauthFetch('/mcp', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-06-18',
    },
    body: JSON.stringify(body),
  });
}

function oauthFetch(path: string, init: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, { redirect: 'manual', ...init }));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

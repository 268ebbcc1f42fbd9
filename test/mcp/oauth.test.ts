import { describe, expect, it } from 'vitest';
import { MCP_SCOPES } from '../../workers/mcp/scopes.ts';
import { errorOf, ORIGIN, signedUp } from '../client.ts';
import { authorizeUrl, connectApp, consentView, mcpClient, openConsent, pkce, rawMcp, register } from './connect.ts';

describe('MCP authorization', () => {
  it('publishes the metadata documents an MCP client discovers the server by', async () => {
    const { browser } = await signedUp();
    const unauthenticated = await rawMcp('nonsense');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('WWW-Authenticate')).toContain(
      `resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/mcp"`,
    );
    const resource = await (await browser.fetch('/.well-known/oauth-protected-resource/mcp')).json();
    expect(resource).toMatchObject({ resource: `${ORIGIN}/mcp` });
    const server = (await (await browser.fetch('/.well-known/oauth-authorization-server')).json()) as Record<
      string,
      unknown
    >;
    expect(server).toMatchObject({
      authorization_endpoint: `${ORIGIN}/oauth/authorize`,
      token_endpoint: `${ORIGIN}/oauth/token`,
      registration_endpoint: `${ORIGIN}/oauth/register`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(server.scopes_supported).toEqual([...MCP_SCOPES]);
  });

  it('sends a signed-out browser to log in and back to the same authorization request', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    browser.cookies.clear();
    const clientId = await register();
    const url = authorizeUrl(clientId, (await pkce()).challenge);
    const response = await browser.fetch(url);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/login?next=${encodeURIComponent(url)}`);
  });

  it('connects a performer: consent names the app and scopes, and the token reaches /mcp for them', async () => {
    const { browser, user } = await signedUp({ role: 'performer' });
    const clientId = await register('Claude at home');
    const handle = await openConsent(browser, authorizeUrl(clientId, (await pkce()).challenge, ['profile', 'room']));
    expect(await consentView(browser, handle)).toEqual({
      client: { name: 'Claude at home', uri: null },
      redirectHost: '127.0.0.1',
      redirectIsLoopback: true,
      scopes: ['profile', 'room'],
      account: { handle: user.handle, role: 'performer' },
      refusal: null,
    });
    const { tokens } = await connectApp(browser, { scopes: ['profile', 'room'] });
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope).toBe('profile room');
    const client = await mcpClient(tokens.access_token);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('refuses a viewer at consent: the page says why, approving is forbidden, denying returns to the app', async () => {
    const { browser } = await signedUp({ role: 'viewer' });
    const clientId = await register();
    const handle = await openConsent(browser, authorizeUrl(clientId, (await pkce()).challenge));
    const view = await consentView(browser, handle);
    expect(view.refusal).toMatch(/Only performers/);
    const path = `/api/consent/${encodeURIComponent(handle)}`;
    const approve = await browser.post(path, { decision: 'approve', scopes: ['profile'] });
    expect(await errorOf(approve)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const deny = await browser.post(path, { decision: 'deny' });
    expect(deny.status).toBe(200);
    const { redirectTo } = (await deny.json()) as { redirectTo: string };
    expect(new URL(redirectTo).searchParams.get('error')).toBe('access_denied');
    expect(new URL(redirectTo).searchParams.get('state')).toBe('state-123');
  });

  it('refuses another account’s consent page, a second answer, and scopes the app did not ask for', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    const other = await signedUp({ role: 'performer' });
    const clientId = await register();
    const handle = await openConsent(browser, authorizeUrl(clientId, (await pkce()).challenge, ['profile']));
    const path = `/api/consent/${encodeURIComponent(handle)}`;
    expect(await errorOf(await other.browser.fetch(path))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const other_ = await other.browser.post(path, { decision: 'approve', scopes: ['profile'] });
    expect(other_.status).toBe(404);
    const more = await browser.post(path, { decision: 'approve', scopes: ['profile', 'earnings:read'] });
    expect(await errorOf(more)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await browser.post(path, { decision: 'approve', scopes: ['profile'] })).status).toBe(200);
    expect((await browser.post(path, { decision: 'approve', scopes: ['profile'] })).status).toBe(404);
  });
});

describe('MCP authorization under concurrent answers', () => {
  it('leaves the performer one connection to the app when Approve is sent many times at once', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    const clientId = await register('Double clicker');
    const handle = await openConsent(browser, authorizeUrl(clientId, (await pkce()).challenge, ['profile']));
    const path = `/api/consent/${encodeURIComponent(handle)}`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => browser.post(path, { decision: 'approve', scopes: ['profile'] })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    // The first answer goes through; the others are told the page was answered (or, once it is gone, 404).
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1).every((status) => status === 400 || status === 404)).toBe(true);
    const { apps } = (await (await browser.fetch('/api/studio/apps')).json()) as { apps: unknown[] };
    expect(apps).toHaveLength(1);
  });
});

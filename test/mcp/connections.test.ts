import { env } from 'cloudflare:workers';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { ConnectedAppsResponse } from '../../wire/connected-apps.ts';
import { pruneRevocations, REVOCATION_KEPT_MS } from '../../workers/mcp/standing.ts';
import { errorOf, signedUp } from '../client.ts';
import { connectApp, mcpClient, rawMcp, tokenRequest } from './connect.ts';

async function toolNames(accessToken: string): Promise<string[]> {
  const client = await mcpClient(accessToken);
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((tool) => tool.name).sort();
}

async function apps(browser: Awaited<ReturnType<typeof signedUp>>['browser']): Promise<ConnectedAppsResponse> {
  const response = await browser.fetch('/api/studio/apps');
  expect(response.status).toBe(200);
  return (await response.json()) as ConnectedAppsResponse;
}

describe('a connected app', () => {
  it('lists and may call only the tools of the scopes the performer approved', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    const narrow = await connectApp(browser, { scopes: ['profile', 'room'], approve: ['room'] });
    expect(narrow.tokens.scope).toBe('room');
    expect(await toolNames(narrow.tokens.access_token)).not.toContain('profile_read');
    const call = await rawMcp(narrow.tokens.access_token, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'profile_read', arguments: {} },
    });
    const answer = (await call.json()) as { result?: CallToolResult; error?: unknown };
    expect(answer.result?.isError ?? answer.error).toBeTruthy();
    const wide = await connectApp(browser, { scopes: ['profile'] });
    expect(await toolNames(wide.tokens.access_token)).toContain('profile_read');
  });

  it('acts only for the performer who approved it, whoever else connected the same app', async () => {
    const nova = await signedUp({ role: 'performer' });
    const lyra = await signedUp({ role: 'performer' });
    const novaApp = await connectApp(nova.browser, { scopes: ['profile'] });
    const lyraApp = await connectApp(lyra.browser, { scopes: ['profile'] });
    for (const [app, handle] of [
      [novaApp, nova.user.handle],
      [lyraApp, lyra.user.handle],
    ] as const) {
      const client = await mcpClient(app.tokens.access_token);
      const result = (await client.callTool({ name: 'profile_read', arguments: {} })) as CallToolResult;
      expect(result.structuredContent).toMatchObject({ profile: { handle } });
      await client.close();
    }
    // Lyra's list shows only Lyra's connection, and Nova's connection cannot be revoked from Lyra's account.
    const lyraApps = await apps(lyra.browser);
    expect(lyraApps.apps).toHaveLength(1);
    const novaGrant = (await apps(nova.browser)).apps[0]?.id ?? '';
    const foreign = await lyra.browser.fetch(`/api/studio/apps/${encodeURIComponent(novaGrant)}`, { method: 'DELETE' });
    expect(await errorOf(foreign)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await rawMcp(novaApp.tokens.access_token)).status).toBe(200);
  });

  it('shows in Connected apps with scopes and last use; once revoked, its next call and refresh fail', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    const { clientId, tokens } = await connectApp(browser, {
      scopes: ['profile', 'earnings:read'],
      name: 'Night desk',
    });
    const { apps: listed } = await apps(browser);
    expect(listed).toEqual([
      expect.objectContaining({ clientName: 'Night desk', scopes: ['profile', 'earnings:read'] }),
    ]);
    expect(listed[0]?.lastUsedAt).toBeNull();
    const client = await mcpClient(tokens.access_token);
    await client.callTool({ name: 'profile_read', arguments: {} });
    await client.close();
    const used = await apps(browser);
    expect(used.apps[0]?.lastUsedAt).toEqual(expect.any(String));
    expect(used.activity).toEqual([
      expect.objectContaining({ clientId, clientName: 'Night desk', tool: 'profile_read', outcome: 'ok' }),
    ]);
    const revoke = await browser.fetch(`/api/studio/apps/${encodeURIComponent(listed[0]?.id ?? '')}`, {
      method: 'DELETE',
    });
    expect(revoke.status).toBe(204);
    const next = await rawMcp(tokens.access_token);
    expect(next.status).toBe(401);
    expect(next.headers.get('WWW-Authenticate')).toContain('invalid_token');
    const refresh = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', client_id: clientId };
    await expect(tokenRequest(refresh)).rejects.toThrow(/invalid_grant/);
    expect((await apps(browser)).apps).toEqual([]);
  });

  it('refuses calls even before KV forgets a revoked grant: D1 holds the revocation', async () => {
    const { browser, user } = await signedUp({ role: 'performer' });
    const { tokens } = await connectApp(browser, { scopes: ['profile'] });
    const grantId = tokens.access_token.split(':')[1] ?? '';
    // As if the revocation had not yet reached KV where the app calls from: only the D1 row is there.
    await env.DB.prepare('insert into mcp_revoked_grants (grant_id, user_id, revoked_at) values (?, ?, ?)')
      .bind(grantId, user.id, Date.now())
      .run();
    expect((await rawMcp(tokens.access_token)).status).toBe(401);
  });

  it('keeps a revocation for a week, long after KV has forgotten the grant, then prunes it', async () => {
    const { user } = await signedUp({ role: 'performer' });
    const now = Date.now();
    await env.DB.prepare('insert into mcp_revoked_grants (grant_id, user_id, revoked_at) values (?, ?, ?), (?, ?, ?)')
      .bind(`old-${user.id}`, user.id, now - REVOCATION_KEPT_MS - 1, `new-${user.id}`, user.id, now - 60_000)
      .run();
    await pruneRevocations(env, now);
    const left = await env.DB.prepare('select grant_id from mcp_revoked_grants where user_id = ?').bind(user.id).all();
    expect(left.results).toEqual([{ grant_id: `new-${user.id}` }]);
  });

  it('stops at once when the account is suspended: calls and refreshes are refused', async () => {
    const { browser, user } = await signedUp({ role: 'performer' });
    const { clientId, tokens } = await connectApp(browser, { scopes: ['profile'] });
    expect((await rawMcp(tokens.access_token)).status).toBe(200);
    await env.DB.prepare("update users set status = 'suspended' where id = ?").bind(user.id).run();
    expect(await errorOf(await rawMcp(tokens.access_token))).toMatchObject({
      status: 403,
      code: 'ACCOUNT_SUSPENDED',
    });
    const refresh = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', client_id: clientId };
    await expect(tokenRequest(refresh)).rejects.toThrow(/invalid_grant/);
  });

  it('refuses an expired access token, and a refresh gives a working one', async () => {
    const { browser, user } = await signedUp({ role: 'performer' });
    const { clientId, tokens } = await connectApp(browser, { scopes: ['profile'] });
    // Age every stored access token of this performer past its hour.
    const { keys } = await env.OAUTH_KV.list({ prefix: `token:${user.id}:` });
    expect(keys.length).toBeGreaterThan(0);
    for (const { name } of keys) {
      const record = (await env.OAUTH_KV.get(name, 'json')) as { expiresAt: number };
      await env.OAUTH_KV.put(name, JSON.stringify({ ...record, expiresAt: Math.floor(Date.now() / 1000) - 1 }));
    }
    const expired = await rawMcp(tokens.access_token);
    expect(expired.status).toBe(401);
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      client_id: clientId,
    });
    expect((await rawMcp(refreshed.access_token)).status).toBe(200);
  });

  it('is rate-limited per connection: past 120 calls a minute it gets 429, another connection does not', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    const busy = await connectApp(browser, { scopes: ['profile'] });
    const calm = await connectApp(browser, { scopes: ['profile'], name: 'Another app' });
    // The binding counts in fixed one-minute windows: twice the limit crosses at most one boundary.
    const passed: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i <= 2 * 120 && !limited; i++) {
      const response = await rawMcp(busy.tokens.access_token);
      if (response.status === 429) limited = response;
      else passed.push(response.status);
    }
    expect(passed.length).toBeGreaterThanOrEqual(120);
    expect(new Set(passed)).toEqual(new Set([200]));
    expect(await errorOf(limited!.clone())).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(limited!.headers.get('Retry-After')).toBe('60');
    expect((await rawMcp(calm.tokens.access_token)).status).toBe(200);
  });
});

describe('a connected app when D1 fails', () => {
  it('gets 503 RETRY_LATER, never an unchecked call', async () => {
    const { browser } = await signedUp({ role: 'performer' });
    const { tokens } = await connectApp(browser, { scopes: ['profile'] });
    const prepare = env.DB.prepare;
    env.DB.prepare = () => {
      throw new Error('D1 is down');
    };
    try {
      expect(await errorOf(await rawMcp(tokens.access_token))).toMatchObject({ status: 503, code: 'RETRY_LATER' });
    } finally {
      env.DB.prepare = prepare;
    }
    expect((await rawMcp(tokens.access_token)).status).toBe(200);
  });
});

import type { ConnectedApp } from '../../wire/connected-apps.ts';
import { database } from '../db/index.ts';
import { recentActivity } from './activity.ts';
import type { GrantMetadata } from './oauth.ts';
import { oauthApi } from './oauth.ts';
import { recordRevocation } from './standing.ts';

/** The performer's connected apps: their OAuth grants in OAUTH_KV, minus any revoked ones still in reach of KV. */
export async function connectedApps(env: Env, requestUrl: string, userId: string): Promise<ConnectedApp[]> {
  const oauth = oauthApi(env, requestUrl);
  const apps: ConnectedApp[] = [];
  let cursor: string | undefined;
  do {
    const page = await oauth.listUserGrants(userId, cursor ? { cursor } : {});
    for (const grant of page.items) {
      const metadata = grant.metadata as Partial<GrantMetadata> | null;
      apps.push({
        id: grant.id,
        clientName: metadata?.clientName ?? grant.clientId,
        scopes: grant.scope,
        clientId: grant.clientId,
        connectedAt: new Date(grant.createdAt * 1000).toISOString(),
        lastUsedAt: null,
      });
    }
    cursor = page.cursor;
  } while (cursor);
  apps.sort((a, b) => b.connectedAt.localeCompare(a.connectedAt));
  // Last use per app from the activity log: the app's newest entry.
  const db = database(env);
  await Promise.all(
    apps.map(async (app) => {
      const [last] = await recentActivity(db, userId, { clientId: app.clientId, limit: 1 });
      app.lastUsedAt = last?.at ?? null;
    }),
  );
  return apps;
}

/**
 * Revokes one of the performer's connections: D1 first (every location's next call is refused from then on),
 * then the grant and its tokens in KV. False when the performer has no such connection.
 */
export async function revokeConnection(env: Env, requestUrl: string, userId: string, grantId: string) {
  const apps = await connectedApps(env, requestUrl, userId);
  if (!apps.some((app) => app.id === grantId)) return false;
  await recordRevocation(env, userId, grantId);
  await oauthApi(env, requestUrl).revokeGrant(grantId, userId);
  return true;
}

import { describe, expect, it, vi } from 'vitest';
import { asAdmin } from './access-token.ts';
import { Browser } from './client.ts';

/** A production Worker whose operator skipped the Realtime step of the README (and has no Stripe key here). */
const withoutRealtime = { ENVIRONMENT: 'production', REALTIME_APP_ID: '', REALTIME_APP_SECRET: '' } as Partial<Env>;

// First in the file: the announcement is once per isolate, and this file's isolate has not served production yet.
describe('a production Worker missing settings', () => {
  it('says once, in one log line, which production settings are missing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const browser = new Browser(withoutRealtime);
      await Promise.all([browser.fetch('/api/health'), browser.fetch('/api/rooms')]);
      await browser.fetch('/api/health');
      const lines = errors.mock.calls
        .map(([line]) => JSON.parse(String(line)) as { event: string; missing: string[] })
        .filter((l) => l.event === 'production_settings_missing');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.missing).toEqual(
        expect.arrayContaining(['REALTIME_APP_ID', 'REALTIME_APP_SECRET', 'STRIPE_SECRET_KEY']),
      );
      expect(lines[0]!.missing).not.toContain('SESSION_SECRET');
    } finally {
      errors.mockRestore();
    }
  });

  it('tells an Access-signed-in admin the missing settings in the health check', async () => {
    const response = await new Browser(withoutRealtime).fetch('/api/health', { headers: await asAdmin() });
    const body = (await response.json()) as { settings: { missing: string[]; recommended: string[] } };
    expect(body.settings.missing).toEqual(expect.arrayContaining(['REALTIME_APP_ID', 'REALTIME_APP_SECRET']));
    expect(body.settings.missing).not.toContain('PASSWORD_PEPPER');
    expect(body.settings.recommended).toEqual(['REALTIME_TURN_KEY_ID', 'REALTIME_TURN_KEY_TOKEN']);
  });

  it('tells it to an admin whose browser carries the Access cookie from the admin sign-in', async () => {
    const cookie = `CF_Authorization=${(await asAdmin())['Cf-Access-Jwt-Assertion']}`;
    const response = await new Browser(withoutRealtime).fetch('/api/health', { headers: { Cookie: cookie } });
    expect(((await response.json()) as { settings?: { missing: string[] } }).settings?.missing).toContain(
      'REALTIME_APP_ID',
    );
  });

  it('tells anyone else only that it is up', async () => {
    const response = await new Browser(withoutRealtime).fetch('/api/health');
    expect(Object.keys((await response.json()) as object).sort()).toEqual(['environment', 'status', 'time']);
  });
});

describe('the Worker shell', () => {
  it('answers the health check with the environment', async () => {
    const response = await new Browser().fetch('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', environment: 'development' });
  });

  it('puts a request id and the security headers on every response', async () => {
    const response = await new Browser().fetch('/api/health');
    expect(response.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('answers unknown API routes with the error envelope, not a stack', async () => {
    const response = await new Browser().fetch('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /api/no-such-thing' },
    });
  });

  it('documents every API route in the OpenAPI document', async () => {
    const doc = (await (await new Browser().fetch('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /health',
        'POST /auth/signup',
        'POST /auth/login',
        'POST /auth/logout',
        'POST /auth/logout-everywhere',
        'POST /auth/password',
        'POST /auth/email/verification',
        'POST /auth/email/verify',
        'POST /auth/email/change',
        'POST /auth/email/confirm',
        'POST /auth/password/forgot',
        'POST /auth/password/reset',
        'GET /me',
        'GET /me/following',
        'PATCH /me',
        'PUT /me/avatar',
        'DELETE /me/avatar',
        'GET /me/notifications',
        'POST /me/notifications/read',
        'GET /me/notification-settings',
        'PUT /me/notification-settings',
        'PUT /me/notification-settings/mutes/{handle}',
        'DELETE /me/notification-settings/mutes/{handle}',
        'POST /me/push-subscriptions',
        'DELETE /me/push-subscriptions',
        'GET /notifications/push-key',
        'POST /notifications/unsubscribe',
        'GET /performers/{handle}',
        'PATCH /performers/{handle}',
        'PUT /performers/{handle}/{kind}',
        'DELETE /performers/{handle}/{kind}',
        'POST /performers/{handle}/follow',
        'DELETE /performers/{handle}/follow',
        'GET /admin/me',
        'GET /wallet',
        'GET /wallet/history',
        'GET /wallet/packs',
        'POST /wallet/purchases',
        'GET /wallet/purchases/{id}',
        'GET /wallet/tips/{clientId}',
        'POST /payments/stripe/webhook',
        'GET /studio/earnings',
        'POST /studio/payout-account',
        'POST /studio/payouts',
        'GET /admin/payouts',
        'POST /admin/payouts/approve',
        'POST /admin/payouts/{id}/fail',
        'POST /admin/payouts/{id}/reconcile',
        'GET /admin/payouts.csv',
        'GET /admin/ledger/check',
        'POST /admin/wallets/{userId}/settle',
        'GET /studio/live',
        'POST /studio/live',
        'DELETE /studio/live',
        'GET /studio/menu',
        'PUT /studio/menu',
        'GET /studio/goal',
        'PUT /studio/goal',
        'DELETE /studio/goal',
        'GET /studio/devices',
        'PUT /studio/devices',
        'GET /rooms',
        'GET /rooms/offline',
        'PUT /rooms/{handle}/thumbnail',
        'GET /rooms/{handle}/standing',
        'GET /studio/verification',
        'PUT /studio/verification',
        'PUT /studio/verification/documents/{side}',
        'GET /studio/verification/documents/{documentId}',
        'POST /studio/verification/submit',
        'GET /admin/kyc',
        'GET /admin/kyc/next',
        'GET /admin/kyc/{id}',
        'GET /admin/kyc/{id}/documents/{documentId}',
        'POST /admin/kyc/{id}/approve',
        'POST /admin/kyc/{id}/reject',
        'GET /live/ice-servers',
        'POST /live/{handle}/publish',
        'POST /live/{handle}/watch',
        'PUT /live/{handle}/sessions/{sessionId}/renegotiate',
        'PUT /live/{handle}/sessions/{sessionId}/layer',
        'POST /live/{handle}/sessions/{sessionId}/close',
        'GET /studio/geo',
        'GET /admin/audit',
        'GET /admin/reports',
        'GET /admin/reports/{id}',
        'POST /admin/reports/{id}/resolve',
        'GET /admin/users',
        'GET /admin/users/{userId}',
        'POST /admin/users/{userId}/suspend',
        'POST /admin/users/{userId}/unsuspend',
        'POST /admin/users/{userId}/freeze',
        'POST /admin/users/{userId}/unfreeze',
        'POST /admin/users/{userId}/adjustments',
        'GET /admin/figures',
        'GET /me/warnings',
        'PUT /studio/geo',
        'GET /studio/apps',
        'DELETE /studio/apps/{id}',
        'GET /consent/{handle}',
        'POST /consent/{handle}',
        'POST /studio/now-playing',
        'GET /studio/now-playing',
        'DELETE /studio/now-playing',
        'GET /studio/now-playing/tokens',
        'POST /studio/now-playing/tokens',
        'DELETE /studio/now-playing/tokens/{id}',
        'GET /studio/requests',
        'PUT /studio/requests',
      ].sort(),
    );
  });

  it('serves an API docs page that loads only its own scripts', async () => {
    const response = await new Browser().fetch('/api/docs');
    const html = await response.text();
    expect(response.headers.get('Content-Type')).toMatch(/text\/html/);
    expect(html).toContain('<script src="/docs/swagger-ui-bundle.js">');
    expect(html).not.toMatch(/https?:\/\//);
  });
});

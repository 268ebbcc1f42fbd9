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
        'DELETE /me/avatar',
        'DELETE /me/notification-settings/mutes/{handle}',
        'DELETE /me/push-subscriptions',
        'DELETE /performers/{handle}/follow',
        'DELETE /performers/{handle}/{kind}',
        'DELETE /studio/apps/{id}',
        'DELETE /studio/goal',
        'DELETE /studio/live',
        'DELETE /studio/now-playing',
        'DELETE /studio/now-playing/tokens/{id}',
        'GET /admin/audit',
        'GET /admin/figures',
        'GET /admin/kyc',
        'GET /admin/kyc/next',
        'GET /admin/kyc/{id}',
        'GET /admin/kyc/{id}/documents/{documentId}',
        'GET /admin/ledger/check',
        'GET /admin/me',
        'GET /admin/payouts',
        'GET /admin/payouts.csv',
        'GET /admin/reports',
        'GET /admin/reports/{id}',
        'GET /admin/users',
        'GET /admin/users/{userId}',
        'GET /consent/{handle}',
        'GET /health',
        'GET /live/ice-servers',
        'GET /me',
        'GET /me/fan-clubs',
        'GET /me/following',
        'GET /me/notification-settings',
        'GET /me/notifications',
        'GET /me/warnings',
        'GET /notifications/push-key',
        'GET /performers/{handle}',
        'GET /performers/{handle}/availability',
        'GET /performers/{handle}/fan-club',
        'GET /performers/{handle}/reviews',
        'GET /rooms',
        'GET /rooms/offline',
        'GET /rooms/{handle}/standing',
        'GET /shows/available',
        'GET /shows/{id}/review',
        'GET /studio/apps',
        'GET /studio/devices',
        'GET /studio/earnings',
        'GET /studio/fan-club',
        'GET /studio/fan-club/members',
        'GET /studio/geo',
        'GET /studio/goal',
        'GET /studio/live',
        'GET /studio/live/summary',
        'GET /studio/menu',
        'GET /studio/now-playing',
        'GET /studio/now-playing/tokens',
        'GET /studio/requests',
        'GET /studio/shows/earnings',
        'GET /studio/shows/settings',
        'GET /studio/verification',
        'GET /studio/verification/documents/{documentId}',
        'GET /wallet',
        'GET /wallet/history',
        'GET /wallet/packs',
        'GET /wallet/purchases/{id}',
        'GET /wallet/tips/{clientId}',
        'PATCH /me',
        'PATCH /performers/{handle}',
        'POST /admin/kyc/{id}/approve',
        'POST /admin/kyc/{id}/reject',
        'POST /admin/payouts/approve',
        'POST /admin/payouts/{id}/fail',
        'POST /admin/payouts/{id}/reconcile',
        'POST /admin/reports/{id}/resolve',
        'POST /admin/users/{userId}/adjustments',
        'POST /admin/users/{userId}/freeze',
        'POST /admin/users/{userId}/suspend',
        'POST /admin/users/{userId}/unfreeze',
        'POST /admin/users/{userId}/unsuspend',
        'POST /admin/wallets/{userId}/settle',
        'POST /auth/email/change',
        'POST /auth/email/confirm',
        'POST /auth/email/verification',
        'POST /auth/email/verify',
        'POST /auth/login',
        'POST /auth/logout',
        'POST /auth/logout-everywhere',
        'POST /auth/password',
        'POST /auth/password/forgot',
        'POST /auth/password/reset',
        'POST /auth/signup',
        'POST /consent/{handle}',
        'POST /live/{handle}/publish',
        'POST /live/{handle}/sessions/{sessionId}/close',
        'POST /live/{handle}/shows/{showId}/cam/publish',
        'POST /live/{handle}/shows/{showId}/cam/watch',
        'POST /live/{handle}/watch',
        'POST /me/notifications/read',
        'POST /me/push-subscriptions',
        'POST /notifications/unsubscribe',
        'POST /payments/stripe/webhook',
        'POST /performers/{handle}/fan-club/cancel',
        'POST /performers/{handle}/fan-club/join',
        'POST /performers/{handle}/follow',
        'POST /shows/reviews/{id}/report',
        'POST /shows/{id}/review',
        'POST /studio/live',
        'POST /studio/now-playing',
        'POST /studio/now-playing/tokens',
        'POST /studio/payout-account',
        'POST /studio/payouts',
        'POST /studio/verification/submit',
        'POST /wallet/purchases',
        'PUT /live/{handle}/sessions/{sessionId}/layer',
        'PUT /live/{handle}/sessions/{sessionId}/renegotiate',
        'PUT /me/avatar',
        'PUT /me/notification-settings',
        'PUT /me/notification-settings/mutes/{handle}',
        'PUT /performers/{handle}/{kind}',
        'PUT /rooms/{handle}/thumbnail',
        'PUT /shows/{id}/review',
        'PUT /studio/devices',
        'PUT /studio/fan-club',
        'PUT /studio/geo',
        'PUT /studio/goal',
        'PUT /studio/menu',
        'PUT /studio/menu/fan-club-discount',
        'PUT /studio/requests',
        'PUT /studio/shows/settings',
        'PUT /studio/verification',
        'PUT /studio/verification/documents/{side}',
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

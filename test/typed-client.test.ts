import { hc } from 'hono/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ErrorCode } from '../wire/errors.ts';
import type { AppType } from '../workers/api-type.ts';
import { Browser, newAccount, ORIGIN } from './client.ts';

/** The typed client over a test browser: the same cookies, Origin and address as the other tests. */
function typedClient(browser: Browser) {
  return hc<AppType>(`${ORIGIN}/api`, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return browser.fetch(url.pathname + url.search, init);
    },
  });
}

describe('the typed client', () => {
  it('reads the health check as the route defines it', async () => {
    const response = await typedClient(new Browser()).health.$get();
    expect(response.status).toBe(200);
    const body = await response.json();
    expectTypeOf(body.status).toEqualTypeOf<'ok'>();
    expect(body).toMatchObject({ status: 'ok', environment: 'development' });
    // @ts-expect-error a misspelt property is not part of the answer's type
    expect(body.enviroment).toBeUndefined();
  });

  it('signs up with a typed body, then reads the signed-in account and its wallet', async () => {
    const browser = new Browser();
    const api = typedClient(browser);
    const account = newAccount();
    const signup = await api.auth.signup.$post({ json: account });
    expect(signup.status).toBe(201);

    const me = await api.me.$get();
    if (me.status !== 200) throw new Error(`expected 200, got ${me.status}`);
    const { user } = await me.json();
    expectTypeOf(user.handle).toEqualTypeOf<string>();
    expect(user.handle).toBe(account.handle);

    const wallet = await api.wallet.$get();
    if (wallet.status !== 200) throw new Error(`expected 200, got ${wallet.status}`);
    const body = await wallet.json();
    expectTypeOf(body.balance).toEqualTypeOf<number>();
    expect(body).toEqual({ balance: 0, frozen: null });
  });

  it('types the error envelope of a refused request', async () => {
    const response = await typedClient(new Browser()).wallet.$get();
    expect(response.status).toBe(401);
    if (response.status === 401) {
      const { error } = await response.json();
      expectTypeOf(error.code).toEqualTypeOf<ErrorCode>();
      expect(error.code).toBe('UNAUTHENTICATED');
    }
  });
});

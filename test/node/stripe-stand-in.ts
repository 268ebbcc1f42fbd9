import { randomBytes } from 'node:crypto';

/**
 * A small Stripe API for the worker tests, run in Node by vitest behind miniflare's outbound
 * service. It answers the calls Encore's Stripe provider makes, in Stripe's shapes and errors,
 * parses the SDK's form encoding (`line_items[0][price_data][currency]=usd`), replays a POST
 * with a seen Idempotency-Key as Stripe does, and records every request so a test can check
 * what the SDK sent. `/_stand-in/…` paths are the tests' own controls, not Stripe's API.
 */
export const STRIPE_STAND_IN_URL = 'https://stripe.test';
/** Transfers to this account answer 500, as during a Stripe outage. */
export const OUTAGE_ACCOUNT = 'acct_stand_in_outage';

type Body = Record<string, unknown>;
export type RecordedRequest = {
  method: string;
  path: string;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  body: Body;
};
type Account = Body & { id: string; payouts_enabled: boolean; capabilities: { transfers: string } };

export function stripeStandIn() {
  const requests: RecordedRequest[] = [];
  const accounts = new Map<string, Account>();
  const replies = new Map<string, { status: number; body: unknown }>();
  const transfers: Body[] = [];
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
  const now = () => Math.floor(Date.now() / 1000);

  function route(method: string, path: string, body: Body): { status: number; body: unknown } {
    const on = (verb: string, pattern: RegExp) => (method === verb ? path.match(pattern) : null);
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const items = (body.line_items ?? []) as {
        quantity: string;
        price_data: { unit_amount: string; currency: string };
      }[];
      if (body.mode !== 'payment' || items.length === 0 || !body.success_url)
        return invalid('mode, line_items and success_url are required');
      const session = id('cs_test');
      return ok({
        id: session,
        object: 'checkout.session',
        mode: body.mode,
        amount_total: items.reduce((sum, item) => sum + Number(item.price_data.unit_amount) * Number(item.quantity), 0),
        currency: items[0]?.price_data.currency,
        client_reference_id: body.client_reference_id ?? null,
        customer_email: body.customer_email ?? null,
        metadata: body.metadata ?? {},
        payment_intent: null,
        payment_status: 'unpaid',
        status: 'open',
        success_url: body.success_url,
        cancel_url: body.cancel_url ?? null,
        url: `https://checkout.stripe.test/c/pay/${session}`,
        livemode: false,
        expires_at: now() + 86_400,
      });
    }
    if (method === 'POST' && path === '/v1/accounts') {
      const account: Account = {
        id: id('acct'),
        object: 'account',
        type: body.type,
        email: body.email,
        metadata: body.metadata ?? {},
        payouts_enabled: false,
        charges_enabled: false,
        details_submitted: false,
        capabilities: { transfers: 'inactive' },
      };
      accounts.set(account.id, account);
      return ok(account);
    }
    const shown = on('GET', /^\/v1\/accounts\/([^/]+)$/);
    if (shown) {
      const account = accounts.get(shown[1] ?? '');
      return account ? ok(account) : missing('account', shown[1]);
    }
    if (method === 'POST' && path === '/v1/account_links') {
      if (!accounts.has(String(body.account))) return missing('account', body.account);
      if (body.type !== 'account_onboarding' || !body.return_url || !body.refresh_url)
        return invalid('type, return_url and refresh_url are required');
      return ok({
        object: 'account_link',
        url: `https://connect.stripe.test/setup/e/${body.account}/${id('link')}`,
        created: now(),
        expires_at: now() + 300,
      });
    }
    if (method === 'POST' && path === '/v1/transfers') {
      if (body.destination === OUTAGE_ACCOUNT)
        return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred' } } };
      const account = accounts.get(String(body.destination));
      if (!account) return invalid(`No such destination: '${body.destination}'`, 'resource_missing', 'destination');
      if (!account.payouts_enabled) {
        return invalid(
          'Your destination account needs to have at least one of the following capabilities enabled: ' +
            'transfers, crypto_transfers, legacy_payments',
          'insufficient_capabilities_for_transfer',
        );
      }
      const transfer = {
        id: id('tr'),
        object: 'transfer',
        amount: Number(body.amount),
        currency: body.currency,
        destination: account.id,
        metadata: body.metadata ?? {},
        transfer_group: body.transfer_group ?? null,
        reversed: false,
      };
      transfers.push(transfer);
      return ok(transfer);
    }
    if (method === 'GET' && path === '/v1/transfers') {
      const data = transfers
        .filter((t) => body.transfer_group === undefined || t.transfer_group === body.transfer_group)
        .slice(0, Number(body.limit ?? 10));
      return ok({ object: 'list', url: '/v1/transfers', has_more: false, data });
    }
    const onboarded = on('POST', /^\/_stand-in\/accounts\/([^/]+)\/onboarded$/);
    if (onboarded) {
      // The performer finished Stripe's hosted onboarding.
      const account = accounts.get(onboarded[1] ?? '');
      if (!account) return missing('account', onboarded[1]);
      Object.assign(account, {
        payouts_enabled: true,
        charges_enabled: true,
        details_submitted: true,
        capabilities: { transfers: 'active' },
        requirements: { currently_due: [], past_due: [], disabled_reason: null },
      });
      return ok(account);
    }
    const restricted = on('POST', /^\/_stand-in\/accounts\/([^/]+)\/restricted$/);
    if (restricted) {
      // Stripe needs a new document before it pays this account again.
      const account = accounts.get(restricted[1] ?? '');
      if (!account) return missing('account', restricted[1]);
      Object.assign(account, {
        payouts_enabled: false,
        capabilities: { transfers: 'inactive' },
        requirements: {
          currently_due: ['individual.verification.document'],
          past_due: ['individual.verification.document'],
          disabled_reason: 'requirements.past_due',
        },
      });
      return ok(account);
    }
    return {
      status: 404,
      body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` } },
    };
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/_stand-in/requests') return Response.json(requests);
    if (
      !url.pathname.startsWith('/_stand-in/') &&
      !/^Bearer sk_test_\w+$/.test(request.headers.get('Authorization') ?? '')
    ) {
      return Response.json(
        { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } },
        { status: 401 },
      );
    }
    const body = parseForm(request.method === 'GET' ? url.search.slice(1) : await request.text());
    const idempotencyKey = request.headers.get('Idempotency-Key');
    requests.push({
      method: request.method,
      path: url.pathname,
      idempotencyKey,
      stripeVersion: request.headers.get('Stripe-Version'),
      body,
    });
    const replayKey = idempotencyKey && request.method === 'POST' ? `${url.pathname} ${idempotencyKey}` : null;
    const reply = (replayKey && replies.get(replayKey)) || route(request.method, url.pathname, body);
    if (replayKey && reply.status < 500) replies.set(replayKey, reply);
    return Response.json(reply.body, { status: reply.status, headers: { 'Request-Id': id('req') } });
  }

  return { url: STRIPE_STAND_IN_URL, handle };
}

const ok = (body: unknown) => ({ status: 200, body });
const invalid = (message: string, code?: string, param?: string) => ({
  status: 400,
  body: { error: { type: 'invalid_request_error', message, code, param } },
});
const missing = (kind: string, value: unknown) =>
  invalid(`No such ${kind}: '${String(value)}'`, 'resource_missing', kind);

/** `a[b][0][c]=v` into `{ a: { b: [{ c: 'v' }] } }`, as Stripe reads the SDK's encoding. */
export function parseForm(text: string): Body {
  const root: Body = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      const next = path[i + 1];
      if (next === undefined) node[part] = value;
      else {
        node[part] ??= /^\d+$/.test(next) ? [] : {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

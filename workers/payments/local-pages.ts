import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { type PurchaseRow, packName } from './purchases.ts';

/**
 * The local provider's pages: a checkout that stands in for Stripe Checkout and an onboarding
 * page that stands in for Stripe Connect's. Plain forms posting to the same origin, styled by
 * one stylesheet, so the site's CSP (no inline scripts or styles) holds here too.
 */
type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

function layout(title: string, body: Page): Page {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · local payments</title>
        <link rel="stylesheet" href="/dev/payments.css" />
      </head>
      <body>
        <main>
          <p class="badge">Local stand-in for Stripe: no money moves</p>
          ${body}
        </main>
      </body>
    </html>`;
}

export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

export function checkoutPage(purchase: PurchaseRow): Page {
  const total = purchase.tokens + purchase.bonusTokens;
  const bonus = purchase.bonusTokens > 0 ? ` (${purchase.bonusTokens.toLocaleString('en-US')} bonus)` : '';
  const pay = `Pay ${money(purchase.amountCents, purchase.currency)}`;
  const action = `/dev/checkout/${encodeURIComponent(purchase.id)}`;
  const button = (name: string, label: string, secondary = false) =>
    html`<button type="submit" name="action" value="${name}" ${secondary ? html`class="secondary"` : ''}>
      ${label}
    </button>`;
  return layout(
    'Checkout',
    html`<h1>${packName(purchase)} pack</h1>
      <dl>
        <dt>Tokens</dt>
        <dd>${total.toLocaleString('en-US')}${bonus}</dd>
        <dt>Price</dt>
        <dd>${money(purchase.amountCents, purchase.currency)}</dd>
        <dt>Status</dt>
        <dd class="status">${purchase.status}</dd>
      </dl>
      <form method="post" action="${action}">
        ${
          purchase.status === 'pending'
            ? html`${button('pay', pay)} ${button('decline', 'Decline', true)}`
            : purchase.status === 'paid'
              ? html`<p class="hint">Paid. To try the unhappy paths, reverse it as Stripe would:</p>
                ${button('refund', 'Refund', true)} ${button('dispute', 'Open a dispute', true)}`
              : html`<p class="hint">Nothing more can happen to this purchase.</p>`
        }
      </form>
      <p><a href="/wallet">Back to the wallet</a></p>`,
  );
}

export function onboardingPage(accountId: string, returnUrl: string): Page {
  const action = `/dev/payouts/onboarding/${encodeURIComponent(accountId)}`;
  return layout(
    'Payout account',
    html`<h1>Set up payouts</h1>
      <p>Account <code>${accountId}</code>. Stripe would ask for identity and bank details here.</p>
      <form method="post" action="${action}">
        <input type="hidden" name="return" value="${returnUrl}" />
        <button type="submit" name="transfers" value="succeed">Finish: transfers succeed</button>
        <button type="submit" name="transfers" value="fail" class="secondary">
          Finish: transfers to this account fail
        </button>
        <button type="submit" name="transfers" value="more" class="secondary">
          Stop: the provider needs more information
        </button>
      </form>`,
  );
}

export function messagePage(title: string, message: string): Page {
  return layout(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/wallet">Back to the wallet</a></p>`);
}

export const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f9fc; }
main { background: #fff; color: #1a1f36; padding: 2rem; border-radius: 12px; width: min(92vw, 420px);
  box-shadow: 0 4px 24px #0002; }
.badge { display: inline-block; margin: 0 0 1rem; padding: .2rem .6rem; border-radius: 99px; background: #635bff;
  color: #fff; font-size: .8rem; }
h1 { font-size: 1.35rem; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .4rem 1rem; margin: 0 0 1.5rem; }
dt { color: #596171; }
dd { margin: 0; font-weight: 600; }
.status { text-transform: capitalize; }
form { display: grid; gap: .6rem; }
button { padding: .75rem; font-size: 1rem; border: 0; border-radius: 6px; background: #635bff; color: #fff;
  cursor: pointer; }
button.secondary { background: #e3e8ee; color: #1a1f36; }
button:focus-visible, a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.hint { color: #596171; font-size: .9rem; margin: 0; }
code { font-size: .85rem; word-break: break-all; }
a { color: #4b45c6; }
`;

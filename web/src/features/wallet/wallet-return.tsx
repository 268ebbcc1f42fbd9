import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Purchase } from '../../../../wire/money.ts';
import { MoneyIcon, type MoneyIconName } from '../../components/money-icons.tsx';
import { RequireUser } from '../../components/require-user.tsx';
import { call, client } from '../../lib/api-client.ts';
import { formatCents, formatTokens, tokensText } from '../../lib/money.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { publishWallet } from '../../lib/wallet.ts';
import { type PurchaseView, usePurchaseStatus } from './use-purchase-status.ts';
import '../../styles/wallet.css';

/** Where the checkout page sends the buyer back: `/wallet/return?purchase=<id>` (and `&cancelled=1`). */
export default function WalletReturn() {
  const { query } = useLocation();
  const id = query.purchase ?? '';
  const cancelled = query.cancelled === '1' || query.cancelled === 'true';
  return (
    <div class="page wallet-page">
      <RequireUser>
        {(user) => (id ? <Status key={`${user.id}/${id}`} id={id} cancelled={cancelled} /> : <NoPurchase />)}
      </RequireUser>
    </div>
  );
}

function NoPurchase() {
  usePageTitle('Payment');
  return (
    <Outcome
      icon="alert"
      tone="bad"
      title="No purchase to show"
      actions={<Actions primary={['/wallet/buy', 'Buy tokens']} secondary={['/wallet', 'Go to wallet']} />}
    >
      <p>This page shows a purchase when you come back from the checkout page, and this address does not name one.</p>
    </Outcome>
  );
}

function Status({ id, cancelled }: { id: string; cancelled: boolean }) {
  const [view, checkAgain] = usePurchaseStatus(id, cancelled);
  const paid = view.kind === 'settled' && view.purchase.status === 'paid';
  const balance = useBalanceOnce(paid);
  const page = describe(view, balance);
  usePageTitle(page.tab);
  const actions =
    view.kind === 'timeout' ? (
      <p class="button-row return-actions">
        <button type="button" class="button button--primary" onClick={checkAgain}>
          Check again
        </button>
        <a class="button" href="/wallet">
          Go to wallet
        </a>
      </p>
    ) : (
      page.actions
    );
  return (
    <Outcome icon={page.icon} tone={page.tone} title={page.title} actions={actions}>
      {page.text}
    </Outcome>
  );
}

/** The new balance, fetched once the purchase is paid (and shared with the header chip). */
function useBalanceOnce(paid: boolean): number | null {
  const [balance, setBalance] = useState<number | null>(null);
  useEffect(() => {
    if (!paid) return;
    let current = true;
    call(client.wallet.$get()).then(
      (answer) => {
        publishWallet(answer);
        if (current) setBalance(answer.balance);
      },
      () => undefined, // the credit is confirmed either way; the wallet page will show the balance
    );
    return () => {
      current = false;
    };
  }, [paid]);
  return balance;
}

type Page = {
  tab: string;
  icon: MoneyIconName | null;
  tone: 'wait' | 'good' | 'bad';
  title: string;
  text: ComponentChildren;
  actions?: ComponentChildren;
};

const totalOf = (p: Purchase) => p.tokens + p.bonusTokens;
const summary = (p: Purchase) => `${tokensText(totalOf(p))} for ${formatCents(p.priceCents, p.currency)}`;

function describe(view: PurchaseView, balance: number | null): Page {
  const retry = <Actions primary={['/wallet/buy', 'Try again']} secondary={['/wallet', 'Go to wallet']} />;
  switch (view.kind) {
    case 'checking':
    case 'pending':
      return {
        tab: 'Confirming payment',
        icon: null,
        tone: 'wait',
        title: 'Waiting for the payment to confirm…',
        text: (
          <>
            {view.kind === 'pending' && <p class="return-summary">{summary(view.purchase)}</p>}
            <p>
              This usually takes a few seconds. You can leave this page: the tokens arrive in your wallet either way.
            </p>
          </>
        ),
      };
    case 'cancelled':
      return {
        tab: 'Payment cancelled',
        icon: 'x',
        tone: 'bad',
        title: 'Payment cancelled',
        text: <p>You left the checkout page before paying, so you have not been charged and no tokens were added.</p>,
        actions: retry,
      };
    case 'timeout':
      return {
        tab: 'Payment not confirmed yet',
        icon: 'clock',
        tone: 'wait',
        title: 'This is taking longer than usual',
        text: (
          <>
            {view.purchase && <p class="return-summary">{summary(view.purchase)}</p>}
            <p>
              The payment has not been confirmed yet. If you paid, the tokens will appear in your wallet as soon as it
              is, so there is no need to pay again.
            </p>
          </>
        ),
      };
    case 'error':
      return {
        tab: 'Payment',
        icon: 'alert',
        tone: 'bad',
        title: view.error.status === 404 ? 'We could not find this purchase' : 'We could not check this purchase',
        text: <p>{view.error.message}</p>,
        actions: <Actions primary={['/wallet', 'Go to wallet']} secondary={['/wallet/buy', 'Buy tokens']} />,
      };
    case 'settled':
      return settled(view.purchase, balance, retry);
  }
}

function settled(purchase: Purchase, balance: number | null, retry: ComponentChildren): Page {
  switch (purchase.status) {
    case 'paid':
    case 'pending': // not reached: pending is never settled
      return {
        tab: 'Tokens added',
        icon: 'check',
        tone: 'good',
        title: `+${tokensText(totalOf(purchase))} added`,
        text: (
          <>
            <p class="return-summary">
              {purchase.bonusTokens > 0
                ? `${tokensText(purchase.tokens)} plus ${formatTokens(purchase.bonusTokens)} bonus, for `
                : 'Paid '}
              {formatCents(purchase.priceCents, purchase.currency)}.
            </p>
            <p>
              {balance === null ? (
                'Thank you! Your wallet has been topped up.'
              ) : (
                <>
                  Your balance is now <strong>{tokensText(balance)}</strong>.
                </>
              )}
            </p>
          </>
        ),
        actions: <Actions primary={['/wallet', 'Go to wallet']} secondary={['/wallet/buy', 'Buy more tokens']} />,
      };
    case 'failed':
      return {
        tab: 'Payment failed',
        icon: 'x',
        tone: 'bad',
        title: 'The payment did not go through',
        text: (
          <p>
            The payment provider could not take the payment for {summary(purchase)}, so no tokens were added. You can
            try again, perhaps with another payment method.
          </p>
        ),
        actions: retry,
      };
    case 'cancelled':
      return {
        tab: 'Payment cancelled',
        icon: 'x',
        tone: 'bad',
        title: 'Payment cancelled',
        text: <p>This checkout was cancelled before payment, so you have not been charged and no tokens were added.</p>,
        actions: retry,
      };
    case 'refunded':
      return {
        tab: 'Purchase refunded',
        icon: 'undo',
        tone: 'bad',
        title: 'This purchase was refunded',
        text: (
          <p>The payment for {summary(purchase)} was refunded, and its tokens were taken back out of your wallet.</p>
        ),
        actions: <Actions primary={['/wallet', 'Go to wallet']} />,
      };
    case 'disputed':
      return {
        tab: 'Payment disputed',
        icon: 'alert',
        tone: 'bad',
        title: 'This payment is disputed',
        text: (
          <p>
            The payment for {summary(purchase)} was disputed with the card issuer, so its tokens were taken back. Your
            wallet shows the details.
          </p>
        ),
        actions: <Actions primary={['/wallet', 'Go to wallet']} />,
      };
  }
}

type OutcomeProps = {
  icon: MoneyIconName | null;
  tone: Page['tone'];
  title: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
};

/**
 * The state card. Title and text sit in a live region that is there from the first render, so each
 * change of state is announced; the buttons stay outside it.
 */
function Outcome({ icon, tone, title, actions, children }: OutcomeProps) {
  return (
    <section class={`card return-card return-card--${tone}`} aria-labelledby="return-title">
      <div class="return-icon" aria-hidden="true">
        {icon ? <MoneyIcon name={icon} /> : <span class="spinner spinner--large" />}
      </div>
      <div class="return-message" role="status">
        <h1 id="return-title">{title}</h1>
        {children}
      </div>
      {actions}
    </section>
  );
}

function Actions({
  primary,
  secondary,
}: {
  primary: [href: string, label: string];
  secondary?: [href: string, label: string];
}) {
  return (
    <p class="button-row return-actions">
      <a class="button button--primary" href={primary[0]}>
        {primary[1]}
      </a>
      {secondary && (
        <a class="button" href={secondary[0]}>
          {secondary[1]}
        </a>
      )}
    </p>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { TokenPack } from '../../../../wire/money.ts';
import { Icon } from '../../components/icon.tsx';
import { RequireUser } from '../../components/require-user.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { ApiFailure, messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { formatCents, formatTokens, tokensText } from '../../lib/money.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser } from '../../lib/session.ts';
import { wallet } from '../../lib/wallet.ts';
import { ResendVerification } from '../account/verify-banner.tsx';
import '../../styles/wallet.css';

const rate = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const totalOf = (pack: TokenPack) => pack.tokens + pack.bonusTokens;

/** The pack giving the most tokens per cent, when some pack gives more than another. */
function bestValue(packs: TokenPack[]): string | null {
  const ratios = packs.filter((p) => p.priceCents > 0).map((p) => ({ id: p.id, ratio: totalOf(p) / p.priceCents }));
  if (ratios.length < 2) return null;
  const best = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return ratios.some((r) => r.ratio < best.ratio) ? best.id : null;
}

export default function WalletBuy() {
  usePageTitle('Buy tokens');
  return (
    <div class="page wallet-page">
      <p class="back-link">
        <a href="/wallet">
          <span aria-hidden="true">← </span>Wallet
        </a>
      </p>
      <h1>Buy tokens</h1>
      <RequireUser>{(user) => <Packs key={user.id} verified={user.emailVerified} />}</RequireUser>
    </div>
  );
}

function Packs({ verified }: { verified: boolean }) {
  const [answer, reload] = useResource(() => client.wallet.packs.$get(), []);
  const [buying, setBuying] = useState<string | null>(null);
  const [error, setError] = useState('');
  const alertBox = useRef<HTMLDivElement>(null);

  // Back from the checkout page, the browser may restore this page as it was left: still busy.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setBuying(null);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  useEffect(() => {
    if (error) alertBox.current?.focus();
  }, [error]);

  const buy = async (pack: TokenPack) => {
    setBuying(pack.id);
    setError('');
    try {
      const { checkoutUrl } = await call(client.wallet.purchases.$post({ json: { packId: pack.id } }));
      // Stays busy while the browser leaves for the checkout page.
      location.assign(checkoutUrl);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 401) currentUser.value = null;
      setError(messageOf(failure));
      setBuying(null);
    }
  };

  const balance = wallet.value?.balance;
  return (
    <>
      <p class="wallet-lede">
        Tokens are how you tip performers: 1 token is worth US$0.01.
        {balance !== undefined && (
          <>
            {' '}
            You have <strong>{tokensText(balance)}</strong>.
          </>
        )}
      </p>
      {!verified && (
        <div class="alert alert--warning">
          <p class="alert-title">Confirm your email to buy tokens</p>
          <p class="alert-text">
            Follow the link we sent to your address first, so your tokens and receipts stay reachable.
          </p>
          <ResendVerification />
        </div>
      )}
      {error && (
        <div class="alert alert--error" role="alert" tabIndex={-1} ref={alertBox}>
          <p class="alert-title">Checkout did not open</p>
          <p class="alert-text">{error}</p>
        </div>
      )}
      {answer.state === 'loading' && <Loading label="Loading token packs…" />}
      {answer.state === 'failed' && <ErrorState error={answer.error} retry={reload} title="Token packs did not load" />}
      {answer.state === 'ready' && answer.data.packs.length === 0 && (
        <EmptyState title="No token packs are on sale right now" icon="coin">
          <p>Please come back a little later.</p>
        </EmptyState>
      )}
      {answer.state === 'ready' && answer.data.packs.length > 0 && (
        <PackGrid packs={answer.data.packs} buying={buying} locked={!verified} onBuy={buy} />
      )}
      <div class="small-print">
        <p>
          Tokens are not refundable, except in cases of fraud or a disputed payment. Bonus tokens come on top of the
          tokens you pay for and are worth the same.
        </p>
        <p>
          You pay on our payment provider’s secure checkout page, so your card details never reach Encore. Tokens are
          added to your wallet as soon as the payment is confirmed, usually within seconds.
        </p>
      </div>
    </>
  );
}

function PackGrid({
  packs,
  buying,
  locked,
  onBuy,
}: {
  packs: TokenPack[];
  buying: string | null;
  locked: boolean;
  onBuy: (pack: TokenPack) => void;
}) {
  const best = bestValue(packs);
  return (
    <ul class="pack-grid">
      {packs.map((pack) => (
        <PackCard
          key={pack.id}
          pack={pack}
          best={pack.id === best}
          busy={buying === pack.id}
          locked={locked || buying !== null}
          onBuy={onBuy}
        />
      ))}
    </ul>
  );
}

type CardProps = { pack: TokenPack; best: boolean; busy: boolean; locked: boolean; onBuy: (pack: TokenPack) => void };

function PackCard({ pack, best, busy, locked, onBuy }: CardProps) {
  const total = totalOf(pack);
  const price = formatCents(pack.priceCents, pack.currency);
  const perToken = total > 0 ? pack.priceCents / total : 0;
  return (
    <li class={`pack${best ? ' pack--best' : ''}`}>
      <h2 class="pack-name">{pack.name}</h2>
      {best && <p class="pack-flag">Best value</p>}
      <p class="pack-tokens">
        <Icon name="coin" class="pack-coin" />
        <span class="pack-total">{formatTokens(total)}</span> tokens
      </p>
      <p class="pack-detail">
        {pack.bonusTokens > 0 ? (
          <>
            {formatTokens(pack.tokens)} <span class="badge pack-bonus">+{formatTokens(pack.bonusTokens)} bonus</span>
          </>
        ) : (
          <span class="muted">No bonus</span>
        )}
      </p>
      <p class="pack-price">{price}</p>
      <p class="pack-rate">{rate.format(perToken)}¢ per token</p>
      {/* The name starts with the visible label, then says what the pack holds and costs. */}
      <button
        type="button"
        class="button button--primary button--block"
        disabled={locked}
        aria-busy={busy}
        aria-label={`Buy ${pack.name}: ${tokensText(total)} for ${price}`}
        onClick={() => onBuy(pack)}
      >
        {busy && <span class="spinner" aria-hidden="true" />}
        Buy {pack.name}
      </button>
    </li>
  );
}

import { useEffect } from 'preact/hooks';
import { Icon } from '../../components/icon.tsx';
import { RequireUser } from '../../components/require-user.tsx';
import { ErrorState } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { faceValue, formatTokens } from '../../lib/money.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { publishWallet } from '../../lib/wallet.ts';
import { HistoryList } from './wallet-history.tsx';
import '../../styles/wallet.css';

export default function Wallet() {
  usePageTitle('Wallet');
  return (
    <div class="page wallet-page">
      <h1>Wallet</h1>
      <RequireUser>
        {(user) => (
          <div key={user.id} class="wallet-layout">
            <Balance />
            <HistoryList />
          </div>
        )}
      </RequireUser>
    </div>
  );
}

function Balance() {
  const [answer, reload] = useResource(() => client.wallet.$get(), []);
  // Keep the header chip in step with what this page shows.
  useEffect(() => {
    if (answer.state === 'ready') publishWallet(answer.data);
  }, [answer]);
  return (
    <section class="card balance-card" aria-labelledby="balance-title">
      <h2 id="balance-title" class="balance-label">
        Balance
      </h2>
      {answer.state === 'loading' && (
        <div aria-busy="true">
          <span class="visually-hidden" role="status">
            Loading your balance…
          </span>
          <span class="skeleton skeleton-line skeleton-line--title" />
          <span class="skeleton skeleton-line skeleton-line--short" />
        </div>
      )}
      {answer.state === 'failed' && (
        <ErrorState error={answer.error} retry={reload} title="Your balance did not load" />
      )}
      {answer.state === 'ready' && (
        <>
          <p class="balance-amount">
            <Icon name="coin" class="balance-icon" />
            <span class="balance-number">{formatTokens(answer.data.balance)}</span>
            <span class="balance-unit">{answer.data.balance === 1 ? 'token' : 'tokens'}</span>
          </p>
          <p class="muted balance-value">≈ {faceValue(answer.data.balance)} face value</p>
          {answer.data.frozen !== null && (
            <div class="notice notice--danger">
              <Icon name="lock" class="notice-icon" />
              <div>
                <p class="notice-title">Tipping is paused on your account</p>
                <p>{answer.data.frozen}</p>
              </div>
            </div>
          )}
        </>
      )}
      <p class="button-row balance-actions">
        <a href="/wallet/buy" class="button button--primary button--large">
          Buy tokens
        </a>
      </p>
    </section>
  );
}

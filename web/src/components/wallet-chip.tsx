import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { forgetWallet, refreshWallet, wallet } from '../lib/wallet.ts';
import { Icon } from './icon.tsx';

// Not money.ts: that module would pull the pages' money formatting into the home page's bundle.
const count = new Intl.NumberFormat();

/**
 * The balance in the header, linking to the wallet. Fetched on mount and again whenever the tab
 * comes back into view (a purchase may have landed in another tab); the return page refreshes it
 * when a payment is confirmed. Mount it keyed by the account, so a new sign-in starts afresh.
 */
export function WalletChip() {
  const { path } = useLocation();
  useEffect(() => {
    void refreshWallet();
    const again = () => {
      if (document.visibilityState === 'visible') void refreshWallet(5000);
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
      forgetWallet();
    };
  }, []);
  const known = wallet.value;
  return (
    <a
      href="/wallet"
      class={`wallet-chip${known?.frozen ? ' wallet-chip--frozen' : ''}`}
      aria-current={path === '/wallet' ? 'page' : undefined}
    >
      <Icon name={known?.frozen ? 'lock' : 'coin'} class="wallet-chip-icon" />
      {/* Named "Wallet balance…" so it never clashes with the menu's plain "Wallet" link. */}
      {known ? (
        <>
          <span class="visually-hidden">Wallet balance: </span>
          {count.format(known.balance)}
          <span class="visually-hidden"> tokens{known.frozen ? ', tipping paused' : ''}</span>
        </>
      ) : (
        <>
          Wallet<span class="visually-hidden"> balance</span>
        </>
      )}
    </a>
  );
}

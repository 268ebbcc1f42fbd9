import { useLocation } from 'preact-iso';
import { currentUser, isPerformer } from '../lib/session.ts';
import { NotificationBell } from './notification-bell.tsx';
import { UserMenu } from './user-menu.tsx';
import { WalletChip } from './wallet-chip.tsx';

/**
 * Where "Log in" should come back to: here, unless here is already an auth page. The browser gives the path
 * percent-encoded (`/%40nova` for a profile), so it is decoded before it is encoded once into `next`.
 */
function nextFrom(url: string): string {
  if (url === '/' || /^\/(login|signup)\b/.test(url)) return '';
  const [path = '/', query] = url.split(/\?(.*)/s);
  let readable = url;
  try {
    readable = decodeURIComponent(path) + (query ? `?${query}` : '');
  } catch {
    // A malformed escape: keep the address as it came.
  }
  return `?next=${encodeURIComponent(readable)}`;
}

export function SiteHeader() {
  const { url, path } = useLocation();
  const user = currentUser.value;
  const current = (href: string) => ((href === '/' ? path === '/' : path.startsWith(href)) ? 'page' : undefined);
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <a href="/" class="logo" aria-label="Encore home">
          <span class="logo-mark" aria-hidden="true" />
          <span class="logo-word">Encore</span>
        </a>
        <nav aria-label="Main" class="main-nav">
          <a href="/" aria-current={current('/')}>
            Home
          </a>
          {isPerformer.value && (
            <a href="/studio" aria-current={current('/studio')}>
              Studio
            </a>
          )}
        </nav>
        <div class="site-header-account">
          {user === null && (
            <>
              <a href={`/login${nextFrom(url)}`} class="button button--ghost">
                Log in
              </a>
              <a href={`/signup${nextFrom(url)}`} class="button button--primary">
                Sign up
              </a>
            </>
          )}
          {user && (
            <>
              <WalletChip key={user.id} />
              <NotificationBell key={`bell-${user.id}`} />
              <UserMenu user={user} />
            </>
          )}
        </div>
      </div>
    </header>
  );
}

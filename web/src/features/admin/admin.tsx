import type { ComponentType } from 'preact';
import { ConsoleLayout, type ConsoleLink } from '../../components/console-layout.tsx';
import type { IconName } from '../../components/icon.tsx';
import { EmptyState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { AuditPanel } from './audit.tsx';
import { KycPanel } from './kyc-queue.tsx';
import { LedgerPanel } from './ledger.tsx';
import { Overview } from './overview.tsx';
import { PayoutsPanel } from './payouts.tsx';
import { ReportsPanel } from './reports.tsx';
import { UsersPanel } from './users.tsx';
import '../../styles/console.css';
import '../../styles/admin.css';

/** One dashboard section: its address under /admin, its nav entry and its panel. */
type Section = { slug: string; label: string; icon: IconName; Panel: ComponentType };

const SECTIONS: Section[] = [
  { slug: '', label: 'Overview', icon: 'grid', Panel: Overview },
  { slug: 'kyc', label: 'Verification', icon: 'id', Panel: KycPanel },
  { slug: 'reports', label: 'Reports', icon: 'flag', Panel: ReportsPanel },
  { slug: 'users', label: 'Users', icon: 'users', Panel: UsersPanel },
  { slug: 'payouts', label: 'Payouts', icon: 'send', Panel: PayoutsPanel },
  { slug: 'ledger', label: 'Ledger check', icon: 'ledger', Panel: LedgerPanel },
  { slug: 'audit', label: 'Audit log', icon: 'shield', Panel: AuditPanel },
];
const LINKS: ConsoleLink[] = SECTIONS.map((s) => ({
  href: s.slug ? `/admin/${s.slug}` : '/admin',
  label: s.label,
  icon: s.icon,
}));

// The dev stand-in signs out by form POST; behind real Access the edge serves the logout URL.
const LOCAL = ['127.0.0.1', 'localhost'].includes(location.hostname);

export default function Admin({ section }: { section?: string }) {
  const current = SECTIONS.find((s) => s.slug === (section ?? ''));
  usePageTitle(current?.slug ? `${current.label} · Admin` : 'Admin');
  const [me, reload] = useResource(() => client.admin.me.$get(), []);
  return (
    <div class="admin">
      <header class="admin-bar">
        <a href="/admin" class="logo">
          <span class="logo-mark" aria-hidden="true" />
          <span class="logo-word">Encore</span>
        </a>
        <h1 class="admin-title">Admin</h1>
        {me.state === 'ready' && (
          <div class="admin-identity">
            <p>
              Signed in as <strong>{me.data.admin.email}</strong> via Cloudflare Access
            </p>
            {LOCAL ? (
              <form method="post" action="/dev/access/logout">
                <button type="submit" class="button button--ghost button--small">
                  Sign out
                </button>
              </form>
            ) : (
              <a class="button button--ghost button--small" href="/cdn-cgi/access/logout">
                Sign out
              </a>
            )}
          </div>
        )}
      </header>
      {me.state === 'loading' && <Loading label="Checking your Access sign-in…" />}
      {me.state === 'failed' && (
        <div class="state state--error page" role="alert">
          <h2>Admin sign-in needed</h2>
          <p>{me.error.message}</p>
          <p class="button-row">
            <a class="button button--primary" href="/dev/access?redirect=/admin">
              Sign in with Access
            </a>
            <button type="button" class="button" onClick={reload}>
              Try again
            </button>
          </p>
        </div>
      )}
      {me.state === 'ready' && (
        <ConsoleLayout label="Admin" links={LINKS}>
          {current ? <current.Panel /> : <EmptyState title="No such admin page" icon="grid" />}
        </ConsoleLayout>
      )}
    </div>
  );
}

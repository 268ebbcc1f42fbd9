import type { AdminMeResponse } from '../../../wire/admin.ts';
import { ConsoleLayout, type ConsoleLink } from '../components/console-layout.tsx';
import type { IconName } from '../components/icon.tsx';
import { EmptyState, Loading } from '../components/states.tsx';
import { usePageTitle } from '../page-title.ts';
import { useResource } from '../use-resource.ts';
import '../styles/console.css';

type Section = { slug: string; label: string; icon: IconName; empty: string; about: string };
const SECTIONS: Section[] = [
  { slug: 'kyc', label: 'KYC queue', icon: 'id', empty: 'No identity checks waiting', about: 'Performers’ ID documents and selfies to approve or reject.' },
  { slug: 'reports', label: 'Reports', icon: 'flag', empty: 'No open reports', about: 'Reports from viewers about rooms, messages and profiles.' },
  { slug: 'payouts', label: 'Payouts', icon: 'send', empty: 'No payouts to review', about: 'Weekly payout requests from verified performers.' },
  { slug: 'users', label: 'Users', icon: 'users', empty: 'User search is coming soon', about: 'Find accounts, suspend or restore them.' },
  { slug: 'ledger', label: 'Ledger', icon: 'ledger', empty: 'The ledger audit is coming soon', about: 'Every token movement, balanced and append-only.' },
];
const LINKS: ConsoleLink[] = [{ href: '/admin', label: 'Overview', icon: 'grid' }, ...SECTIONS.map((s) => ({ href: `/admin/${s.slug}`, label: s.label, icon: s.icon }))];

// The dev stand-in signs out by form POST; behind real Access the edge serves the logout URL.
const LOCAL = ['127.0.0.1', 'localhost'].includes(location.hostname);

export default function Admin({ section }: { section?: string }) {
  usePageTitle('Admin');
  const [me, reload] = useResource<AdminMeResponse>('/api/admin/me');
  const current = SECTIONS.find((s) => s.slug === section);
  return (
    <div class="admin">
      <header class="admin-bar">
        <a href="/admin" class="logo">
          <span class="logo-mark" aria-hidden="true">E</span>
          <span class="logo-word">Encore</span>
        </a>
        <h1 class="admin-title">Admin</h1>
        {me.state === 'ready' && (
          <div class="admin-identity">
            <p>Signed in as <strong>{me.data.admin.email}</strong> via Cloudflare Access</p>
            {LOCAL ? (
              <form method="post" action="/dev/access/logout">
                <button type="submit" class="button button--ghost button--small">Sign out</button>
              </form>
            ) : (
              <a class="button button--ghost button--small" href="/cdn-cgi/access/logout">Sign out</a>
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
            <a class="button button--primary" href="/dev/access?redirect=/admin">Sign in with Access</a>
            <button type="button" class="button" onClick={reload}>Try again</button>
          </p>
        </div>
      )}
      {me.state === 'ready' && (
        <ConsoleLayout label="Admin" links={LINKS}>
          {current ? <SectionView section={current} /> : <Overview />}
        </ConsoleLayout>
      )}
    </div>
  );
}

function SectionView({ section }: { section: Section }) {
  return (
    <>
      <h2 class="console-title">{section.label}</h2>
      <p class="muted">{section.about}</p>
      <EmptyState title={section.empty} icon={section.icon}>
        <p>Nothing needs you here yet.</p>
      </EmptyState>
    </>
  );
}

function Overview() {
  return (
    <>
      <h2 class="console-title">Overview</h2>
      <ul class="console-grid">
        {SECTIONS.map((s) => (
          <li key={s.slug} class="card">
            <h3><a href={`/admin/${s.slug}`}>{s.label}</a></h3>
            <p class="muted">{s.about}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

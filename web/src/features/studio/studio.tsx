import { lazy } from 'preact-iso';
import type { Me } from '../../../../wire/account.ts';
import { Avatar } from '../../components/avatar.tsx';
import { ConsoleLayout, type ConsoleLink } from '../../components/console-layout.tsx';
import type { IconName } from '../../components/icon.tsx';
import { RequireUser } from '../../components/require-user.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { StudioWarnings } from './studio-warnings.tsx';
import '../../styles/console.css';

// Its own chunk: the chart and its uPlot load only when a performer opens Earnings.
const Earnings = lazy(() => import('./studio-earnings.tsx'));
// Likewise the live panel and its room connection.
const Live = lazy(() => import('./studio-live.tsx'));
const Regions = lazy(() => import('./studio-regions.tsx'));
// And the identity verification form with its uploads.
const Verify = lazy(() => import('./studio-verify.tsx'));
const Apps = lazy(() => import('./studio-apps.tsx'));
const Requests = lazy(() => import('./studio-requests.tsx'));
const NowPlaying = lazy(() => import('./studio-now-playing.tsx'));
const FanClub = lazy(() => import('./studio-fan-club.tsx'));
const Shows = lazy(() => import('./studio-shows.tsx'));

const LINKS: ConsoleLink[] = [
  { href: '/studio', label: 'Dashboard', icon: 'grid' },
  { href: '/studio/live', label: 'Go live', icon: 'camera' },
  { href: '/settings/profile', label: 'Profile', icon: 'user' },
  { href: '/studio/requests', label: 'Requests', icon: 'star' },
  { href: '/studio/shows', label: 'Paid shows', icon: 'coin' },
  { href: '/studio/earnings', label: 'Earnings', icon: 'money' },
  { href: '/studio/fan-club', label: 'Fan club', icon: 'heart' },
  { href: '/studio/regions', label: 'Blocked regions', icon: 'lock' },
  { href: '/studio/now-playing', label: 'Now playing', icon: 'mic' },
  { href: '/studio/verification', label: 'Verification', icon: 'shield' },
  { href: '/studio/apps', label: 'Connected apps', icon: 'send' },
];

type Placeholder = { heading: string; title: string; icon: IconName; text: string };
const PLACEHOLDERS: Record<string, Placeholder> = {};

export default function Studio({ section }: { section?: string }) {
  usePageTitle(
    section === 'earnings'
      ? 'Earnings'
      : section === 'live'
        ? 'Go live'
        : section === 'regions'
          ? 'Blocked regions'
          : section === 'verification'
            ? 'Verification'
            : section === 'apps'
              ? 'Connected apps'
              : section === 'requests'
                ? 'Song requests'
                : section === 'now-playing'
                  ? 'Now playing'
                  : section === 'fan-club'
                    ? 'Fan club'
                    : section === 'shows'
                      ? 'Paid shows'
                      : 'Studio',
  );
  return (
    <div class="page page--wide">
      {/* biome-ignore lint/a11y/useValidAriaRole: RequireUser's role is the account's role, not an ARIA role */}
      <RequireUser role="performer">
        {(user) => (
          <ConsoleLayout label="Studio" links={LINKS} compact={section === 'live'}>
            <StudioWarnings />
            {section === 'earnings' ? (
              <Earnings />
            ) : section === 'live' ? (
              <Live handle={user.handle} />
            ) : section === 'regions' ? (
              <Regions />
            ) : section === 'verification' ? (
              <Verify />
            ) : section === 'apps' ? (
              <Apps />
            ) : section === 'requests' ? (
              <Requests handle={user.handle} />
            ) : section === 'now-playing' ? (
              <NowPlaying />
            ) : section === 'fan-club' ? (
              <FanClub />
            ) : section === 'shows' ? (
              <Shows />
            ) : section && PLACEHOLDERS[section] ? (
              <Placeholder {...PLACEHOLDERS[section]} />
            ) : (
              <Dashboard user={user} />
            )}
          </ConsoleLayout>
        )}
      </RequireUser>
    </div>
  );
}

function Placeholder({ heading, title, icon, text }: Placeholder) {
  return (
    <>
      <h1 class="console-title">{heading}</h1>
      <EmptyState title={title} icon={icon}>
        <p>{text}</p>
      </EmptyState>
    </>
  );
}

function Dashboard({ user }: { user: Me }) {
  const [profile, reload] = useResource(
    () => client.performers[':handle'].$get({ param: { handle: encodeURIComponent(user.handle) } }),
    [user.handle],
  );
  return (
    <>
      <h1 class="console-title">Studio</h1>
      <p class="muted">Welcome back, {user.displayName}.</p>
      <div class="console-grid">
        <section class="card summary-card" aria-labelledby="summary-title">
          <h2 id="summary-title">Your profile</h2>
          {profile.state === 'loading' && <Loading label="Loading your profile…" />}
          {profile.state === 'failed' && <ErrorState error={profile.error} retry={reload} />}
          {profile.state === 'ready' && (
            <div class="summary">
              <Avatar name={profile.data.performer.displayName} url={profile.data.performer.avatarUrl} size="lg" />
              <div>
                <p class="summary-name">{profile.data.performer.displayName}</p>
                <p class="muted">@{profile.data.performer.handle}</p>
                <p class="summary-bio">{profile.data.performer.bio || 'No bio yet.'}</p>
              </div>
            </div>
          )}
          <p class="button-row">
            <a class="button" href="/settings/profile">
              Edit profile
            </a>
            <a class="button button--ghost" href={`/@${user.handle}`}>
              View public page
            </a>
          </p>
        </section>
        <section class="card stat-card" aria-labelledby="followers-title">
          <h2 id="followers-title">Followers</h2>
          <p class="stat">
            {profile.state === 'ready' ? new Intl.NumberFormat().format(profile.data.performer.followerCount) : '—'}
          </p>
          <p class="muted">People told when you go live.</p>
        </section>
        <section class="card stat-card" aria-labelledby="live-title">
          <h2 id="live-title">Go live</h2>
          <p class="muted">Start a show with chat and tip alerts beside you.</p>
          <a class="button button--primary" href="/studio/live">
            Open the live panel
          </a>
        </section>
      </div>
    </>
  );
}

import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { LocationProvider, lazy, Route, Router, useLocation, useRoute } from 'preact-iso';
import { SiteFooter } from './components/site-footer.tsx';
import { SiteHeader } from './components/site-header.tsx';
import { Toasts } from './components/toast.tsx';
import { VerifyBanner } from './features/account/verify-banner.tsx';
import { NotFound } from './features/home/not-found.tsx';
import { adultConfirmed, LEGAL_PATHS } from './features/legal/adult-notice.ts';
import { AgeGate } from './features/legal/age-gate.tsx';
import { currentUser, keepSessionAlive, loadSession } from './lib/session.ts';

// Every page loads on first visit, the home page too: the shell (header, router, age notice) is the first
// bundle, so a room opened from a link does not also fetch the directory's code (issue 18's room budget).
// zod, which the forms use, stays out of it.
const Home = lazy(() => import('./features/home/home.tsx').then((m) => m.Home));
const Signup = lazy(() => import('./features/account/signup.tsx'));
const Login = lazy(() => import('./features/account/login.tsx'));
const ForgotPassword = lazy(() => import('./features/account/forgot-password.tsx'));
const ResetPassword = lazy(() => import('./features/account/reset-password.tsx'));
const VerifyEmail = lazy(() => import('./features/account/email-link.tsx').then((m) => m.VerifyEmail));
const NotificationsPage = lazy(() => import('./features/account/notifications-page.tsx'));
const NotificationSettings = lazy(() => import('./features/account/notification-settings.tsx'));
const Unsubscribe = lazy(() => import('./features/account/unsubscribe.tsx'));
const ConfirmEmail = lazy(() => import('./features/account/email-link.tsx').then((m) => m.ConfirmEmail));
const Profile = lazy(() => import('./features/profile/profile.tsx'));
const ProfileEditor = lazy(() => import('./features/profile/profile-editor.tsx'));
const AccountSettings = lazy(() => import('./features/account/account-settings.tsx'));
const FanClubMemberships = lazy(() => import('./features/account/fan-club-memberships.tsx'));
const Studio = lazy(() => import('./features/studio/studio.tsx'));
const Admin = lazy(() => import('./features/admin/admin.tsx'));
const Wallet = lazy(() => import('./features/wallet/wallet.tsx'));
const WalletBuy = lazy(() => import('./features/wallet/wallet-buy.tsx'));
const WalletReturn = lazy(() => import('./features/wallet/wallet-return.tsx'));
const LiveRoom = lazy(() => import('./features/room/live-room.tsx'));
const SessionPage = lazy(() => import('./features/room/shows/session-page.tsx'));
const Terms = lazy(() => import('./features/legal/legal.tsx').then((m) => m.Terms));
const Privacy = lazy(() => import('./features/legal/legal.tsx').then((m) => m.Privacy));
const OfflinePage = lazy(() => import('./features/home/offline-page.tsx'));
const Consent = lazy(() => import('./features/apps/consent.tsx'));
const RecordsStatement = lazy(() => import('./features/legal/legal.tsx').then((m) => m.RecordsStatement));

const pageLoading = signal(false);

/** Profiles live at /@handle; the router has no "@" prefix, so match any one segment here. */
function ProfileOrNotFound() {
  const { params } = useRoute();
  const segment = params.segment ?? '';
  return segment.startsWith('@') && segment.length > 1 ? <Profile handle={segment.slice(1)} /> : <NotFound />;
}

function SettingsIndex() {
  const { route } = useLocation();
  useEffect(() => route('/settings/account', true), []);
  return null;
}

function Shell() {
  const { path } = useLocation();
  // The admin dashboard is its own surface (served only after the Access check), with its own chrome.
  const admin = path === '/admin' || path.startsWith('/admin/');
  useEffect(() => {
    if (admin) return;
    if (currentUser.value === undefined) void loadSession();
    return keepSessionAlive();
  }, [admin]);
  // Nothing of a room or a profile (not even the page's code) before the 18+ notice is answered.
  if (!admin && !adultConfirmed.value && !LEGAL_PATHS.includes(path)) return <AgeGate />;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      {pageLoading.value && <div class="page-loading" aria-hidden="true" />}
      {!admin && <SiteHeader />}
      {!admin && <VerifyBanner />}
      <main id="main" tabIndex={-1} class={admin ? 'main main--admin' : 'main'}>
        <Router
          onLoadStart={() => (pageLoading.value = true)}
          onLoadEnd={() => (pageLoading.value = false)}
          // Move focus to the new page, as a full page load would, so screen readers start at the top.
          onRouteChange={() => document.getElementById('main')?.focus({ preventScroll: true })}
        >
          <Route path="/" component={Home} />
          <Route path="/signup" component={Signup} />
          <Route path="/login" component={Login} />
          <Route path="/forgot-password" component={ForgotPassword} />
          <Route path="/reset-password" component={ResetPassword} />
          <Route path="/verify-email" component={VerifyEmail} />
          <Route path="/confirm-email" component={ConfirmEmail} />
          <Route path="/notifications" component={NotificationsPage} />
          <Route path="/settings/notifications" component={NotificationSettings} />
          <Route path="/unsubscribe" component={Unsubscribe} />
          <Route path="/settings" component={SettingsIndex} />
          <Route path="/settings/profile" component={ProfileEditor} />
          <Route path="/settings/account" component={AccountSettings} />
          <Route path="/settings/fan-clubs" component={FanClubMemberships} />
          <Route path="/wallet" component={Wallet} />
          <Route path="/wallet/buy" component={WalletBuy} />
          <Route path="/wallet/return" component={WalletReturn} />
          <Route path="/live/:handle" component={LiveRoom} />
          <Route path="/session/:handle" component={SessionPage} />
          <Route path="/offline" component={OfflinePage} />
          <Route path="/terms" component={Terms} />
          <Route path="/privacy" component={Privacy} />
          <Route path="/2257" component={RecordsStatement} />
          <Route path="/connect" component={Consent} />
          <Route path="/studio/:section?" component={Studio} />
          <Route path="/admin/:section?" component={Admin} />
          <Route path="/:segment" component={ProfileOrNotFound} />
          <Route default component={NotFound} />
        </Router>
      </main>
      {!admin && <SiteFooter />}
      <Toasts />
    </>
  );
}

export function App() {
  // API, media, local stand-in and OAuth pages are not part of the app: let the browser load them.
  return (
    <LocationProvider scope={/^\/(?!api\/|dev\/|media\/|oauth\/)/}>
      <Shell />
    </LocationProvider>
  );
}

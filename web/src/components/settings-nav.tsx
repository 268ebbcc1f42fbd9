import { useLocation } from 'preact-iso';
import { isPerformer } from '../lib/session.ts';

/** Tabs between the settings pages; the profile tab only exists for performers. */
export function SettingsNav() {
  const { path } = useLocation();
  const tabs = [
    ...(isPerformer.value ? [['/settings/profile', 'Profile']] : []),
    ['/settings/account', 'Account'],
    ['/settings/notifications', 'Notifications'],
    ['/settings/fan-clubs', 'Fan clubs'],
  ] as const;
  return (
    <nav class="settings-nav" aria-label="Settings">
      {tabs.map(([href, label]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { forgetUnread, refreshUnread, unreadNotifications } from '../lib/notifications.ts';
import { Icon } from './icon.tsx';

/** The header's bell: the unread count, linking to the notification list. Mount it keyed by the account. */
export function NotificationBell() {
  const { path } = useLocation();
  useEffect(() => {
    void refreshUnread();
    const again = () => {
      if (document.visibilityState === 'visible') void refreshUnread(5000);
    };
    const timer = setInterval(again, 60_000);
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
      forgetUnread();
    };
  }, []);
  const unread = unreadNotifications.value ?? 0;
  return (
    <a href="/notifications" class="notification-bell" aria-current={path === '/notifications' ? 'page' : undefined}>
      <Icon name="bell" />
      <span class="visually-hidden">Notifications{unread > 0 ? `, ${unread} unread` : ''}</span>
      {unread > 0 && (
        <span class="notification-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}

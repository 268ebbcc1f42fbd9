import { useEffect } from 'preact/hooks';
import type { Notification } from '../../../../wire/notifications.ts';
import { RequireUser } from '../../components/require-user.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { unreadNotifications } from '../../lib/notifications.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { whenText } from '../../lib/time.ts';
import '../../styles/settings.css';

/** The in-app notification list: newest first; opening the page marks them read (the bell clears). */
export default function NotificationsPage() {
  usePageTitle('Notifications');
  return (
    <div class="page settings-page">
      <div class="notifications-head">
        <h1>Notifications</h1>
        <a href="/settings/notifications">Settings</a>
      </div>
      <RequireUser>{() => <List />}</RequireUser>
    </div>
  );
}

function List() {
  const [list, reload] = useResource(() => client.me.notifications.$get(), []);
  useEffect(() => {
    if (list.state !== 'ready' || list.data.unread === 0) return;
    void call(client.me.notifications.read.$post({ json: {} })).then(() => (unreadNotifications.value = 0));
  }, [list.state]);
  if (list.state === 'loading') return <Loading label="Loading notifications…" />;
  if (list.state === 'failed') return <ErrorState error={list.error} retry={reload} />;
  if (list.data.notifications.length === 0)
    return (
      <EmptyState title="Nothing yet" icon="heart">
        Follow performers and you will hear here when they go live.
      </EmptyState>
    );
  return (
    <ul class="notification-list">
      {list.data.notifications.map((n) => (
        <Item key={n.id} notice={n} />
      ))}
    </ul>
  );
}

function Item({ notice }: { notice: Notification }) {
  return (
    <li class={`card notification${notice.read ? '' : ' notification--unread'}`}>
      <a href={notice.link}>
        <strong>{notice.title}</strong>
        {notice.body && <span class="notification-body">{notice.body}</span>}
      </a>
      <time dateTime={notice.createdAt}>{whenText(notice.createdAt)}</time>
      {!notice.read && <span class="visually-hidden">(new)</span>}
    </li>
  );
}

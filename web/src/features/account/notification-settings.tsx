import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { NotificationSettings } from '../../../../wire/notifications.ts';
import { RequireUser } from '../../components/require-user.tsx';
import { SettingsNav } from '../../components/settings-nav.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentPushSubscription, disablePush, enablePush, pushSupported } from '../../lib/push.ts';
import '../../styles/settings.css';

export default function NotificationSettingsPage() {
  usePageTitle('Notification settings');
  return (
    <div class="page settings-page">
      <h1>Settings</h1>
      <SettingsNav />
      <RequireUser>{() => <Settings />}</RequireUser>
    </div>
  );
}

function Settings() {
  const [settings, reload, replace] = useResource(() => client.me['notification-settings'].$get(), []);
  if (settings.state === 'loading') return <Loading label="Loading your settings…" />;
  if (settings.state === 'failed') return <ErrorState error={settings.error} retry={reload} />;
  return (
    <>
      <Channels settings={settings.data} saved={replace} />
      <ThisBrowser />
      <Muted settings={settings.data} saved={replace} />
    </>
  );
}

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function Channels({ settings, saved }: { settings: NotificationSettings; saved: (s: NotificationSettings) => void }) {
  const busy = useSignal(false);
  const quiet = useSignal(settings.quietHours !== null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const on = (name: string) => form.get(name) === 'on';
    busy.value = true;
    try {
      const json = {
        push: on('push'),
        email: on('email'),
        inApp: on('inApp'),
        quietHours: quiet.value
          ? {
              start: String(form.get('start')),
              end: String(form.get('end')),
              timeZone: settings.quietHours?.timeZone ?? localZone(),
            }
          : null,
      };
      saved(await call(client.me['notification-settings'].$put({ json })));
      toast('Notification settings saved');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      busy.value = false;
    }
  };
  return (
    <section class="card settings-section" aria-labelledby="channels-title">
      <h2 id="channels-title">When a performer you follow goes live</h2>
      <form class="form" onSubmit={submit}>
        <fieldset class="group">
          <legend>Tell me by</legend>
          <label class="check">
            <input type="checkbox" name="inApp" defaultChecked={settings.inApp} /> The bell on Encore
          </label>
          <label class="check">
            <input type="checkbox" name="push" defaultChecked={settings.push} /> Browser notifications
          </label>
          <label class="check">
            <input type="checkbox" name="email" defaultChecked={settings.email} /> Email
          </label>
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={quiet.value} onChange={(e) => (quiet.value = e.currentTarget.checked)} />{' '}
          Quiet hours: no browser notifications or emails
        </label>
        {quiet.value && (
          <div class="quiet-hours">
            <label>
              From{' '}
              <input
                class="input"
                type="time"
                name="start"
                required
                defaultValue={settings.quietHours?.start ?? '23:00'}
              />
            </label>
            <label>
              to{' '}
              <input class="input" type="time" name="end" required defaultValue={settings.quietHours?.end ?? '08:00'} />
            </label>
            <span class="muted">({settings.quietHours?.timeZone ?? localZone()})</span>
          </div>
        )}
        <SubmitButton busy={busy.value}>Save</SubmitButton>
      </form>
    </section>
  );
}

function ThisBrowser() {
  const state = useSignal<'unknown' | 'on' | 'off' | 'unsupported'>('unknown');
  const busy = useSignal(false);
  useEffect(() => {
    if (!pushSupported()) state.value = 'unsupported';
    else void currentPushSubscription().then((s) => (state.value = s ? 'on' : 'off'));
  }, []);
  const toggle = async () => {
    busy.value = true;
    try {
      if (state.value === 'on') {
        await disablePush();
        state.value = 'off';
        toast('This browser will not show notifications');
      } else {
        await enablePush();
        state.value = 'on';
        toast('This browser will show notifications');
      }
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      busy.value = false;
    }
  };
  return (
    <section class="card settings-section" aria-labelledby="browser-title">
      <h2 id="browser-title">This browser</h2>
      {state.value === 'unsupported' ? (
        <p class="muted">This browser cannot show notifications from websites.</p>
      ) : (
        <>
          <p class="muted">
            {state.value === 'on'
              ? 'This browser shows a notification when a performer you follow goes live.'
              : 'Turn on notifications to hear about shows even when Encore is not open.'}
          </p>
          <button type="button" class="button" disabled={busy.value || state.value === 'unknown'} onClick={toggle}>
            {state.value === 'on' ? 'Turn off in this browser' : 'Turn on in this browser'}
          </button>
        </>
      )}
    </section>
  );
}

function Muted({ settings, saved }: { settings: NotificationSettings; saved: (s: NotificationSettings) => void }) {
  const unmute = async (handle: string) => {
    try {
      await call(client.me['notification-settings'].mutes[':handle'].$delete({ param: { handle } }));
      saved({ ...settings, muted: settings.muted.filter((h) => h !== handle) });
    } catch (error) {
      toast(messageOf(error), 'error');
    }
  };
  return (
    <section class="card settings-section" aria-labelledby="muted-title">
      <h2 id="muted-title">Muted performers</h2>
      {settings.muted.length === 0 ? (
        <p class="muted">None. Mute a performer from their profile to stop their go-live notices.</p>
      ) : (
        <ul class="muted-list">
          {settings.muted.map((handle) => (
            <li key={handle}>
              <a href={`/@${handle}`}>@{handle}</a>{' '}
              <button type="button" class="button button--small" onClick={() => unmute(handle)}>
                Unmute
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

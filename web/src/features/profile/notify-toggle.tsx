import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Icon } from '../../components/icon.tsx';
import { toast } from '../../components/toast.tsx';
import { messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';

/** Beside "Following": whether this performer's go-live notices reach you (a per-performer mute). */
export function NotifyToggle({ handle }: { handle: string }) {
  const muted = useSignal<boolean | undefined>(undefined);
  const busy = useSignal(false);
  useEffect(() => {
    void call(client.me['notification-settings'].$get()).then(
      (s) => (muted.value = s.muted.includes(handle)),
      () => (muted.value = false),
    );
  }, [handle]);
  if (muted.value === undefined) return null;
  const toggle = async () => {
    busy.value = true;
    const param = { handle };
    try {
      const mutes = client.me['notification-settings'].mutes[':handle'];
      await call(muted.value ? mutes.$delete({ param }) : mutes.$put({ param }));
      muted.value = !muted.value;
      toast(muted.value ? 'You will not be told when they go live' : 'You will be told when they go live');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      busy.value = false;
    }
  };
  return (
    <button type="button" class="button" aria-pressed={!muted.value} disabled={busy.value} onClick={toggle}>
      <Icon name="bell" /> {muted.value ? 'Notify me' : 'Notifications on'}
    </button>
  );
}

import { useSignal } from '@preact/signals';
import type { FollowState } from '../../../../wire/profile.ts';
import { toast } from '../../components/toast.tsx';
import { ApiFailure, messageOf } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { currentUser } from '../../lib/session.ts';

type Props = { handle: string; following: boolean; onChange: (state: FollowState) => void };

/** A toggle button (aria-pressed) for the signed-in; a way to log in for everyone else. */
export function FollowButton({ handle, following, onChange }: Props) {
  const busy = useSignal(false);
  const user = currentUser.value;
  if (user === undefined) return null;
  if (user === null) {
    return (
      <a class="button button--primary" href={`/login?next=${encodeURIComponent(`/@${handle}`)}`}>
        Log in to follow
      </a>
    );
  }
  if (user.handle === handle)
    return (
      <a class="button" href="/settings/profile">
        Edit profile
      </a>
    );

  const toggle = async () => {
    busy.value = true;
    const param = { handle: encodeURIComponent(handle) };
    try {
      onChange(
        await call(
          following
            ? client.performers[':handle'].follow.$delete({ param })
            : client.performers[':handle'].follow.$post({ param }),
        ),
      );
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) currentUser.value = null;
      toast(messageOf(error), 'error');
    } finally {
      busy.value = false;
    }
  };

  return (
    <button
      type="button"
      class={`button ${following ? 'button--following' : 'button--primary'}`}
      aria-pressed={following}
      disabled={busy.value}
      onClick={toggle}
    >
      <span aria-hidden="true">{following ? '✓ ' : '+ '}</span>
      {following ? 'Following' : 'Follow'}
    </button>
  );
}

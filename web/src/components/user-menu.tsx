import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Me } from '../../../wire/account.ts';
import { messageOf } from '../lib/api.ts';
import { signOut } from '../lib/session.ts';
import { Avatar } from './avatar.tsx';
import { toast } from './toast.tsx';

/** The signed-in account's disclosure menu: Profile, Wallet, Settings, Log out. */
export function UserMenu({ user }: { user: Me }) {
  const open = useSignal(false);
  const root = useRef<HTMLDivElement>(null);
  const { url, route } = useLocation();

  useEffect(() => {
    open.value = false;
  }, [url]);

  useEffect(() => {
    if (!open.value) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) {
        open.value = false;
        if (event instanceof KeyboardEvent) root.current?.querySelector('button')?.focus();
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open.value]);

  const logOut = async () => {
    try {
      await signOut();
      route('/');
      toast('You are logged out');
    } catch (error) {
      toast(messageOf(error), 'error');
    }
  };

  return (
    <div
      class="user-menu"
      ref={root}
      // Tabbing past the last item closes the menu, as clicking elsewhere does.
      onFocusOut={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) open.value = false;
      }}
    >
      <button
        type="button"
        class="user-menu-button"
        aria-expanded={open.value}
        aria-controls="user-menu-list"
        onClick={() => (open.value = !open.value)}
      >
        <Avatar name={user.displayName} url={user.avatarUrl} size="sm" decorative />
        <span class="user-menu-name">{user.displayName}</span>
        <span class="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <ul id="user-menu-list" class="user-menu-list" hidden={!open.value}>
        {user.role === 'performer' && (
          <li>
            <a href={`/@${user.handle}`}>Profile</a>
          </li>
        )}
        <li>
          <a href="/wallet">Wallet</a>
        </li>
        <li>
          <a href={user.role === 'performer' ? '/settings/profile' : '/settings/account'}>Settings</a>
        </li>
        <li>
          <button type="button" onClick={logOut}>
            Log out
          </button>
        </li>
      </ul>
    </div>
  );
}

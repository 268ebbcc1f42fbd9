import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Me, Role } from '../../../wire/account.ts';
import { currentUser } from '../lib/session.ts';
import { EmptyState, Loading } from './states.tsx';

type Props = { role?: Role; children: (user: Me) => ComponentChildren };

/** Renders its children for a signed-in account (of `role`, if given); sends others to log in. */
export function RequireUser({ role, children }: Props) {
  const user = currentUser.value;
  const { url, route } = useLocation();
  useEffect(() => {
    if (user === null) route(`/login?next=${encodeURIComponent(url)}`, true);
  }, [user]);
  if (!user) return <Loading />;
  if (role && user.role !== role) {
    return (
      <EmptyState title="This part of Encore is for performers" icon="mic">
        <p>
          Your account is a viewer account, so there is no profile or studio to manage here. You can still follow
          performers and watch them live.
        </p>
        <p>
          <a href="/" class="button">
            Back to home
          </a>
        </p>
      </EmptyState>
    );
  }
  return <>{children(user)}</>;
}

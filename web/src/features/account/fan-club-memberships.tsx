import type { Membership } from '../../../../wire/fan-club.ts';
import { RequireUser } from '../../components/require-user.tsx';
import { SettingsNav } from '../../components/settings-nav.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { membershipWords } from '../fan-club/fan-club-join.tsx';
import '../../styles/settings.css';
import '../../styles/fan-club.css';

/** /settings/fan-clubs: the fan clubs you belong to (and those you left), each linking to its performer. */
export default function FanClubMemberships() {
  usePageTitle('Your fan clubs');
  return (
    <div class="page settings-page">
      <h1>Settings</h1>
      <SettingsNav />
      <RequireUser>{() => <Memberships />}</RequireUser>
    </div>
  );
}

function Memberships() {
  const [answer, reload] = useResource(() => client.me['fan-clubs'].$get(), []);
  return (
    <section class="card settings-section" aria-labelledby="fan-clubs-title">
      <h2 id="fan-clubs-title">Your fan clubs</h2>
      {answer.state === 'loading' && <Loading label="Loading your fan clubs…" />}
      {answer.state === 'failed' && (
        <ErrorState error={answer.error} retry={reload} title="Your fan clubs did not load" />
      )}
      {answer.state === 'ready' &&
        (answer.data.memberships.length === 0 ? (
          <EmptyState title="No fan clubs yet" icon="heart">
            <p>Join a performer’s fan club from their room or profile; it shows here, with its renewal date.</p>
          </EmptyState>
        ) : (
          <ul class="fan-club-membership-list">
            {answer.data.memberships.map((m) => (
              <MembershipRow key={m.performer.handle} membership={m} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function MembershipRow({ membership: m }: { membership: Membership }) {
  return (
    <li class="fan-club-membership">
      <a href={`/@${m.performer.handle}`}>{m.performer.displayName}</a>{' '}
      {m.member ? (
        <span class="badge chat-badge chat-badge--fan-club">Member</span>
      ) : (
        <span class="badge">{m.status === 'lapsed' ? 'Lapsed' : 'Ended'}</span>
      )}{' '}
      <span class="muted">{m.member ? membershipWords(m) : 'Not a member now: join again from their profile'}</span>
      {m.member && m.renews && (
        <>
          {' '}
          <a href={`/@${m.performer.handle}#fan-club`}>Manage</a>
        </>
      )}
    </li>
  );
}

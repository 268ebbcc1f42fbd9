import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser } from '../../lib/session.ts';
import { AvailableNow } from './available-now.tsx';
import { LiveNow } from './live-now.tsx';
import { PerformerCard } from './performer-card.tsx';
import '../../styles/home.css';

export function Home() {
  usePageTitle('');
  const user = currentUser.value;
  return (
    <div class="page home">
      <section class="hero" aria-labelledby="hero-title">
        <p class="eyebrow">Live, right now, with the people who make it</p>
        <h1 id="hero-title">Every show is better with an encore.</h1>
        <p class="hero-lede">
          Watch performers live with sub-second latency, chat with the room and send tips that land on screen the moment
          you send them.
        </p>
        {user === null && (
          <p class="hero-actions">
            <a href="/signup" class="button button--primary button--large">
              Create your free account
            </a>
            <a href="/login" class="button button--ghost button--large">
              I already have an account
            </a>
          </p>
        )}
        {user?.role === 'performer' && (
          <p class="hero-actions">
            <a href="/studio" class="button button--primary button--large">
              Open your studio
            </a>
          </p>
        )}
      </section>

      <section class="section" aria-labelledby="live-title">
        <h2 id="live-title" class="section-title">
          <span class="live-dot" aria-hidden="true" /> Live now
        </h2>
        <LiveNow />
      </section>
      <AvailableNow />

      {user && <Following key={user.id} />}
      {user === null && <SignupCallout />}
    </div>
  );
}

function Following() {
  const [following, reload] = useResource(() => client.me.following.$get(), []);
  return (
    <section class="section" aria-labelledby="following-title">
      <h2 id="following-title" class="section-title">
        Performers you follow
      </h2>
      {following.state === 'loading' && <Loading />}
      {following.state === 'failed' && <ErrorState error={following.error} retry={reload} />}
      {following.state === 'ready' &&
        (following.data.performers.length === 0 ? (
          <EmptyState title="You are not following anyone yet" icon="heart">
            <p>Open a performer's profile and press Follow to keep them here.</p>
          </EmptyState>
        ) : (
          <ul class="performer-grid">
            {following.data.performers.map((p) => (
              <PerformerCard key={p.handle} performer={p} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function SignupCallout() {
  return (
    <section class="section callout" aria-labelledby="callout-title">
      <div>
        <h2 id="callout-title">Perform on Encore</h2>
        <p>Go live from your browser, earn 70% of every tip, and build a following that gets told when you are on.</p>
      </div>
      <a href="/signup?role=performer" class="button button--primary">
        Sign up as a performer
      </a>
    </section>
  );
}

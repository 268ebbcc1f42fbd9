import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser } from '../../lib/session.ts';
import { AvailableNow } from './available-now.tsx';
import { LiveCard } from './live-card.tsx';
import { LiveNow } from './live-now.tsx';
import { PerformerCard } from './performer-card.tsx';
import '../../styles/home.css';

/** Signed out: the pitch, then who is live. Signed in: who you follow (live ones first), then who is live. */
export function Home() {
  usePageTitle('');
  const user = currentUser.value;
  return (
    <div class="page home">
      {user === null && <Hero />}
      {user && <Following key={user.id} performer={user.role === 'performer'} />}

      <section class="section" aria-labelledby="live-title">
        <h2 id="live-title" class="section-title">
          <span class="live-dot" aria-hidden="true" /> Live now
          <a href="/offline" class="section-link">
            Offline now
          </a>
        </h2>
        <LiveNow />
      </section>
      <AvailableNow />

      {user === null && <SignupCallout />}
    </div>
  );
}

function Hero() {
  return (
    <section class="hero" aria-labelledby="hero-title">
      <p class="eyebrow">Live, right now, with the people who make it</p>
      <h1 id="hero-title">Every show is better with an encore.</h1>
      <p class="hero-lede">
        Watch performers live with sub-second latency, chat with the room and send tips that land on screen the moment
        you send them.
      </p>
      <p class="hero-actions">
        <a href="/signup" class="button button--primary button--large">
          Create your free account
        </a>
        <a href="/login" class="button button--ghost button--large">
          I already have an account
        </a>
      </p>
    </section>
  );
}

function Following({ performer }: { performer: boolean }) {
  const [following, reload] = useResource(() => client.me.following.$get(), []);
  const ready = following.state === 'ready' ? following.data.performers : [];
  const live = ready.filter((p) => p.live !== null);
  const rest = ready.filter((p) => p.live === null);
  return (
    <section class="section following" aria-labelledby="following-title">
      <h1 id="following-title" class="section-title">
        Following
        {performer && (
          <a href="/studio" class="section-link">
            Open your studio
          </a>
        )}
      </h1>
      {following.state === 'loading' && <Loading />}
      {following.state === 'failed' && <ErrorState error={following.error} retry={reload} />}
      {following.state === 'ready' && ready.length === 0 && (
        <EmptyState title="You are not following anyone yet" icon="heart">
          <p>Open a performer's profile and press Follow to keep them here.</p>
        </EmptyState>
      )}
      {live.length > 0 && (
        <ul class="live-grid" aria-label="Followed performers live now">
          {live.map((p) => (
            <LiveCard
              key={p.handle}
              room={{
                ...p,
                title: p.live?.title ?? '',
                viewers: p.live?.viewers ?? 0,
                thumbnailUrl: p.live?.thumbnailUrl ?? null,
              }}
            />
          ))}
        </ul>
      )}
      {following.state === 'ready' && ready.length > 0 && live.length === 0 && (
        <p class="muted">No one you follow is live right now.</p>
      )}
      {rest.length > 0 && (
        <ul class="performer-grid following-rest" aria-label="Followed performers offline">
          {rest.map((p) => (
            <PerformerCard key={p.handle} performer={p} />
          ))}
        </ul>
      )}
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

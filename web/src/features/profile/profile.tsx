import type { FollowState, PerformerProfile } from '../../../../wire/profile.ts';
import { Avatar } from '../../components/avatar.tsx';
import { Icon } from '../../components/icon.tsx';
import { PerformerPageFailed } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { currentUser } from '../../lib/session.ts';
import { FanClubJoin } from '../fan-club/fan-club-join.tsx';
import { FollowButton } from './follow-button.tsx';
import { NotifyToggle } from './notify-toggle.tsx';
import { ProfileAvailability } from './profile-availability.tsx';
import { ProfileReviews } from './profile-reviews.tsx';
import { ScheduleList } from './schedule-list.tsx';
import { SessionOffer } from './session-offer.tsx';
import '../../styles/profile.css';

const count = new Intl.NumberFormat();

export default function Profile({ handle }: { handle: string }) {
  // Re-fetch when who is signed in changes, since `following` depends on it.
  const viewer = currentUser.value === undefined ? null : (currentUser.value?.id ?? 'anonymous');
  const [profile, reload, replace] = useResource(
    viewer ? () => client.performers[':handle'].$get({ param: { handle: encodeURIComponent(handle) } }) : null,
    [handle],
  );
  usePageTitle(profile.state === 'ready' ? profile.data.performer.displayName : `@${handle}`);

  if (profile.state === 'loading') return <ProfileSkeleton />;
  if (profile.state === 'failed') {
    return (
      <PerformerPageFailed
        error={profile.error}
        retry={reload}
        missing={{
          title: `No one here goes by @${handle}`,
          hint: 'Check the spelling, or the performer may have changed their handle.',
        }}
        failed="This profile did not load"
      />
    );
  }
  const p = profile.data.performer;
  const followed = (state: FollowState) => replace({ performer: { ...p, ...state } });
  return <ProfileView performer={p} onFollow={followed} />;
}

function ProfileView({ performer: p, onFollow }: { performer: PerformerProfile; onFollow: (s: FollowState) => void }) {
  return (
    <article class="profile">
      <div class="profile-cover">{p.coverUrl && <img src={p.coverUrl} alt="" />}</div>
      <div class="profile-head page">
        <Avatar name={p.displayName} url={p.avatarUrl} size="xl" />
        <div class="profile-identity">
          <h1>
            {p.displayName}
            {p.live && <span class="live-badge profile-live-badge">Live</span>}
          </h1>
          {p.live && (
            <p class="profile-live">
              On now: <a href={`/live/${p.handle}`}>{p.live.title}</a>
            </p>
          )}
          <p class="profile-handle">@{p.handle}</p>
          <p class="profile-followers" aria-live="polite">
            <strong>{count.format(p.followerCount)}</strong> {p.followerCount === 1 ? 'follower' : 'followers'}
          </p>
        </div>
        <div class="profile-actions">
          <a class="button button--primary" href={`/live/${p.handle}`}>
            <Icon name="live" /> {p.live ? 'Watch live' : 'Enter room'}
          </a>
          <FollowButton handle={p.handle} following={p.following} onChange={onFollow} />
          {p.following && <NotifyToggle handle={p.handle} />}
          <FanClubJoin handle={p.handle} />
        </div>
      </div>
      <div class="profile-body page">
        <section class="profile-main" aria-labelledby="about-title">
          <h2 id="about-title">About</h2>
          {p.bio ? <p class="profile-bio">{p.bio}</p> : <p class="muted">{p.displayName} has not written a bio yet.</p>}
          {p.tags.length > 0 && (
            <ul class="tag-list" aria-label="Tags">
              {p.tags.map((tag) => (
                <li class="tag" key={tag}>
                  #{tag}
                </li>
              ))}
            </ul>
          )}
          <ProfileReviews handle={p.handle} />
        </section>
        <aside class="profile-side">
          <ProfileAvailability handle={p.handle} />
          <SessionOffer handle={p.handle} name={p.displayName} />
          <section class="card" aria-labelledby="schedule-title">
            <h2 id="schedule-title">Schedule</h2>
            {p.schedule ? <ScheduleList schedule={p.schedule} /> : <p class="muted">No regular shows yet.</p>}
          </section>
          {p.links.length > 0 && (
            <section class="card" aria-labelledby="links-title">
              <h2 id="links-title">Links</h2>
              <ul class="profile-links">
                {p.links.map((link) => (
                  <li key={link.url}>
                    <a href={link.url} target="_blank" rel="noopener noreferrer nofollow">
                      {link.label} <span aria-hidden="true">↗</span>
                      <span class="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </article>
  );
}

function ProfileSkeleton() {
  return (
    <div class="profile" aria-busy="true">
      <p class="visually-hidden" role="status">
        Loading profile…
      </p>
      <div class="profile-cover skeleton" />
      <div class="profile-head page">
        <span class="avatar avatar--xl skeleton" />
        <div class="profile-identity">
          <span class="skeleton skeleton-line skeleton-line--title" />
          <span class="skeleton skeleton-line" />
        </div>
      </div>
      <div class="profile-body page">
        <div class="profile-main">
          <span class="skeleton skeleton-line" />
          <span class="skeleton skeleton-line" />
          <span class="skeleton skeleton-line skeleton-line--short" />
        </div>
      </div>
    </div>
  );
}

import type { PerformerProfile } from '../../../../wire/profile.ts';
import { RequireUser } from '../../components/require-user.tsx';
import { SettingsNav } from '../../components/settings-nav.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { client } from '../../lib/api-client.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { PicturePicker } from './picture-picker.tsx';
import { ProfileForm } from './profile-form.tsx';
import '../../styles/settings.css';

export default function ProfileEditor() {
  usePageTitle('Edit profile');
  return (
    <div class="page settings-page">
      <h1>Settings</h1>
      <SettingsNav />
      {/* biome-ignore lint/a11y/useValidAriaRole: RequireUser's role is the account's role, not an ARIA role */}
      <RequireUser role="performer">{(user) => <Editor key={user.id} handle={user.handle} />}</RequireUser>
    </div>
  );
}

function Editor({ handle }: { handle: string }) {
  const [profile, reload, replace] = useResource(
    () => client.performers[':handle'].$get({ param: { handle: encodeURIComponent(handle) } }),
    [handle],
  );
  if (profile.state === 'loading') return <Loading label="Loading your profile…" />;
  if (profile.state === 'failed')
    return <ErrorState error={profile.error} retry={reload} title="Your profile did not load" />;
  const performer = profile.data.performer;
  const update = (next: PerformerProfile) => replace({ performer: next });
  return (
    <>
      <p class="settings-lede">
        This is what viewers see at <a href={`/@${performer.handle}`}>/@{performer.handle}</a>.
      </p>
      <section class="card settings-section" aria-labelledby="pictures-title">
        <h2 id="pictures-title">Pictures</h2>
        <PicturePicker kind="avatar" performer={performer} onChange={update} />
        <PicturePicker kind="cover" performer={performer} onChange={update} />
      </section>
      <section class="card settings-section" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        {/* Seeded once: later picture changes replace `performer` without wiping unsaved edits. */}
        <ProfileForm initial={performer} onSaved={update} />
      </section>
    </>
  );
}

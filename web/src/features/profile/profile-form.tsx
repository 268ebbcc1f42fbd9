import { useMemo, useState } from 'preact/hooks';
import {
  BIO_MAX,
  type PerformerProfile,
  ProfileUpdateBody,
  type Schedule,
  type SocialLink,
} from '../../../../wire/profile.ts';
import { FieldShell, fieldAria, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { TagsEditor } from '../../components/tags-editor.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { localTimeZone } from '../../lib/schedule.ts';
import { currentUser } from '../../lib/session.ts';
import { LinksEditor } from './links-editor.tsx';
import { ScheduleEditor } from './schedule-editor.tsx';

type Props = { initial: PerformerProfile; onSaved: (performer: PerformerProfile) => void };

function timeZones(current: string): string[] {
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add(current).add('UTC');
  return [...zones].sort();
}

/** Where a field's problem is shown, for the summary's links. */
function labelFor(key: string): [string, string] | undefined {
  const simple: Record<string, [string, string]> = {
    displayName: ['Display name', 'profile-display-name'],
    bio: ['Bio', 'profile-bio'],
    tags: ['Tags', 'tag-input'],
    'schedule.timeZone': ['Time zone', 'schedule-zone'],
  };
  if (simple[key]) return simple[key];
  const link = /^links\.(\d+)\.(label|url)$/.exec(key);
  if (link)
    return [`Link ${Number(link[1]) + 1} ${link[2] === 'url' ? 'address' : 'name'}`, `link-${link[1]}-${link[2]}`];
  const slot = /^schedule\.slots\.(\d+)\.(day|start|end)$/.exec(key);
  if (slot) return [`Slot ${Number(slot[1]) + 1} ${slot[2]}`, `slot-${slot[1]}-${slot[2]}`];
  return undefined;
}

const isBlank = (link: SocialLink) => !link.label.trim() && (!link.url.trim() || link.url.trim() === 'https://');

export function ProfileForm({ initial, onSaved }: Props) {
  const form = useFormState();
  const fields = form.fields.value;
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [bio, setBio] = useState(initial.bio);
  const [tags, setTags] = useState(initial.tags);
  const [links, setLinks] = useState(initial.links);
  const [schedule, setSchedule] = useState<Schedule>(initial.schedule ?? { timeZone: localTimeZone(), slots: [] });
  const zones = useMemo(() => timeZones(schedule.timeZone), []);
  const labels = Object.fromEntries(
    Object.keys(fields).flatMap((key) => (labelFor(key) ? [[key, labelFor(key)!]] : [])),
  );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const kept = links.filter((link) => !isBlank(link)); // an untouched new row is not an error
    setLinks(kept);
    const body = { displayName, bio, tags, links: kept, schedule: schedule.slots.length > 0 ? schedule : null };
    await submitForm(form, schemaProblems(ProfileUpdateBody, body), async () => {
      const { performer } = await call(
        client.performers[':handle'].$patch({ param: { handle: encodeURIComponent(initial.handle) }, json: body }),
      );
      onSaved(performer);
      if (currentUser.value) currentUser.value = { ...currentUser.value, displayName: performer.displayName };
      toast('Profile saved');
    });
  };

  return (
    <form noValidate onSubmit={submit} class="form">
      <FormAlert message={form.summary.value} fields={fields} labels={labels} />
      <TextField
        id="profile-display-name"
        label="Display name"
        value={displayName}
        maxLength={60}
        required
        onInput={(e: Event) => setDisplayName((e.currentTarget as HTMLInputElement).value)}
        error={fields.displayName}
      />
      <FieldShell id="profile-bio" label="Bio" hint="Who you are and what your shows are like." error={fields.bio}>
        <textarea
          class="input textarea"
          rows={6}
          value={bio}
          onInput={(e) => setBio(e.currentTarget.value)}
          {...fieldAria('profile-bio', true, fields.bio)}
          aria-describedby={`profile-bio-hint profile-bio-count${fields.bio ? ' profile-bio-error' : ''}`}
        />
        <p id="profile-bio-count" class={`counter${bio.length > BIO_MAX ? ' counter--over' : ''}`}>
          {bio.length} / {BIO_MAX} characters
        </p>
      </FieldShell>
      <TagsEditor
        tags={tags}
        onChange={setTags}
        error={fields.tags ?? Object.entries(fields).find(([k]) => k.startsWith('tags.'))?.[1]}
      />
      <LinksEditor links={links} onChange={setLinks} errors={fields} />
      <ScheduleEditor schedule={schedule} onChange={setSchedule} errors={fields} zones={zones} />
      <div class="form-actions">
        <SubmitButton busy={form.busy.value}>Save profile</SubmitButton>
      </div>
    </form>
  );
}

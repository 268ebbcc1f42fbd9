import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type ShowSettings, ShowSettings as ShowSettingsSchema } from '../../../../wire/shows.ts';
import { FieldShell, fieldAria } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { type Draft, draftOf, LABELS, NUMBERS, type NumberPath, settingsOf } from './show-settings-draft.ts';
import '../../styles/settings.css';
import '../../styles/show-settings.css';

/** The studio's Paid shows page: private, spy, group and cam-to-cam rates, and one-to-one sessions. */
export default function StudioShows() {
  const [answer, reload] = useResource(() => client.studio.shows.settings.$get(), []);
  return (
    <>
      <h1 class="console-title">Paid shows</h1>
      <p class="muted">
        Viewers pay per started minute at the rate in force when the show starts: a change here applies to later shows
        only. You keep your usual share of every minute.
      </p>
      {answer.state === 'loading' && <Loading label="Loading your show settings…" />}
      {answer.state === 'failed' && (
        <ErrorState error={answer.error} retry={reload} title="Your show settings did not load" />
      )}
      {answer.state === 'ready' && <ShowSettingsForm saved={answer.data.settings} />}
    </>
  );
}

function ShowSettingsForm({ saved }: { saved: ShowSettings }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [stored, setStored] = useState(() => JSON.stringify(settingsOf(draftOf(saved))));
  const dirty = JSON.stringify(settingsOf(draft)) !== stored;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = settingsOf(draft);
    await submitForm(form, schemaProblems(ShowSettingsSchema, body), async () => {
      const answer = await call(client.studio.shows.settings.$put({ json: body }));
      setStored(JSON.stringify(settingsOf(draftOf(answer.settings))));
      setDraft(draftOf(answer.settings));
      toast('Show settings saved');
    });
  };

  const number = (path: NumberPath, disabled = false) => {
    const [label, id, hint] = NUMBERS[path];
    return (
      <FieldShell id={id} label={label} hint={hint} error={fields[path]}>
        <input
          class="input show-rate-input"
          type="text"
          inputMode="numeric"
          autocomplete="off"
          value={draft.numbers[path]}
          disabled={disabled}
          onInput={(e) => set({ numbers: { ...draft.numbers, [path]: e.currentTarget.value.replace(/\D/g, '') } })}
          {...fieldAria(id, hint, fields[path])}
        />
      </FieldShell>
    );
  };

  return (
    <form noValidate onSubmit={submit} class="form show-settings">
      <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
      <Section title="Private shows" id="shows-private">
        <Switch
          id="shows-private-on"
          checked={draft.privateOn}
          onChange={(privateOn) => set({ privateOn })}
          label="Accept private shows"
          hint="Viewers in your public room can ask for a one-to-one show; you accept or decline each request."
        />
        <div class="show-fields">
          {number('privateRate')}
          {number('minimumMinutes')}
          {number('spyRate')}
        </div>
        <FieldShell id="shows-public-chat" label="Public chat during a private show">
          <select
            id="shows-public-chat"
            class="input"
            value={draft.publicChatDuringPrivate}
            onChange={(e) =>
              set({ publicChatDuringPrivate: e.currentTarget.value === 'read-only' ? 'read-only' : 'open' })
            }
          >
            <option value="open">Stays open</option>
            <option value="read-only">Read-only</option>
          </select>
        </FieldShell>
      </Section>
      <Section title="Group shows" id="shows-group">
        <p class="muted">Announce a group show from the live panel; viewers reserve seats for free.</p>
        <div class="show-fields">
          {number('groupRate')}
          {number('groupMinimum')}
        </div>
      </Section>
      <Section title="Cam-to-cam" id="shows-c2c">
        <Switch
          id="shows-c2c-on"
          checked={draft.camToCam}
          onChange={(camToCam) => set({ camToCam })}
          label="Allow cam-to-cam in private shows"
          hint="The viewer may turn on their camera; only you see it."
        />
        <div class="show-fields">{number('camToCamRate', !draft.camToCam)}</div>
      </Section>
      <Section title="One-to-one sessions" id="shows-sessions">
        <Switch
          id="shows-sessions-on"
          checked={draft.sessionsAvailable}
          onChange={(sessionsAvailable) => set({ sessionsAvailable })}
          label="Available for sessions"
          hint="While you are not live in public, your profile and the directory show you as available."
        />
        <div class="show-fields">
          {number('sessionRates.video')}
          {number('sessionRates.voice')}
          {number('sessionRates.chat')}
        </div>
      </Section>
      <p class="button-row">
        <SubmitButton busy={form.busy.value} disabled={!dirty}>
          Save show settings
        </SubmitButton>
        <span role="status" class="muted">
          {dirty ? 'Unsaved changes' : ''}
        </span>
      </p>
    </form>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="card settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A checkbox drawn as a switch: role="switch" so screen readers say on and off. */
function Switch(p: { id: string; checked: boolean; onChange: (on: boolean) => void; label: string; hint: string }) {
  return (
    <div class="show-switch">
      <input
        id={p.id}
        type="checkbox"
        role="switch"
        class="switch"
        checked={p.checked}
        aria-checked={p.checked}
        aria-describedby={`${p.id}-hint`}
        onChange={(e) => p.onChange(e.currentTarget.checked)}
      />
      <label for={p.id}>{p.label}</label>
      <p id={`${p.id}-hint`} class="field-hint">
        {p.hint}
      </p>
    </div>
  );
}

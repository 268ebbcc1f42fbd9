import { useState } from 'preact/hooks';
import { type NowPlaying, TRACK_TEXT_MAX_CHARS, TrackInput } from '../../../../wire/music.ts';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { toast } from '../../components/toast.tsx';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { trackText } from '../room/now-playing.tsx';

/** The studio's typed "Now playing": title and artist, set for the room at once, or cleared. */
export function NowPlayingEditor() {
  const [feed, reload] = useResource(() => client.studio['now-playing'].$get(), []);
  return (
    <section class="card" aria-labelledby="now-playing-editor-title">
      <h2 id="now-playing-editor-title" class="room-panel-title">
        <span aria-hidden="true">♪</span> Now playing
      </h2>
      <p class="muted">
        What your room shows as playing. The companion command can set it for you from your DJ software.
      </p>
      {feed.state === 'loading' && <Loading label="Loading what is playing…" />}
      {feed.state === 'failed' && <ErrorState error={feed.error} retry={reload} title="Now playing did not load" />}
      {feed.state === 'ready' && <NowPlayingForm initial={feed.data.nowPlaying} />}
    </section>
  );
}

function NowPlayingForm({ initial }: { initial: NowPlaying }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [feed, setFeed] = useState(initial);
  const [title, setTitle] = useState('');
  const [artist, setArtist] = useState('');
  const [clearing, setClearing] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = { title: title.trim(), artist: artist.trim() };
    await submitForm(form, schemaProblems(TrackInput, body), async () => {
      const answer = await call(client.studio['now-playing'].$post({ json: body }));
      setFeed(answer.nowPlaying);
      setTitle('');
      setArtist('');
      toast(answer.repeat ? 'That track is already showing' : 'Now playing set');
    });
  };
  const clear = async () => {
    setClearing(true);
    try {
      setFeed((await call(client.studio['now-playing'].$delete())).nowPlaying);
      toast('Now playing cleared');
    } catch {
      toast('Now playing was not cleared; try again', 'error');
    } finally {
      setClearing(false);
    }
  };
  return (
    <>
      <p class="now-playing-current" aria-live="polite">
        {feed.current ? (
          <>
            Playing now: <strong>{trackText(feed.current)}</strong>
          </>
        ) : (
          <span class="muted">Nothing is showing as playing.</span>
        )}
      </p>
      <form noValidate onSubmit={submit} class="form">
        <FormAlert
          message={form.summary.value}
          fields={fields}
          labels={{ title: ['Title', 'now-playing-title'], artist: ['Artist', 'now-playing-artist'] }}
        />
        <TextField
          id="now-playing-title"
          label="Title"
          value={title}
          maxLength={TRACK_TEXT_MAX_CHARS + 10}
          autocomplete="off"
          error={fields.title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <TextField
          id="now-playing-artist"
          label="Artist"
          value={artist}
          maxLength={TRACK_TEXT_MAX_CHARS + 10}
          autocomplete="off"
          error={fields.artist}
          onInput={(e) => setArtist(e.currentTarget.value)}
        />
        <p class="button-row">
          <SubmitButton busy={form.busy.value}>Set now playing</SubmitButton>
          <button type="button" class="button button--ghost" disabled={!feed.current || clearing} onClick={clear}>
            Clear
          </button>
        </p>
      </form>
    </>
  );
}

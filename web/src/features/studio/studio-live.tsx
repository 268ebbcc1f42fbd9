import { useEffect, useRef, useState } from 'preact/hooks';
import { GoLiveBody, type LiveState } from '../../../../wire/live.ts';
import { FieldShell, fieldAria } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { SubmitButton } from '../../components/submit-button.tsx';
import { TagsEditor } from '../../components/tags-editor.tsx';
import { toast } from '../../components/toast.tsx';
import { ApiFailure } from '../../lib/api.ts';
import { call, client } from '../../lib/api-client.ts';
import { schemaProblems, submitForm, useFormState } from '../../lib/forms.ts';
import { useResource } from '../../lib/hooks/use-resource.ts';
import { Broadcaster } from '../../lib/media/broadcaster.ts';
import { ConnectionBanner } from '../room/connection-banner.tsx';
import { GoalBar } from '../room/goal-bar.tsx';
import { ModerationPanel } from '../room/moderation/moderation-panel.tsx';
import { RoomChat } from '../room/room-chat.tsx';
import type { RoomConnection } from '../room/room-connection.ts';
import { ShowChat } from '../room/shows/show-chat.tsx';
import { TipFeed } from '../room/tip-feed.tsx';
import { useRoomConnection } from '../room/use-room-connection.ts';
import { AlertSwitches, useTipAnnouncer } from './alerts/alert-settings.tsx';
import { DeviceStudio } from './devices/device-studio.ts';
import { DevicesPanel } from './devices/devices-panel.tsx';
import { LevelsEditor } from './devices/levels-editor.tsx';
import { GoalEditor } from './goal-editor.tsx';
import { MenuEditor } from './menu-editor.tsx';
import { NowPlayingEditor } from './now-playing-editor.tsx';
import { ShowSummaryCard } from './show-summary.tsx';
import { BroadcastPanel } from './studio-broadcast.tsx';
import { type StudioPanel, StudioPanels } from './studio-panels.tsx';
import { RequestQueuePanel } from './studio-requests.tsx';
import { StudioShows } from './studio-show-live.tsx';
import { ThumbnailCapture } from './thumbnail-capture.tsx';
import '../../styles/room.css';
import '../../styles/settings.css';
import '../../styles/studio-live.css';
import '../../styles/studio-onair.css';
import '../../styles/moderation.css';

const TITLE_MAX = 100;
const LABELS: Record<string, [string, string]> = { title: ['Show title', 'show-title'], tags: ['Tags', 'tag-input'] };

/**
 * The studio's Go live section, one screen on air: the show bar (go-live controls and stats) over the
 * camera, a side column of prompts and tip alerts, the chat beside them, and every other tool in tabs
 * below (studio-panels.tsx). Offline the same screen holds the go-live form and the last show's summary.
 */
export default function StudioLive({ handle }: { handle: string }) {
  const [answer, reload, replace] = useResource(() => client.studio.live.$get(), []);
  // One camera for the page: it survives going live and ending, and stops when the page closes.
  const [broadcaster] = useState(() => new Broadcaster(handle));
  useEffect(() => () => broadcaster.stop(), []);
  // Likewise the device connection: it survives going live and ending; every device stops when the page goes.
  const [devices] = useState(() => new DeviceStudio(handle));
  useEffect(() => () => devices.dispose(), []);
  // One room connection for the page, across going live and ending: a new socket would tell the Room the
  // device was lost (its socket closed), which pauses the queue.
  const room = useRoomConnection(handle);
  useEffect(() => devices.bind(room), [room]);
  useTipAnnouncer(room);
  // After going live or ending the show, focus moves to the new view's heading; not on first load.
  const [moved, setMoved] = useState(false);
  const [ended, setEnded] = useState(false);
  const change = (state: LiveState) => {
    // Ended: the devices stop now, before the room's word arrives.
    if (!state.live) void devices.halt();
    setEnded(!state.live);
    setMoved(true);
    replace(state);
  };
  const show = answer.state === 'ready' ? answer.data : null;
  const live = show?.live === true;
  const panels: StudioPanel[] = [
    { id: 'moderation', label: 'Moderation', icon: 'shield', content: <ModerationPanel room={room} /> },
    { id: 'menu', label: 'Tip menu', icon: 'coin', content: <MenuEditor /> },
    { id: 'goal', label: 'Goal', icon: 'flag', content: <GoalEditor room={room} /> },
    {
      id: 'devices',
      label: 'Devices',
      icon: 'live',
      content: (
        <>
          <DevicesPanel studio={devices} room={room} />
          <LevelsEditor />
        </>
      ),
    },
    { id: 'requests', label: 'Requests', icon: 'star', content: <RequestQueuePanel room={room} /> },
    { id: 'now-playing', label: 'Now playing', icon: 'mic', content: <NowPlayingEditor /> },
    { id: 'settings', label: 'Settings', icon: 'grid', content: <StudioSettings /> },
  ];
  return (
    <div class={`studio-onair${live ? ' studio-onair--live' : ''}`}>
      <div class="studio-onair-bar">
        <h1 class={`console-title${live ? ' visually-hidden' : ''}`}>Go live</h1>
        {answer.state === 'loading' && <Loading label="Loading your show…" />}
        {answer.state === 'failed' && <ErrorState error={answer.error} retry={reload} title="Your show did not load" />}
        {show?.live && <ShowBar show={show} onChange={change} focus={moved} room={room} broadcaster={broadcaster} />}
        {show && !show.live && (
          <p class="muted studio-onair-offline">
            Offline. Viewers can still chat and tip between shows; name your show to go live.
          </p>
        )}
      </div>
      <div class="studio-onair-stage">
        <BroadcastPanel broadcaster={broadcaster} live={live} />
        {/* A frame for the directory card now and then, never from a paid show (wire/thumbnails.ts). */}
        {show && (
          <ThumbnailCapture
            handle={handle}
            show={{ ...show, showKind: room.shows.state.value.current?.kind ?? null }}
            broadcaster={broadcaster}
          />
        )}
      </div>
      <div class="studio-onair-side">
        {show && !show.live && <ShowSummaryCard focus={ended} />}
        {show && !show.live && <GoLiveForm onLive={change} focus={moved && !ended} />}
        {/* Prompts that need the performer now (a paid-show request, say) go here, above the tips. */}
        <StudioShows room={room} live={live} broadcaster={live ? undefined : broadcaster} />
        <ShowChat room={room} performer />
        <GoalBar room={room} />
        <TipFeed room={room} tools={<AlertSwitches />} />
      </div>
      <RoomChat room={room} signedIn />
      {show && <StudioPanels label="Studio tools" panels={panels} />}
    </div>
  );
}

/** Studio preferences kept on this device, and where the rest of the settings are. */
function StudioSettings() {
  return (
    <section class="card studio-settings" aria-labelledby="studio-settings-title">
      <h2 id="studio-settings-title" class="room-panel-title">
        Alerts on this device
      </h2>
      <p class="muted">Off by default. Tips read aloud never include a private note: your microphone may be on air.</p>
      <AlertSwitches />
      <p class="muted">
        Song request prices and limits are in <a href="/studio/requests">Requests</a>; your profile and schedule in{' '}
        <a href="/settings/profile">Profile</a>.
      </p>
    </section>
  );
}

/** Title field with its character counter, shared by going live and renaming the show. */
function TitleField({
  id,
  value,
  onInput,
  error,
}: {
  id: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
}) {
  const aria = fieldAria(id, true, error);
  return (
    <FieldShell id={id} label="Show title" hint="What viewers see on your room and on the home page." error={error}>
      <input
        class="input"
        type="text"
        value={value}
        maxLength={TITLE_MAX + 20}
        autocomplete="off"
        required
        onInput={(e) => onInput(e.currentTarget.value)}
        {...aria}
        aria-describedby={`${aria['aria-describedby']} ${id}-count`}
      />
      <p id={`${id}-count`} class={`counter${value.length > TITLE_MAX ? ' counter--over' : ''}`}>
        {value.length} / {TITLE_MAX} characters
      </p>
    </FieldShell>
  );
}

/** Offline: title and tags, then Go live. A performer not yet verified is told why, with the way there. */
function GoLiveForm({ onLive, focus }: { onLive: (state: LiveState) => void; focus: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, []);
  const form = useFormState();
  const fields = form.fields.value;
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [unverified, setUnverified] = useState('');
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (unverified) alert.current?.focus();
  }, [unverified]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setUnverified('');
    const body = { title: title.trim(), tags };
    await submitForm(
      form,
      schemaProblems(GoLiveBody, body),
      async () => {
        const state = await call(client.studio.live.$post({ json: body }));
        toast('You are live');
        onLive(state);
      },
      {
        onFailure: (error) => {
          if (error instanceof ApiFailure && error.code === 'FORBIDDEN') {
            form.summary.value = '';
            setUnverified(error.message);
          }
        },
      },
    );
  };

  return (
    <div class="studio-live-offline">
      <section class="card" aria-labelledby="go-live-title">
        <h2 id="go-live-title" tabIndex={-1} ref={heading}>
          Start a show
        </h2>
        <p class="muted">
          Name your show and pick a few tags: viewers find you on the home page the moment you go live.
        </p>
        <form noValidate onSubmit={submit} class="form">
          {unverified && (
            <div class="alert alert--error" role="alert" tabIndex={-1} ref={alert}>
              <p class="alert-title">{unverified}</p>
              <p class="studio-live-verify">
                Finish <a href="/studio/verification">Verification</a> to go live.
              </p>
            </div>
          )}
          <FormAlert message={form.summary.value} fields={fields} labels={LABELS} />
          <TitleField id="show-title" value={title} onInput={setTitle} error={fields.title} />
          <TagsEditor
            tags={tags}
            onChange={setTags}
            error={fields.tags ?? Object.entries(fields).find(([k]) => k.startsWith('tags.'))?.[1]}
          />
          <div class="form-actions">
            <SubmitButton busy={form.busy.value}>
              <Icon name="live" /> Go live
            </SubmitButton>
          </div>
        </form>
      </section>
    </div>
  );
}

/** Live: the show's title, tags and figures, with Edit title and End show, across the top of the studio. */
function ShowBar({
  show,
  onChange,
  focus,
  room,
  broadcaster,
}: {
  show: LiveState;
  onChange: (state: LiveState) => void;
  focus: boolean;
  room: RoomConnection;
  broadcaster: Broadcaster;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, []);
  const viewers = room.connection.value === 'live' ? room.viewers.value : show.viewers;
  const stats = broadcaster.stats.value;
  const onAir = broadcaster.state.value === 'live';

  return (
    <section class="card studio-live-show" aria-labelledby="show-heading">
      <div class="studio-live-head">
        <p class="room-live-badge studio-live-badge">Live</p>
        <h2 id="show-heading" tabIndex={-1} ref={heading}>
          <span class="visually-hidden">Your show: </span>
          {show.title}
        </h2>
        {show.tags.length > 0 && (
          <ul class="tag-list" aria-label="Tags">
            {show.tags.map((tag) => (
              <li key={tag} class="tag">
                #{tag}
              </li>
            ))}
          </ul>
        )}
      </div>
      <dl class="studio-live-stats">
        <div>
          <dt>Viewers</dt>
          <dd>{new Intl.NumberFormat().format(viewers)}</dd>
        </div>
        <div>
          <dt>Live for</dt>
          <dd>{show.startedAt ? <Elapsed since={show.startedAt} /> : '—'}</dd>
        </div>
        <div>
          <dt>Stream</dt>
          <dd class="studio-live-stream">{onAir ? `${stats.kbps} kbps · ${stats.fps} fps` : '—'}</dd>
        </div>
      </dl>
      <ShowControls show={show} onChange={onChange} />
      <ConnectionBanner room={room} place="your room" />
    </section>
  );
}

/** Time since the show started, ticking each second; not announced (it would talk over everything). */
function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - new Date(since).getTime()) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    <time class="studio-live-elapsed" dateTime={`PT${h}H${m}M${s}S`}>
      {h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`}
    </time>
  );
}

type Mode = 'idle' | 'editing' | 'confirming';

/** Edit title (a second POST updates the show) and End show, behind a confirm step. */
function ShowControls({ show, onChange }: { show: LiveState; onChange: (state: LiveState) => void }) {
  const [mode, setMode] = useState<Mode>('idle');
  const editButton = useRef<HTMLButtonElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const back = (from: Mode) => {
    setMode('idle');
    // Back to the button that opened the step, once it is rendered again.
    requestAnimationFrame(() => (from === 'editing' ? editButton : endButton).current?.focus());
  };

  if (mode === 'editing')
    return (
      <EditTitle
        show={show}
        onDone={(state) => {
          if (state) onChange(state);
          back('editing');
        }}
      />
    );
  if (mode === 'confirming') return <ConfirmEnd onEnded={onChange} onCancel={() => back('confirming')} />;
  return (
    <p class="button-row">
      <button type="button" class="button" ref={editButton} onClick={() => setMode('editing')}>
        Edit title
      </button>
      <button type="button" class="button button--danger" ref={endButton} onClick={() => setMode('confirming')}>
        End show
      </button>
    </p>
  );
}

function EditTitle({ show, onDone }: { show: LiveState; onDone: (state: LiveState | null) => void }) {
  const form = useFormState();
  const fields = form.fields.value;
  const [title, setTitle] = useState(show.title);
  useEffect(() => document.getElementById('edit-title')?.focus(), []);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const body = { title: title.trim(), tags: show.tags };
    await submitForm(form, schemaProblems(GoLiveBody, body), async () => {
      const state = await call(client.studio.live.$post({ json: body }));
      toast('Title updated');
      onDone(state);
    });
  };
  return (
    <form
      noValidate
      onSubmit={submit}
      class="form studio-live-edit"
      onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
    >
      <FormAlert message={form.summary.value} fields={fields} labels={{ title: ['Show title', 'edit-title'] }} />
      <TitleField id="edit-title" value={title} onInput={setTitle} error={fields.title} />
      <p class="button-row">
        <SubmitButton busy={form.busy.value}>Save title</SubmitButton>
        <button type="button" class="button button--ghost" onClick={() => onDone(null)}>
          Cancel
        </button>
      </p>
    </form>
  );
}

function ConfirmEnd({ onEnded, onCancel }: { onEnded: (state: LiveState) => void; onCancel: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const end = async () => {
    setBusy(true);
    setProblem('');
    try {
      const state = await call(client.studio.live.$delete());
      toast('Show ended');
      onEnded(state);
    } catch (error) {
      setProblem(error instanceof ApiFailure ? error.message : 'Something went wrong; try again');
      setBusy(false);
    }
  };
  return (
    <fieldset
      class="group studio-live-confirm"
      aria-labelledby="end-question"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p id="end-question" class="studio-live-question">
        End the show for everyone watching?
      </p>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <p class="button-row">
        <button
          type="button"
          class="button button--danger"
          ref={confirm}
          disabled={busy}
          aria-busy={busy}
          onClick={end}
        >
          {busy && <span class="spinner" aria-hidden="true" />}Yes, end show
        </button>
        <button type="button" class="button button--ghost" disabled={busy} onClick={onCancel}>
          Keep going
        </button>
      </p>
    </fieldset>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { GROUP_MINIMUM_MAX, GROUP_TITLE_MAX_CHARS, SHOW_RATE_MAX, SHOW_RATE_MIN } from '../../../../wire/shows.ts';
import { Icon } from '../../components/icon.tsx';
import type { Broadcaster } from '../../lib/media/broadcaster.ts';
import { tokensText } from '../../lib/money.ts';
import type { RoomConnection } from '../room/room-connection.ts';
import { clockText, ShowClock, useSecondsLeft } from '../room/shows/show-clock.tsx';
import { useShowAct } from '../room/shows/show-panel.tsx';
import { ShowSummaryCard } from '../room/shows/show-summary.tsx';
import { KIND_WORDS, perMinute } from '../room/shows/show-words.ts';
import { StudioShowCam } from './studio-show-cam.tsx';
import '../../styles/shows.css';

type Act = ReturnType<typeof useShowAct>['act'];
const ROLE_WORDS = { viewer: 'Viewer', participant: 'Participant', reserved: 'Reserved', spy: 'Spy' } as const;

/**
 * The studio's side of paid shows: requests with their 60 s countdown (Accept, Decline), the running show
 * (timer, tokens earned, who is in it and who spies, its chat, End), a group show to announce and start, and
 * the summary after. `live`: in a public show (private and group); offline, one-to-one sessions come here.
 */
export function StudioShows({
  room,
  live,
  broadcaster,
}: {
  room: RoomConnection;
  live: boolean;
  /** Offline: the page's camera, put on air for a video or voice session only. */
  broadcaster?: Broadcaster;
}) {
  const { act, busy, problem } = useShowAct(room);
  const shows = room.shows.state.value;
  const summary = room.shows.summary.value;
  const { current, requests, offer } = shows;
  const quiet = !current && requests.length === 0 && !summary;
  // Nothing to say offline with sessions off.
  if (quiet && !live && !offer?.sessionsAvailable) return null;
  return (
    <section class="card studio-shows" aria-labelledby="studio-shows-title">
      <h2 id="studio-shows-title" class="room-panel-title">
        <Icon name="lock" /> Paid shows
      </h2>
      {summary && <ShowSummaryCard summary={summary} performer onClose={() => (room.shows.summary.value = null)} />}
      {requests.length > 0 && (
        <ul class="show-requests" aria-label="Show requests">
          {requests.map((r) => (
            <RequestPrompt key={r.id} room={room} id={r.id} act={act} busy={busy} />
          ))}
        </ul>
      )}
      {current?.phase === 'running' && <RunningShow room={room} act={act} busy={busy} />}
      {!live && broadcaster && <SessionOnAir room={room} broadcaster={broadcaster} />}
      {current?.phase === 'announced' && <AnnouncedGroup room={room} act={act} busy={busy} />}
      {!current &&
        requests.length === 0 &&
        (live ? (
          <AnnounceGroup act={act} busy={busy} rate={offer?.groupRate} minimum={offer?.groupMinimum} />
        ) : (
          <p class="muted">You are available for sessions: requests appear here.</p>
        ))}
      {!current && !summary && requests.length === 0 && live && (
        <p class="muted">
          {offer?.privateOn ? 'Private requests appear here.' : 'Private shows are off.'}{' '}
          <a href="/studio/shows">Paid shows settings</a>
        </p>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

type Props = { room: RoomConnection; act: Act; busy: boolean };

function RequestPrompt({ room, id, act, busy }: Props & { id: string }) {
  const request = room.shows.state.value.requests.find((r) => r.id === id);
  const left = useSecondsLeft(request?.expiresAt ?? null);
  if (!request) return null;
  const who = request.viewer ? request.viewer.displayName : 'An anonymous viewer';
  return (
    <li class="show-request" role="alert">
      <p>
        <strong>{who}</strong> asks for a {KIND_WORDS[request.kind].toLowerCase()} at{' '}
        <strong>{perMinute(request.rate)}</strong>
        {request.minimumMinutes > 0 && <> (minimum {request.minimumMinutes} min)</>}
        {request.camToCam && <>, with their camera</>}.
      </p>
      <p class="show-countdown" aria-hidden="true">
        {clockText(left)}
      </p>
      <p class="visually-hidden">{left} seconds to answer</p>
      <p class="button-row">
        <button
          type="button"
          class="button button--primary"
          disabled={busy}
          onClick={() => act('show.accept', { showId: request.id })}
        >
          Accept
        </button>
        <button
          type="button"
          class="button button--ghost"
          disabled={busy}
          onClick={() => act('show.decline', { showId: request.id })}
        >
          Decline
        </button>
      </p>
    </li>
  );
}

function RunningShow({ room, act, busy }: Props) {
  const { current, seats } = room.shows.state.value;
  const show = current!;
  const earned = seats.reduce((sum, s) => sum + s.tally.tokens, 0);
  const low = room.shows.lowBalance.value;
  const lowLeft = useSecondsLeft(low?.endsAt ?? null);
  const cam = room.shows.cam.value;
  return (
    <div class="show-live">
      <p class="show-live-kind">
        <span class="room-live-badge">{KIND_WORDS[show.kind]}</span> {perMinute(show.rate)}
        {show.title && <> · “{show.title}”</>}
      </p>
      <dl class="show-figures">
        <div>
          <dt>Time</dt>
          <dd>{show.startedAt ? <ShowClock since={show.startedAt} /> : '—'}</dd>
        </div>
        <div>
          <dt>Earned so far</dt>
          <dd data-testid="show-earned">{tokensText(earned)}</dd>
        </div>
        <div>
          <dt>Spies</dt>
          <dd>{show.spies}</dd>
        </div>
      </dl>
      {seats.length > 0 && (
        <ul class="show-seats" aria-label="In the show">
          {seats.map((seat, i) => (
            <li key={seat.who?.handle ?? `anonymous-${i}`}>
              {seat.who ? seat.who.displayName : 'Anonymous'} · {ROLE_WORDS[seat.role]} · {perMinute(seat.rate)} ·{' '}
              {tokensText(seat.tally.tokens)}
              {seat.camOn && ' · camera on'}
            </li>
          ))}
        </ul>
      )}
      {cam && <StudioShowCam room={room} />}
      {low && (
        <p class="show-warning" role="alert">
          {low.who ? `${low.who.displayName}’s` : 'The viewer’s'} wallet cannot pay the next minute:{' '}
          {`the show ends in ${clockText(lowLeft)}.`}
        </p>
      )}
      <p class="button-row">
        <button
          type="button"
          class="button button--danger"
          disabled={busy}
          onClick={() => act('show.end', { showId: show.id })}
        >
          End {KIND_WORDS[show.kind].toLowerCase()}
        </button>
      </p>
    </div>
  );
}

function AnnouncedGroup({ room, act, busy }: Props) {
  const show = room.shows.state.value.current!;
  const ready = show.seats >= show.minimum;
  return (
    <div class="show-group">
      <p>
        <strong>Group show announced</strong>
        {show.title && <> · “{show.title}”</>} · {perMinute(show.rate)}
      </p>
      <p data-testid="group-seats">
        {show.seats} of {show.minimum} seats reserved
      </p>
      <p class="button-row">
        <button
          type="button"
          class="button button--primary"
          disabled={busy || !ready}
          onClick={() => act('group.start', { showId: show.id })}
        >
          Start group show
        </button>
        <button
          type="button"
          class="button button--ghost"
          disabled={busy}
          onClick={() => act('show.end', { showId: show.id })}
        >
          Call it off
        </button>
      </p>
      {!ready && <p class="muted">Start opens once {show.minimum} seats are reserved.</p>}
    </div>
  );
}

function AnnounceGroup({
  act,
  busy,
  rate: defaultRate = 20,
  minimum: defaultMinimum = 3,
}: {
  act: Act;
  busy: boolean;
  rate?: number | undefined;
  minimum?: number | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [rate, setRate] = useState(String(defaultRate));
  const [minimum, setMinimum] = useState(String(defaultMinimum));
  if (!open)
    return (
      <p>
        <button type="button" class="button" onClick={() => setOpen(true)}>
          Announce a group show
        </button>
      </p>
    );
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const outcome = await act('group.announce', {
      title: title.trim(),
      rate: Number(rate),
      minimum: Number(minimum),
    });
    if (outcome.ok) setOpen(false);
  };
  return (
    <form class="show-announce" noValidate onSubmit={submit}>
      <div class="field">
        <label for="group-title">Title (optional)</label>
        <input
          id="group-title"
          class="input"
          type="text"
          maxLength={GROUP_TITLE_MAX_CHARS}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="group-rate">Tokens per minute</label>
        <input
          id="group-rate"
          class="input"
          type="number"
          min={SHOW_RATE_MIN}
          max={SHOW_RATE_MAX}
          value={rate}
          onInput={(e) => setRate(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="group-minimum">Seats needed to start</label>
        <input
          id="group-minimum"
          class="input"
          type="number"
          min={2}
          max={GROUP_MINIMUM_MAX}
          value={minimum}
          onInput={(e) => setMinimum(e.currentTarget.value)}
        />
      </div>
      <p class="button-row">
        <button type="submit" class="button button--primary" disabled={busy}>
          Announce
        </button>
        <button type="button" class="button button--ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </p>
    </form>
  );
}

/**
 * A video or voice session while not live: the camera and microphone go on air for that one viewer (the media
 * routes let only them pull) and off when it ends. Voice: the camera is turned off, the sound goes.
 */
function SessionOnAir({ room, broadcaster }: { room: RoomConnection; broadcaster: Broadcaster }) {
  const current = room.shows.state.value.current;
  const media = current?.phase === 'running' && (current.kind === 'session-video' || current.kind === 'session-voice');
  const voice = current?.kind === 'session-voice';
  useEffect(() => {
    if (!media) return;
    if (voice !== broadcaster.cameraOff.value) broadcaster.toggleCamera();
    if (broadcaster.stream.value) broadcaster.goOnAir();
    else void broadcaster.startCamera().then(() => broadcaster.goOnAir());
    return () => broadcaster.goOffAir();
  }, [media, voice]);
  if (!media) return null;
  const state = broadcaster.state.value;
  return (
    <p class="show-notice" role="status">
      {voice ? 'Your microphone' : 'Your camera'} is on air for this session only:{' '}
      {state === 'live' ? 'sending' : state === 'idle' || state === 'starting' ? 'starting…' : 'connecting…'}
      {broadcaster.problem.value && <> ({broadcaster.problem.value})</>}
    </p>
  );
}

import type { ComponentProps } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RequestedKind } from '../../../../../wire/shows.ts';
import { Icon } from '../../../components/icon.tsx';
import { tokensText } from '../../../lib/money.ts';
import { wallet } from '../../../lib/wallet.ts';
import type { RoomConnection } from '../room-connection.ts';
import type { ShowCam as ShowCamControl } from './show-cam.tsx';
import { clockText, ShowClock, useSecondsLeft } from './show-clock.tsx';
import { ShowSummaryCard } from './show-summary.tsx';
import { DECLINE_WORDS, KIND_WORDS, perMinute } from './show-words.ts';
import { type ShowOutcome, type ShowWrite, showWrite } from './show-writes.ts';
import '../../../styles/shows.css';

type Act = <T extends ShowWrite['type']>(type: T, fields: Parameters<typeof showWrite<T>>[2]) => Promise<ShowOutcome>;

/** One write at a time per panel, with its refusal in words under the buttons. */
export function useShowAct(room: RoomConnection): { act: Act; busy: boolean; problem: string } {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const act: Act = async (type, fields) => {
    setBusy(true);
    setProblem('');
    const outcome = await showWrite(room, type, fields);
    setBusy(false);
    if (!outcome.ok) setProblem(outcome.message);
    return outcome;
  };
  return { act, busy, problem };
}

/**
 * The room's paid shows, for a viewer: Start private (rate, minimum, whether the balance covers it), the
 * request waiting with its countdown, the show you are in (timer, tokens spent, End, cam-to-cam, the 60 s
 * warning), Spy or Join when a show runs without you, a group show's announcement, and the summary after.
 * Nothing for the performer (the studio has their side) or when the performer offers no shows.
 */
export function ShowPanel({
  room,
  signedIn,
  self,
  name,
  sessions = false,
}: {
  room: RoomConnection;
  signedIn: boolean;
  self: boolean;
  name: string;
  /** The session page: offer one-to-one sessions instead of a private show. */
  sessions?: boolean;
}) {
  const { act, busy, problem } = useShowAct(room);
  const shows = room.shows.state.value;
  const summary = room.shows.summary.value;
  if (self) return null;
  const { offer, current, mine, myRequest } = shows;
  const body = () => {
    if (summary) return <ShowSummaryCard summary={summary} onClose={() => (room.shows.summary.value = null)} />;
    if (myRequest) return <Pending room={room} name={name} act={act} busy={busy} />;
    if (current && mine && mine.role !== 'reserved') return <InShow room={room} name={name} act={act} busy={busy} />;
    if (current?.phase === 'announced' || (current?.phase === 'running' && current.kind === 'group'))
      return <GroupShow room={room} act={act} busy={busy} signedIn={signedIn} />;
    if (current?.phase === 'running') return <Spy room={room} name={name} act={act} busy={busy} signedIn={signedIn} />;
    if (!offer) return null;
    if (sessions) return <StartSession room={room} name={name} act={act} busy={busy} signedIn={signedIn} />;
    if (!offer.privateOn || !room.live.value) return null;
    return <StartPrivate room={room} name={name} act={act} busy={busy} signedIn={signedIn} />;
  };
  const content = body();
  const declined = room.shows.declined.value;
  if (!content && !declined) return null;
  return (
    <section class="card show-panel" aria-labelledby="show-panel-title">
      <h2 id="show-panel-title" class="room-panel-title">
        <Icon name="lock" /> {sessions ? 'Sessions' : 'Paid shows'}
      </h2>
      {declined && !myRequest && !mine && (
        <p class="show-notice" role="status">
          {declined.reason === 'withdrawn'
            ? 'Your request was withdrawn. Nothing was charged.'
            : `${name} ${DECLINE_WORDS[declined.reason]}. Nothing was charged.`}
        </p>
      )}
      {content}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

type Props = { room: RoomConnection; act: Act; busy: boolean };

/** What the minimum costs, and whether the wallet covers it (a Buy tokens link if not). */
function Affordable({ rate, minimum }: { rate: number; minimum: number }) {
  const balance = wallet.value?.balance;
  const needed = rate * Math.max(1, minimum);
  if (balance === undefined) return null;
  return balance >= needed ? (
    <p class="show-balance muted">You have {tokensText(balance)}: enough for the first minutes.</p>
  ) : (
    <p class="field-error show-balance" role="alert">
      You need {tokensText(needed)} to start; you have {tokensText(balance)}. <a href="/wallet/buy">Buy tokens</a>
    </p>
  );
}

function covers(rate: number, minimum: number): boolean {
  const balance = wallet.value?.balance;
  return balance === undefined || balance >= rate * Math.max(1, minimum);
}

function LogInFirst({ what }: { what: string }) {
  return (
    <p class="muted">
      <a href={`/login?next=${encodeURIComponent(location.pathname)}`}>Log in</a> to {what}.
    </p>
  );
}

function StartPrivate({ room, name, act, busy, signedIn }: Props & { name: string; signedIn: boolean }) {
  const offer = room.shows.state.value.offer!;
  const [anonymous, setAnonymous] = useState(false);
  // Cam-to-cam is turned on inside the show (ShowCam names its extra then): the start is the private rate.
  const rate = offer.privateRate;
  return (
    <div class="show-start">
      <p class="show-rate">
        <strong>{perMinute(offer.privateRate)}</strong>
        {offer.minimumMinutes > 0 && <> · minimum {offer.minimumMinutes} min</>}
      </p>
      <p class="muted">
        Just you and {name}: billed per started minute, end it whenever you like.
        {offer.camToCam && ` You may turn on your camera in the show${camExtra(offer.camToCamRate)}.`}
      </p>
      {!signedIn ? (
        <LogInFirst what="start a private show" />
      ) : (
        <>
          <label class="tip-check">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} /> Ask
            anonymously
          </label>
          <Affordable rate={rate} minimum={offer.minimumMinutes} />
          <p class="button-row">
            <button
              type="button"
              class="button button--primary"
              disabled={busy || !covers(rate, offer.minimumMinutes)}
              onClick={() =>
                act('show.request', {
                  kind: 'private',
                  ...(anonymous ? { anonymous: true } : {}),
                })
              }
            >
              Start private · {perMinute(rate)}
            </button>
          </p>
        </>
      )}
    </div>
  );
}

const SESSION_KINDS: { kind: RequestedKind; label: string; key: 'video' | 'voice' | 'chat' }[] = [
  { kind: 'session-video', label: 'Video', key: 'video' },
  { kind: 'session-voice', label: 'Voice', key: 'voice' },
  { kind: 'session-chat', label: 'Chat', key: 'chat' },
];

function StartSession({ room, name, act, busy, signedIn }: Props & { name: string; signedIn: boolean }) {
  const offer = room.shows.state.value.offer!;
  if (!offer.sessionsAvailable || room.live.value)
    return (
      <p class="muted">
        {room.live.value
          ? `${name} is live in public right now: join the room instead.`
          : `${name} is not taking sessions right now.`}
      </p>
    );
  if (!signedIn) return <LogInFirst what="start a session" />;
  const cheapest = Math.min(...SESSION_KINDS.map((k) => offer.sessionRates[k.key]));
  return (
    <div class="show-start">
      <p class="muted">
        One to one with {name}, billed per started minute
        {offer.minimumMinutes > 0 && <> (minimum {offer.minimumMinutes} min)</>}.
      </p>
      <Affordable rate={cheapest} minimum={offer.minimumMinutes} />
      <ul class="session-kinds">
        {SESSION_KINDS.map(({ kind, label, key }) => (
          <li key={kind}>
            <button
              type="button"
              class="button button--primary"
              disabled={busy || !covers(offer.sessionRates[key], offer.minimumMinutes)}
              onClick={() => act('show.request', { kind })}
            >
              {label} · {perMinute(offer.sessionRates[key])}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Pending({ room, name, act, busy }: Props & { name: string }) {
  const request = room.shows.state.value.myRequest!;
  const left = useSecondsLeft(request.expiresAt);
  return (
    <div class="show-pending" role="status">
      <p>
        <span class="spinner" aria-hidden="true" /> Waiting for {name} to accept your {KIND_WORDS[request.kind]} request
        ({perMinute(request.rate)}).
      </p>
      <p class="show-countdown">
        <span class="visually-hidden">Time left: </span>
        {clockText(left)}
      </p>
      <p class="muted">Nothing is charged unless the show starts.</p>
      <button
        type="button"
        class="button button--ghost"
        disabled={busy}
        onClick={() => act('show.end', { showId: request.id })}
      >
        Withdraw request
      </button>
    </div>
  );
}

/** Your seat in the running show: the timer, tokens spent, End (or Leave), cam-to-cam, the 60 s warning. */
function InShow({ room, name, act, busy }: Props & { name: string }) {
  const { current, mine } = room.shows.state.value;
  const show = current!;
  const seat = mine!;
  const low = room.shows.lowBalance.value;
  const payer = seat.role === 'viewer';
  const since = seat.joinedAt ?? show.startedAt ?? Date.now();
  return (
    <div class="show-live" data-role={seat.role}>
      <p class="show-live-kind">
        <span class="room-live-badge">{seat.role === 'spy' ? 'Spying' : KIND_WORDS[show.kind]}</span>{' '}
        {perMinute(seat.rate)}
      </p>
      <dl class="show-figures">
        <div>
          <dt>Time</dt>
          <dd>
            <ShowClock since={since} />
          </dd>
        </div>
        <div>
          <dt>Spent so far</dt>
          <dd data-testid="show-spent">{tokensText(seat.tally.tokens)}</dd>
        </div>
        <div>
          <dt>Minutes paid</dt>
          <dd>{seat.tally.minutesPaid}</dd>
        </div>
      </dl>
      {low && <LowBalance endsAt={low.endsAt} />}
      {payer && show.camRate !== undefined && (
        <ShowCam
          room={room}
          showId={show.id}
          camOn={seat.camOn}
          rate={show.camRate}
          name={name}
          act={act}
          busy={busy}
        />
      )}
      <p class="button-row">
        <button
          type="button"
          class="button button--danger"
          disabled={busy}
          onClick={() => act(payer ? 'show.end' : 'show.leave', { showId: show.id })}
        >
          {payer ? 'End show' : 'Leave show'}
        </button>
      </p>
    </div>
  );
}

const camExtra = (rate: number) => (rate > 0 ? ` (+${perMinute(rate)})` : '');

/** Cam-to-cam's control, in its own chunk: only a private show that allows it loads it (the page's budget). */
function ShowCam(props: ComponentProps<typeof ShowCamControl>) {
  const [Control, setControl] = useState<typeof ShowCamControl | null>(null);
  useEffect(() => {
    void import('./show-cam.tsx').then((m) => setControl(() => m.ShowCam));
  }, []);
  return Control && <Control {...props} />;
}

export function LowBalance({ endsAt }: { endsAt: number }) {
  const left = useSecondsLeft(endsAt);
  return (
    <p class="show-warning" role="alert">
      Not enough tokens for the next minute: the show ends in {clockText(left)}.{' '}
      <a href="/wallet/buy" target="_blank" rel="noopener">
        Buy tokens
      </a>
    </p>
  );
}

/** A private show runs without you: "In a private show", and Spy when the performer allows it. */
function Spy({ room, name, act, busy, signedIn }: Props & { name: string; signedIn: boolean }) {
  const show = room.shows.state.value.current!;
  return (
    <div class="show-elsewhere">
      <p>
        <strong>{name} is in a private show.</strong>{' '}
        {show.publicChat === 'read-only'
          ? 'The public chat is read-only until it ends.'
          : 'The public chat stays open.'}
      </p>
      {show.spyRate > 0 &&
        (signedIn ? (
          <>
            <Affordable rate={show.spyRate} minimum={0} />
            <button
              type="button"
              class="button button--primary"
              disabled={busy || !covers(show.spyRate, 0)}
              onClick={() => act('show.spy', { showId: show.id })}
            >
              Spy · {perMinute(show.spyRate)}
            </button>
          </>
        ) : (
          <LogInFirst what="spy on the show" />
        ))}
    </div>
  );
}

/** A group show: announced (reserve a seat for free) or running (join, billed from now). */
function GroupShow({ room, act, busy, signedIn }: Props & { signedIn: boolean }) {
  const { current, mine } = room.shows.state.value;
  const show = current!;
  const reserved = mine?.role === 'reserved';
  const running = show.phase === 'running';
  return (
    <div class="show-group">
      <p class="show-rate">
        <strong>{running ? 'Group show in progress' : 'Group show announced'}</strong>
        {show.title && <> · “{show.title}”</>}
      </p>
      <p>
        {perMinute(show.rate)} · {show.seats} of {show.minimum} seats {running ? 'taken' : 'reserved'}
      </p>
      {!signedIn ? (
        <LogInFirst what={running ? 'join the group show' : 'reserve a seat'} />
      ) : running ? (
        <>
          <p class="muted">Billed from when you join; only participants see the video and write in its chat.</p>
          <Affordable rate={show.rate} minimum={0} />
          <button
            type="button"
            class="button button--primary"
            disabled={busy || !covers(show.rate, 0)}
            onClick={() => act('group.join', { showId: show.id })}
          >
            Join · {perMinute(show.rate)}
          </button>
        </>
      ) : reserved ? (
        <>
          <p class="show-notice">Your seat is reserved. You are billed only once the show starts.</p>
          <button
            type="button"
            class="button button--ghost"
            disabled={busy}
            onClick={() => act('show.leave', { showId: show.id })}
          >
            Give up my seat
          </button>
        </>
      ) : (
        <>
          <p class="muted">Reserving is free; the show starts when enough seats are taken.</p>
          <button
            type="button"
            class="button button--primary"
            disabled={busy}
            onClick={() => act('group.reserve', { showId: show.id })}
          >
            Reserve seat (free)
          </button>
        </>
      )}
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { SongRequest } from '../../../../wire/music.ts';
import { REQUEST_NOTE_MAX_CHARS, TRACK_TEXT_MAX_CHARS } from '../../../../wire/music-limits.ts';
import { Icon } from '../../components/icon.tsx';
import { tokensText } from '../../lib/money.ts';
import { wallet } from '../../lib/wallet.ts';
import { REASON_WORDS } from './reasons.ts';
import type { RoomConnection, WriteResult } from './room-connection.ts';
import '../../styles/requests.css';

/** Words for a request's state, as the room sees it. */
export const REQUEST_STATUS_WORDS: Record<SongRequest['status'], string> = {
  pending: 'Waiting for the performer',
  queued: 'In the queue',
  playing: 'Playing now',
  played: 'Played',
  rejected: 'Declined, refunded',
  withdrawn: 'Withdrawn, refunded',
  expired: 'Expired, refunded',
  ended: 'Show ended, refunded',
};

export function outcomeWords(result: WriteResult): string {
  if (result.ok) return '';
  return result.reason === 'INVALID' || result.reason === 'FILTERED' || result.reason === 'QUEUE_FULL'
    ? result.message
    : REASON_WORDS[result.reason];
}

/**
 * The room's song requests: "Request a song" (with suggestions from what this performer played before,
 * the price and your balance) and the queue (position, title, requester unless anonymous, tokens), where
 * your own requests can be bumped or withdrawn. Hidden until the performer has opened requests once.
 */
export function SongRequests({ room, signedIn, self }: { room: RoomConnection; signedIn: boolean; self: boolean }) {
  const requests = room.requests.value;
  if (!requests || (!requests.open && requests.queue.length === 0 && requests.done.length === 0)) return null;
  const mine = room.myRequests.value;
  return (
    <section class="card song-requests" aria-labelledby="song-requests-title">
      <h2 id="song-requests-title" class="room-panel-title">
        <Icon name="star" /> Song requests
      </h2>
      {requests.open ? (
        signedIn && !self && room.live.value ? (
          <RequestForm room={room} price={requests.price} />
        ) : !signedIn ? (
          <p class="muted">
            <a href={`/login?next=${encodeURIComponent(location.pathname)}`}>Log in</a> to request a song (
            {tokensText(requests.price)}).
          </p>
        ) : self ? null : (
          <p class="muted">Requests open when the show is live.</p>
        )
      ) : (
        <p class="muted">Requests are closed right now.</p>
      )}
      <h3 class="song-requests-subtitle">Queue</h3>
      {requests.queue.length === 0 ? (
        <p class="muted">No requests in the queue.</p>
      ) : (
        <ol class="request-list">
          {requests.queue.map((request, i) => (
            <RequestLine
              key={request.id}
              request={request}
              position={i + 1}
              room={room}
              own={mine.has(request.id)}
              bumpMinimum={requests.bumpMinimum}
            />
          ))}
        </ol>
      )}
      {requests.done.length > 0 && (
        <>
          <h3 class="song-requests-subtitle">Recently</h3>
          <ul class="request-list request-list--done">
            {requests.done.map((request) => (
              <RequestLine key={request.id} request={request} room={room} own={mine.has(request.id)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RequestForm({ room, price }: { room: RoomConnection; price: number }) {
  const [title, setTitle] = useState('');
  const [artist, setArtist] = useState('');
  const [note, setNote] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const balance = wallet.value?.balance;
  const short = balance !== undefined && balance < price;
  // What this performer played before: the now-playing feed's tracks, each once.
  const played = [room.nowPlaying.value.current, ...room.nowPlaying.value.recent].filter((t) => t !== null);
  const titles = [...new Set(played.map((t) => t.title))];
  const artists = [...new Set(played.map((t) => t.artist).filter(Boolean))];

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!title.trim()) {
      setMessage({ ok: false, text: 'Give the title of the song.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    const result = await room.send({
      type: 'request.send',
      clientId: crypto.randomUUID(),
      title,
      artist,
      note,
      ...(anonymous ? { anonymous: true } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setTitle('');
      setArtist('');
      setNote('');
      setMessage({
        ok: true,
        text: `Requested “${result.request?.title ?? title}”. Your tokens are held until it plays.`,
      });
    } else setMessage({ ok: false, text: outcomeWords(result) });
  };

  return (
    <form class="request-form" noValidate onSubmit={submit} aria-labelledby="request-form-title">
      <h3 id="request-form-title" class="song-requests-subtitle">
        Request a song
      </h3>
      <p class="request-price">
        <strong>{tokensText(price)}</strong> per request, held until it plays; refunded if it does not.
        {balance !== undefined && <> You have {tokensText(balance)}.</>}
      </p>
      <div class="field">
        <label for="request-title">Title</label>
        <input
          id="request-title"
          class="input"
          type="text"
          list="request-title-suggestions"
          value={title}
          maxLength={TRACK_TEXT_MAX_CHARS}
          autocomplete="off"
          required
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <datalist id="request-title-suggestions">
          {titles.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="request-artist">Artist</label>
        <input
          id="request-artist"
          class="input"
          type="text"
          list="request-artist-suggestions"
          value={artist}
          maxLength={TRACK_TEXT_MAX_CHARS}
          autocomplete="off"
          onInput={(e) => setArtist(e.currentTarget.value)}
        />
        <datalist id="request-artist-suggestions">
          {artists.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="request-note">Note (optional)</label>
        <input
          id="request-note"
          class="input"
          type="text"
          value={note}
          maxLength={REQUEST_NOTE_MAX_CHARS}
          autocomplete="off"
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <label class="tip-check">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} /> Request
        anonymously
      </label>
      {short && (
        <p class="field-error" role="alert">
          You need {tokensText(price)} to request. <a href="/wallet/buy">Buy tokens</a>
        </p>
      )}
      <p class="button-row">
        <button type="submit" class="button button--primary" disabled={busy || short} aria-busy={busy}>
          {busy && <span class="spinner" aria-hidden="true" />}Request for {tokensText(price)}
        </button>
      </p>
      {message && (
        <p
          class={message.ok ? 'tip-outcome tip-outcome--ok' : 'tip-outcome field-error'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

function RequestLine({
  request,
  position,
  room,
  own,
  bumpMinimum,
}: {
  request: SongRequest;
  position?: number;
  room: RoomConnection;
  own: boolean;
  bumpMinimum?: number | null;
}) {
  const [busy, setBusy] = useState(false);
  const [amount, setAmount] = useState(String(bumpMinimum ?? 50));
  const [problem, setProblem] = useState('');
  const waiting = request.status === 'pending' || request.status === 'queued';
  const act = async (write: () => Promise<WriteResult>) => {
    setBusy(true);
    setProblem('');
    const result = await write();
    setBusy(false);
    if (!result.ok) setProblem(outcomeWords(result));
  };
  const bump = () =>
    act(() =>
      room.send({
        type: 'request.bump',
        clientId: crypto.randomUUID(),
        requestId: request.id,
        amount: Number(amount) || 0,
      }),
    );
  const withdraw = () =>
    act(() => room.send({ type: 'request.withdraw', clientId: crypto.randomUUID(), requestId: request.id }));
  return (
    <li class={`request-line request-line--${request.status}${own ? ' request-line--mine' : ''}`}>
      <div class="request-main">
        {position !== undefined && <span class="request-position">{position}</span>}
        <span class="request-song">
          <strong>{request.title}</strong>
          {request.artist && <span class="request-artist"> · {request.artist}</span>}
        </span>
        <span class="request-tokens">{tokensText(request.tokens)}</span>
      </div>
      <p class="request-meta muted">
        {request.requester ? request.requester.displayName : 'Anonymous'}
        {own && ' (you)'} · {REQUEST_STATUS_WORDS[request.status]}
        {request.reason && <> · “{request.reason}”</>}
      </p>
      {own && waiting && (
        <div class="request-actions">
          <label class="request-bump">
            <span class="visually-hidden">Tokens to add to “{request.title}”</span>
            <input
              class="input input--small"
              type="text"
              inputMode="numeric"
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value.replace(/\D/g, ''))}
            />
          </label>
          <button type="button" class="button button--small" disabled={busy} onClick={bump}>
            Bump
          </button>
          <button type="button" class="button button--ghost button--small" disabled={busy} onClick={withdraw}>
            Withdraw
          </button>
        </div>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

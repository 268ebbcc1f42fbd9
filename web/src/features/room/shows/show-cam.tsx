import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../../../components/icon.tsx';
import type { CamPublisher } from '../../../lib/media/cam-publisher.ts';
import type { RoomConnection } from '../room-connection.ts';
import type { useShowAct } from './show-panel.tsx';
import { perMinute } from './show-words.ts';

type Act = ReturnType<typeof useShowAct>['act'];

/**
 * Cam-to-cam, the paying viewer's control in a private show that allows it: "Turn on my camera (+N)",
 * a confirmation naming the extra rate, then a small self-view while it is sent to the performer only.
 * The publishing code is loaded only then (the room page's size budget). The camera is published first and
 * `show.cam` turns it on (billed from the next minute); off closes it and stops the extra.
 */
export function ShowCam({
  room,
  showId,
  camOn,
  rate,
  name,
  act,
  busy,
}: {
  room: RoomConnection;
  showId: string;
  camOn: boolean;
  rate: number;
  name: string;
  act: Act;
  busy: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [publisher, setPublisher] = useState<CamPublisher | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState('');
  // Leaving the show (or the page): the camera goes off with it.
  useEffect(() => () => publisher?.stop(), [publisher]);
  const state = publisher?.state.value ?? 'off';
  const stream = publisher?.stream.value ?? null;
  // The connection failed while billed: the extra stops until the viewer sends again.
  useEffect(() => {
    if (state === 'failed' && camOn) void act('show.cam', { showId, on: false });
  }, [state, camOn]);

  const turnOn = async () => {
    setAsking(false);
    setProblem('');
    setLoading(true);
    try {
      const { CamPublisher } = await import('../../../lib/media/cam-publisher.ts');
      const p = publisher ?? new CamPublisher(room.handle, showId);
      setPublisher(p);
      if (!(await p.start())) return;
      if (!camOn && !(await act('show.cam', { showId, on: true })).ok) p.stop();
    } catch {
      setProblem('The camera could not start; try again.');
    } finally {
      setLoading(false);
    }
  };
  const turnOff = async () => {
    publisher?.stop();
    if (camOn) await act('show.cam', { showId, on: false });
  };
  const extra = rate > 0 ? ` (+${perMinute(rate)})` : '';
  const failure = problem || publisher?.problem.value;

  return (
    <div class="show-cam">
      {stream ? (
        <figure class="show-selfview">
          <SelfView stream={stream} />
          <figcaption>
            You, seen by {name} only · {state === 'sending' ? 'sending' : 'connecting…'}
          </figcaption>
        </figure>
      ) : (
        camOn && <p class="show-notice">Your camera is on in this show but not sent from this page.</p>
      )}
      {asking ? (
        <fieldset class="group show-cam-confirm">
          <legend class="visually-hidden">Turn on your camera</legend>
          <p>
            {name} will see and hear you (nobody else does).{' '}
            {rate > 0 ? `It adds ${perMinute(rate)} from the next minute.` : 'It costs nothing extra.'}
          </p>
          <p class="button-row">
            <button type="button" class="button button--primary" disabled={busy || loading} onClick={turnOn}>
              Turn it on
            </button>
            <button type="button" class="button button--ghost" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </p>
        </fieldset>
      ) : (
        <p class="button-row">
          {!stream && !camOn && (
            <button type="button" class="button" disabled={busy || loading} onClick={() => setAsking(true)}>
              <Icon name="camera" /> Turn on my camera{extra}
            </button>
          )}
          {!stream && camOn && (
            <button type="button" class="button" disabled={busy || loading} onClick={turnOn}>
              <Icon name="camera" /> Send my camera again
            </button>
          )}
          {(stream || camOn) && (
            <button type="button" class="button" aria-pressed="true" disabled={busy} onClick={turnOff}>
              <Icon name="camera" /> Turn my camera off
            </button>
          )}
        </p>
      )}
      {loading && !stream && <p class="muted">Starting your camera…</p>}
      {failure && (
        <p class="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

function SelfView({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} class="show-selfview-video" autoplay muted playsInline aria-label="Your camera" />;
}

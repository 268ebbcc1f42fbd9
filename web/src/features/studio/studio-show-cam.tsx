import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CamWatcher } from '../../lib/media/cam-watcher.ts';
import type { RoomConnection } from '../room/room-connection.ts';

/**
 * Cam-to-cam in the studio's running show: the private viewer's camera, pulled while the Room says it is
 * on and published (only the show's performer may), with a line saying so while it connects.
 */
export function StudioShowCam({ room }: { room: RoomConnection }) {
  const watcher = useMemo(() => new CamWatcher(room.handle), [room]);
  const [muted, setMuted] = useState(false);
  const cam = room.shows.cam.value;
  const showId = cam?.showId ?? null;
  const publication = cam?.publication ?? null;
  useEffect(() => {
    if (showId && publication) watcher.update(showId, publication);
    else watcher.stop();
  }, [showId, publication]);
  useEffect(() => () => watcher.stop(), [watcher]);
  if (!cam) return null;
  const name = cam.who ? cam.who.displayName : 'The viewer';
  const stream = watcher.stream.value;
  const state = watcher.state.value;
  return (
    <figure class="show-viewer-cam" data-state={state} data-frames-decoded={watcher.frames.value}>
      {stream && <CamVideo stream={stream} muted={muted} label={`${name}’s camera`} />}
      <figcaption>
        <span role="status">
          {name} turned their camera on
          {state === 'live' ? '.' : publication ? ': connecting…' : ': waiting for it to arrive…'}
          {state === 'failed' && watcher.problem.value && <> ({watcher.problem.value})</>}
        </span>{' '}
        {stream && (
          <button type="button" class="button button--ghost" aria-pressed={muted} onClick={() => setMuted(!muted)}>
            {muted ? 'Unmute' : 'Mute'} {name}
          </button>
        )}
      </figcaption>
    </figure>
  );
}

function CamVideo({ stream, muted, label }: { stream: MediaStream; muted: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} class="show-viewer-cam-video" autoplay playsInline muted={muted} aria-label={label} />;
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../../components/icon.tsx';
import type { Broadcaster, BroadcastState } from '../../lib/media/broadcaster.ts';
import '../../styles/broadcast.css';

const STATE_WORDS: Record<BroadcastState, string> = {
  idle: 'Camera off',
  starting: 'Starting the camera…',
  preview: 'Preview: viewers cannot see this yet',
  connecting: 'Connecting to viewers…',
  live: 'On air',
  reconnecting: 'Connection lost: reconnecting (your show stays live)…',
};

/**
 * The performer's camera in the studio: preview, camera and microphone pickers, mute and camera
 * off, and once the show is live, the stream's state with its outgoing bitrate and frame rate.
 * Going live and ending use the studio's live controls; this panel follows `live`.
 */
export function BroadcastPanel({ broadcaster, live }: { broadcaster: Broadcaster; live: boolean }) {
  const preview = useRef<HTMLVideoElement>(null);
  const stream = broadcaster.stream.value;
  const state = broadcaster.state.value;

  useEffect(() => {
    if (live) broadcaster.goOnAir();
    else broadcaster.goOffAir();
  }, [live]);
  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream;
  }, [stream]);

  const [wide] = useState(() => typeof matchMedia === 'undefined' || matchMedia('(min-width: 801px)').matches);
  const stats = broadcaster.stats.value;
  const sending = state === 'live' || state === 'reconnecting' || state === 'connecting';
  return (
    <section
      class="broadcast card"
      aria-labelledby="broadcast-title"
      data-state={state}
      data-kbps={stats.kbps}
      data-fps={stats.fps}
    >
      <h2 id="broadcast-title" class="broadcast-title">
        Camera
      </h2>
      <div class="room-video broadcast-preview">
        <video
          ref={preview}
          class="broadcast-video"
          autoplay
          playsInline
          muted
          aria-label="Your camera preview"
          hidden={!stream}
        />
        {!stream && (
          <div class="room-video-idle">
            <Icon name="camera" class="room-video-icon" />
            <p>{state === 'starting' ? 'Starting the camera…' : 'Your camera is off'}</p>
            <button
              type="button"
              class="button button--primary"
              disabled={state === 'starting'}
              onClick={() => void broadcaster.startCamera()}
            >
              Start camera
            </button>
          </div>
        )}
        <p class={`player-state broadcast-state broadcast-state--${state}`} role="status" aria-live="polite">
          {STATE_WORDS[state]}
        </p>
      </div>
      {broadcaster.problem.value && (
        <p class="alert alert--error broadcast-problem" role="alert">
          {broadcaster.problem.value}
        </p>
      )}
      {live && !stream && <p class="muted">You are live with no picture: start the camera so viewers can see you.</p>}
      {(stream || sending) && (
        // Folded on a phone, so the chat fits under the preview; open where there is room.
        <details class="broadcast-settings" open={wide}>
          <summary>Camera, microphone and stream</summary>
          {stream && (
            <div class="broadcast-controls">
              <DevicePicker
                label="Camera"
                id="camera-picker"
                value={broadcaster.cameraId.value}
                choices={broadcaster.cameras.value}
                onChange={(id) => void broadcaster.choose('camera', id)}
              />
              <DevicePicker
                label="Microphone"
                id="mic-picker"
                value={broadcaster.microphoneId.value}
                choices={broadcaster.microphones.value}
                onChange={(id) => void broadcaster.choose('microphone', id)}
              />
              <p class="button-row broadcast-toggles">
                <button
                  type="button"
                  class="button"
                  aria-pressed={broadcaster.micMuted.value}
                  onClick={() => broadcaster.toggleMicrophone()}
                >
                  <Icon name="mic" /> {broadcaster.micMuted.value ? 'Unmute microphone' : 'Mute microphone'}
                </button>
                <button
                  type="button"
                  class="button"
                  aria-pressed={broadcaster.cameraOff.value}
                  onClick={() => broadcaster.toggleCamera()}
                >
                  <Icon name="camera" /> {broadcaster.cameraOff.value ? 'Turn camera on' : 'Turn camera off'}
                </button>
              </p>
            </div>
          )}
          {sending && (
            <dl class="studio-live-stats broadcast-stats" aria-label="Outgoing stream">
              <div>
                <dt>Connection</dt>
                <dd>{broadcaster.connection.value}</dd>
              </div>
              <div>
                <dt>Bitrate</dt>
                <dd>{stats.kbps} kbps</dd>
              </div>
              <div>
                <dt>Frame rate</dt>
                <dd>{stats.fps} fps</dd>
              </div>
              <div>
                <dt>Size</dt>
                <dd>
                  {stats.width ? `${stats.width}×${stats.height}` : '—'}
                  {stats.layers > 1 ? ` (${stats.layers} layers)` : ''}
                </dd>
              </div>
            </dl>
          )}
        </details>
      )}
    </section>
  );
}

function DevicePicker({
  label,
  id,
  value,
  choices,
  onChange,
}: {
  label: string;
  id: string;
  value: string;
  choices: { id: string; label: string }[];
  onChange: (id: string) => void;
}) {
  return (
    <div class="field broadcast-picker">
      <label for={id}>{label}</label>
      <select
        id={id}
        class="input"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        disabled={choices.length === 0}
      >
        {choices.length === 0 && <option value="">None found</option>}
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

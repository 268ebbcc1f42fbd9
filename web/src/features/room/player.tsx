import { useEffect, useRef, useState } from 'preact/hooks';
import { LAYERS, type Layer } from '../../../../wire/media.ts';
import { Icon } from '../../components/icon.tsx';
import { layerForWidth } from '../../lib/media/early-watch.ts';
import { type PlayerState, Watcher } from '../../lib/media/watcher.ts';
import type { RoomConnection } from './room-connection.ts';
import '../../styles/player.css';

const LAYER_NAMES: Record<Layer, string> = { h: 'High', m: 'Medium', l: 'Low' };
const STATE_WORDS: Record<PlayerState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/**
 * The page's pull of `handle`'s video, started at once (before the room's profile and socket
 * answer) and stopped when the page goes.
 */
export function useWatcher(handle: string): Watcher {
  const [watcher] = useState(() => new Watcher(handle));
  useEffect(() => {
    watcher.start();
    return () => watcher.stop();
  }, []);
  return watcher;
}

/**
 * The room's video: pulls what the Room has on air, autoplays muted (browsers allow no sound
 * before a click) with an Unmute button, picks the simulcast layer by its own size unless the
 * viewer chooses one, and says what is happening: connecting, live, reconnecting, offline.
 */
export function Player({ room, watcher, name }: { room: RoomConnection; watcher: Watcher; name: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [muted, setMuted] = useState(true);
  const [volume, setVolume] = useState(1);
  const [choice, setChoice] = useState<Layer | 'auto'>('auto');
  const [autoLayer, setAutoLayer] = useState<Layer>(watcher.layer.value);

  const media = room.media.value;
  const welcomed = room.lastSeq !== undefined;
  useEffect(() => {
    if (welcomed) watcher.update(media);
  }, [welcomed, media.publication, media.tracks.length]);

  // Size decides the layer (unless chosen): a phone-sized player pulls the small layer.
  useEffect(() => {
    const box = frame.current;
    if (!box) return;
    const observer = new ResizeObserver(
      ([entry]) => entry && setAutoLayer(layerForWidth(entry.contentRect.width, devicePixelRatio || 1)),
    );
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  useEffect(() => void watcher.chooseLayer(choice === 'auto' ? autoLayer : choice), [choice, autoLayer]);

  const stream = watcher.stream.value;
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    if (!stream) return;
    void element.play().catch(() => undefined);
    // The first frame on screen, for the room-open-to-picture figure (bench:media).
    if ('requestVideoFrameCallback' in element && watcher.firstFrameAt.value === null) {
      element.requestVideoFrameCallback(() => {
        performance.mark('media:first-frame');
        watcher.firstFrameAt.value ??= Math.round(performance.now());
      });
    }
  }, [stream]);

  // Frames on screen win (they may arrive before the room socket says the show is live).
  const state = watcher.state.value === 'live' || room.live.value ? watcher.state.value : 'offline';
  const counts = watcher.counts.value;
  const showVideo = state === 'live' || state === 'reconnecting';
  const unmute = () => {
    const element = video.current;
    if (!element) return;
    element.muted = !muted;
    setMuted(!muted);
    void element.play().catch(() => undefined);
  };

  return (
    <div
      class={`player player--${state}`}
      ref={frame}
      data-state={state}
      data-frames-decoded={counts.framesDecoded}
      data-audio-packets={counts.audioPackets}
      data-first-frame-ms={watcher.firstFrameAt.value ?? ''}
    >
      <video
        ref={video}
        class="player-video"
        autoplay
        playsInline
        muted={muted}
        aria-label={`${name}’s live video`}
        hidden={!showVideo}
      />
      {!showVideo && (
        <div class="room-video-idle">
          <Icon name="camera" class="room-video-icon" />
          {state === 'offline' ? (
            room.live.value ? (
              <p>
                <span class="room-live-badge">Live</span> {room.title.value}
                <span class="room-video-note">{name}’s camera is not on yet.</span>
              </p>
            ) : (
              <p>The stream starts here when {name} goes live</p>
            )
          ) : (
            <p>
              <span class="spinner" aria-hidden="true" /> Connecting to the stream…
            </p>
          )}
        </div>
      )}
      <p class={`player-state player-state--${state}`} role="status" aria-live="polite">
        {/* The show can be live with no camera yet: "Offline" would contradict the Live badge. */}
        {state === 'offline' && room.live.value ? 'Camera off' : STATE_WORDS[state]}
        {state === 'reconnecting' && <span class="spinner" aria-hidden="true" />}
      </p>
      {showVideo && (
        <div class="player-controls">
          <button type="button" class="button button--small player-sound" onClick={unmute} aria-pressed={!muted}>
            <Icon name="mic" /> {muted ? 'Unmute' : 'Mute'}
          </button>
          <input
            class="player-volume"
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={muted ? 0 : volume}
            aria-label="Volume"
            onInput={(e) => {
              const element = video.current;
              const level = Number(e.currentTarget.value);
              setVolume(level);
              if (!element) return;
              element.volume = level;
              // Dragging the slider up is the click that lets sound play; down to zero is mute.
              element.muted = level === 0;
              setMuted(level === 0);
              if (level > 0) void element.play().catch(() => undefined);
            }}
          />
          <label class="player-quality">
            <span>Quality</span>
            <select class="input" value={choice} onChange={(e) => setChoice(e.currentTarget.value as Layer | 'auto')}>
              <option value="auto">Auto ({LAYER_NAMES[autoLayer]})</option>
              {LAYERS.map((layer) => (
                <option key={layer} value={layer}>
                  {LAYER_NAMES[layer]}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </div>
  );
}

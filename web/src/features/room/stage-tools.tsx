import { useEffect, useState } from 'preact/hooks';
import type { RoomState } from './room-state.ts';
import { StageMenu } from './stage-menu.tsx';
import { chime, setTipSounds, tipSoundsOn } from './tip-sounds.ts';

/**
 * Beside the room's info: tip sounds (off until clicked; synthesised), theater mode (the video wider, the
 * chat beside it narrower) and fullscreen (the stage alone, tip bursts included).
 */
export function StageTools({
  room,
  stage,
  theater,
  setTheater,
  phone = false,
}: {
  room: RoomState;
  stage: () => HTMLElement | null;
  theater: boolean;
  setTheater: (on: boolean) => void;
  /** A phone: tip sounds and fullscreen in a menu over the video's corner (no theater: the video is full width). */
  phone?: boolean;
}) {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const changed = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  // A chime per tip seen live (never for the tips listed from before the page joined).
  const newest = room.tips.value.at(-1);
  useEffect(() => {
    if (newest) chime(newest.tier);
  }, [newest?.id]);

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage()?.requestFullscreen?.();
  };
  if (phone)
    return (
      <StageMenu
        toggles={[
          { label: 'Tip sounds', pressed: tipSoundsOn.value, onToggle: () => setTipSounds(!tipSoundsOn.value) },
          ...(document.fullscreenEnabled ? [{ label: 'Fullscreen', pressed: full, onToggle: fullscreen }] : []),
        ]}
      />
    );
  return (
    <div class="stage-tools">
      <button
        type="button"
        class="button button--small button--ghost"
        aria-pressed={tipSoundsOn.value}
        onClick={() => setTipSounds(!tipSoundsOn.value)}
      >
        Tip sounds
      </button>
      <button
        type="button"
        class="button button--small button--ghost stage-theater"
        aria-pressed={theater}
        onClick={() => setTheater(!theater)}
      >
        Theater mode
      </button>
      {document.fullscreenEnabled && (
        <button type="button" class="button button--small button--ghost" aria-pressed={full} onClick={fullscreen}>
          {full ? 'Exit fullscreen' : 'Fullscreen'}
        </button>
      )}
    </div>
  );
}

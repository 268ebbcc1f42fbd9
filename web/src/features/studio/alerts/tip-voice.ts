import type { TipEvent, TipTier } from '../../../../../wire/room.ts';
import { tokensText } from '../../../lib/money.ts';

/**
 * What the studio says aloud for a tip. The performer's microphone is usually on air, so a private
 * note is never read (viewers would hear it): only that there is one. Anonymous stays anonymous.
 */
export function spokenTip(tip: TipEvent): string {
  const who = tip.from ? tip.from.displayName : 'Anonymous';
  const item = tip.menuItem ? ` for ${tip.menuItem}` : '';
  const note = !tip.note ? '' : tip.private ? ', with a private note' : `: ${tip.note}`;
  return `${who} tipped ${tokensText(tip.amount)}${item}${note}`;
}

/** The chime for each tier, as note frequencies (Hz) played one after another: bigger tips, longer and higher. */
export const CHIMES: Record<TipTier, readonly number[]> = {
  small: [880],
  medium: [660, 880],
  large: [523.25, 659.25, 783.99],
  huge: [523.25, 659.25, 783.99, 1046.5],
};

const NOTE_S = 0.14;

/** Plays a tier's chime on `audio` (WebAudio-synthesised: no sound files to load) at `volume` (0 to 1). */
export function playChime(audio: AudioContext, tier: TipTier, volume: number): void {
  const start = audio.currentTime + 0.01;
  CHIMES[tier].forEach((frequency, i) => {
    const at = start + i * NOTE_S;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'triangle';
    tone.frequency.value = frequency;
    // A soft attack and an exponential fade: a bell, not a beep.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(Math.max(0.0002, 0.3 * volume), at + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_S * 2.5);
    tone.connect(gain).connect(audio.destination);
    tone.start(at);
    tone.stop(at + NOTE_S * 2.6);
  });
}

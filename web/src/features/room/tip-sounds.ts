import { signal } from '@preact/signals';
import type { TipTier } from '../../../../wire/room.ts';

const KEY = 'encore:tip-sounds';
/** Off until the viewer turns them on (one click); remembered on this device. */
export const tipSoundsOn = signal(typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'on');

let context: AudioContext | null = null;

export function setTipSounds(on: boolean): void {
  tipSoundsOn.value = on;
  localStorage.setItem(KEY, on ? 'on' : 'off');
  // Created on the click that turns sounds on: browsers start audio only after a gesture.
  if (on) {
    context ??= new AudioContext();
    void context.resume();
    chime('small');
  }
}

/** Notes per tier: a bigger tip rings longer and higher. Synthesised, so no audio files ship. */
const NOTES: Record<TipTier, number[]> = {
  small: [880],
  medium: [660, 990],
  large: [523, 659, 784, 1047],
  huge: [523, 659, 784, 1047, 1319],
};

/** A short coin-like chime for a tip of this tier, if sounds are on. */
export function chime(tier: TipTier): void {
  if (!tipSoundsOn.value || !context) return;
  const start = context.currentTime;
  NOTES[tier].forEach((hz, i) => {
    const at = start + i * 0.09;
    const tone = context!.createOscillator();
    const gain = context!.createGain();
    tone.type = 'triangle';
    tone.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.18, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
    tone.connect(gain).connect(context!.destination);
    tone.start(at);
    tone.stop(at + 0.4);
  });
}

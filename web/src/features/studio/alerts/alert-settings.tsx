import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { TipEvent } from '../../../../../wire/room.ts';
import type { RoomState } from '../../room/room-state.ts';
import { playChime, spokenTip } from './tip-voice.ts';

type AlertSettings = { voice: boolean; sound: boolean };
const STORED = 'encore.studio.alerts';

function stored(): AlertSettings {
  try {
    const value = JSON.parse(localStorage.getItem(STORED) ?? '{}') as Partial<AlertSettings>;
    return { voice: value.voice === true, sound: value.sound === true };
  } catch {
    return { voice: false, sound: false };
  }
}

/** Both off by default (a studio that suddenly talks is a surprise); remembered on this device. */
export const alertSettings = signal<AlertSettings>(stored());

let audio: AudioContext | undefined;
/** Made (or resumed) on the click that turns sounds on: browsers start audio only after a gesture. */
function audioContext(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume();
  return audio;
}

const canSpeak = () => typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';

function alertFor(tip: TipEvent, settings: AlertSettings): void {
  if (settings.sound) {
    const context = audioContext();
    if (context) playChime(context, tip.tier, 0.8);
  }
  if (settings.voice && canSpeak()) speechSynthesis.speak(new SpeechSynthesisUtterance(spokenTip(tip)));
}

function change(next: Partial<AlertSettings>): void {
  alertSettings.value = { ...alertSettings.value, ...next };
  try {
    localStorage.setItem(STORED, JSON.stringify(alertSettings.value));
  } catch {
    // Not remembered; it holds on this page.
  }
}

/** Plays and speaks each tip that lands while the studio is open (not those from before it opened), once. */
export function useTipAnnouncer(room: RoomState): void {
  const heard = useRef<Set<string> | null>(null);
  useEffect(() => {
    const tips = room.tips.value;
    if (!heard.current) {
      heard.current = new Set(tips.map((t) => t.id));
      return;
    }
    for (const tip of tips) {
      if (heard.current.has(tip.id)) continue;
      heard.current.add(tip.id);
      alertFor(tip, alertSettings.value);
    }
  }, [room.tips.value]);
}

const SAMPLE: TipEvent = {
  id: 'sample',
  amount: 100,
  tier: 'large',
  note: null,
  private: false,
  from: { handle: 'sample', displayName: 'A viewer', role: 'viewer' },
  at: 0,
};

/** The switches for tip sounds and reading tips aloud, with a try-out. */
export function AlertSwitches() {
  const { voice, sound } = alertSettings.value;
  return (
    <fieldset class="group alert-switches">
      <legend class="visually-hidden">Tip alert sounds</legend>
      <label class="alert-switch">
        <input
          type="checkbox"
          checked={sound}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            if (on) audioContext();
            change({ sound: on });
          }}
        />
        <span>Tip sounds</span>
      </label>
      <label class="alert-switch">
        <input
          type="checkbox"
          checked={voice}
          disabled={!canSpeak()}
          onChange={(e) => change({ voice: e.currentTarget.checked })}
        />
        <span>Read tips aloud</span>
      </label>
      <button
        type="button"
        class="button button--ghost button--small"
        disabled={!voice && !sound}
        onClick={() => alertFor(SAMPLE, alertSettings.value)}
      >
        Try
      </button>
    </fieldset>
  );
}

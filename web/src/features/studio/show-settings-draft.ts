import { SHOW_MINIMUM_MINUTES_MAX, SHOW_RATE_MAX, SHOW_RATE_MIN, type ShowSettings } from '../../../../wire/shows.ts';

/**
 * The Paid shows form as typed (numbers as the text in their boxes) and as sent: the form checks what it
 * sends with the same ShowSettings schema as the server, so both name the same field paths.
 */

/** Every number field: its path in ShowSettings (the key of a field error), label, id and hint. */
export const NUMBERS = {
  privateRate: ['Private rate (tokens a minute)', 'shows-private-rate', `${SHOW_RATE_MIN} to ${SHOW_RATE_MAX}`],
  minimumMinutes: [
    'Minimum minutes',
    'shows-minimum',
    `0 to ${SHOW_MINIMUM_MINUTES_MAX}: charged even if the viewer ends sooner (not if you do)`,
  ],
  spyRate: ['Spy rate (tokens a minute)', 'shows-spy-rate', '0 turns spying off'],
  groupRate: ['Group rate (tokens a minute, each)', 'shows-group-rate', `${SHOW_RATE_MIN} to ${SHOW_RATE_MAX}`],
  groupMinimum: ['Minimum participants', 'shows-group-minimum', 'Seats reserved before you can start'],
  camToCamRate: ['Cam-to-cam extra (tokens a minute)', 'shows-c2c-rate', '0 for no extra'],
  'sessionRates.video': ['Video session rate', 'shows-session-video', 'Tokens a minute'],
  'sessionRates.voice': ['Voice-only session rate', 'shows-session-voice', 'Tokens a minute'],
  'sessionRates.chat': ['Chat-only session rate', 'shows-session-chat', 'Tokens a minute'],
} as const satisfies Record<string, readonly [string, string, string]>;
export type NumberPath = keyof typeof NUMBERS;
export const LABELS: Record<string, [string, string]> = Object.fromEntries(
  Object.entries(NUMBERS).map(([path, [label, id]]) => [path, [label, id]]),
);

export type Draft = Omit<ShowSettings, 'privateRate' | 'minimumMinutes' | 'spyRate' | 'groupRate' | 'groupMinimum'> & {
  numbers: Record<NumberPath, string>;
};

export function draftOf(s: ShowSettings): Draft {
  const numbers = {
    privateRate: s.privateRate,
    minimumMinutes: s.minimumMinutes,
    spyRate: s.spyRate,
    groupRate: s.groupRate,
    groupMinimum: s.groupMinimum,
    camToCamRate: s.camToCamRate,
    'sessionRates.video': s.sessionRates.video,
    'sessionRates.voice': s.sessionRates.voice,
    'sessionRates.chat': s.sessionRates.chat,
  };
  return {
    ...s,
    numbers: Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, String(v)])) as Draft['numbers'],
  };
}

/** Whole numbers as typed; anything else becomes NaN, which the schema names as the field's problem. */
const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function settingsOf(d: Draft): ShowSettings {
  const n = (path: NumberPath) => whole(d.numbers[path]);
  return {
    privateOn: d.privateOn,
    privateRate: n('privateRate'),
    minimumMinutes: n('minimumMinutes'),
    spyRate: n('spyRate'),
    groupRate: n('groupRate'),
    groupMinimum: n('groupMinimum'),
    camToCam: d.camToCam,
    camToCamRate: n('camToCamRate'),
    sessionsAvailable: d.sessionsAvailable,
    sessionRates: { video: n('sessionRates.video'), voice: n('sessionRates.voice'), chat: n('sessionRates.chat') },
    publicChatDuringPrivate: d.publicChatDuringPrivate,
  };
}

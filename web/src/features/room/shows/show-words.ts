import type { ShowDeclineReason, ShowEndReason, ShowKind } from '../../../../../wire/shows.ts';

/** Each kind of show in words. */
export const KIND_WORDS: Record<ShowKind, string> = {
  private: 'Private show',
  group: 'Group show',
  'session-video': 'Video session',
  'session-voice': 'Voice session',
  'session-chat': 'Chat session',
};

/** Why a request ended without a show (nothing was charged). */
export const DECLINE_WORDS: Record<ShowDeclineReason, string> = {
  declined: 'declined your request',
  timeout: 'did not answer in time',
  withdrawn: 'request was withdrawn',
  'another-accepted': 'took another request',
};

/** Why a show ended, as both sides are told. */
export const END_WORDS: Record<ShowEndReason, string> = {
  viewer: 'The viewer ended the show.',
  performer: 'The performer ended the show.',
  funds: 'The wallet ran out of tokens for the next minute.',
  billing: 'A minute could not be charged in time, so the show ended at the last paid minute.',
  verification: 'The performer can no longer take paid shows; the minutes so far are settled.',
  offline: 'The performer went offline.',
  moderation: 'The viewer can no longer be in this room.',
  left: 'The connection was lost and did not come back in time; minutes are charged up to the drop.',
  banned: 'The viewer was banned from this room.',
  'show-ended': 'The private show ended.',
};

/** "6 tokens/min". */
export function perMinute(tokens: number): string {
  return `${new Intl.NumberFormat().format(tokens)} ${tokens === 1 ? 'token' : 'tokens'}/min`;
}

/** 125_000 ms → "2 min 5 s". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

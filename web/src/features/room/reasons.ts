import type { RejectReason } from '../../../../wire/room.ts';

/** Each refusal in words, for the chat box and the tip widget. */
export const REASON_WORDS: Record<RejectReason, string> = {
  INSUFFICIENT_FUNDS: 'You do not have enough tokens for that tip.',
  WALLET_FROZEN: 'Tipping is paused on your wallet. Contact support to sort it out.',
  RATE_LIMITED: 'You are sending messages too fast. Wait a few seconds.',
  MUTED: 'You are muted in this room.',
  BANNED: 'You are banned from this room.',
  ROOM_OFFLINE: 'The show is not live right now; tips open when it is.',
  INVALID: 'That could not be sent. Check it and try again.',
  FORBIDDEN: 'You cannot do that here.',
  SIGN_IN_REQUIRED: 'Log in to do that.',
  FILTERED: 'That message contains a word this room does not allow.',
  SLOW_MODE: 'Slow mode is on. Wait a moment before sending again.',
  FOLLOWERS_ONLY: 'Only followers can chat right now.',
  TIPPERS_ONLY: 'Only tippers can chat right now.',
  FAN_CLUB_ONLY: 'Only fan-club members can chat right now.',
  DUPLICATE: 'That was already sent.',
  TRY_AGAIN: 'That did not go through. Try again in a moment.',
  REQUESTS_CLOSED: 'Requests are closed right now.',
  QUEUE_FULL: 'The request queue is full.',
  BELOW_MINIMUM: 'That bump is below the minimum.',
  NOT_FOUND: 'That request is no longer here.',
  ALREADY_DECIDED: 'That request already moved on.',
};

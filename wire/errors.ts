import { z } from 'zod';

/** The closed set of error codes any API response may carry. */
export const ErrorCode = z.enum([
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_SUSPENDED',
  'FORBIDDEN',
  'CROSS_SITE_REQUEST',
  'ACCESS_DENIED',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'HANDLE_TAKEN',
  'UNDERAGE',
  'WEAK_PASSWORD',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INSUFFICIENT_FUNDS',
  'WALLET_FROZEN',
  'IDEMPOTENCY_CONFLICT',
  'PAYOUT_NOT_ALLOWED',
  'INVALID_SIGNATURE',
  /** The payment provider could not be reached or refused to start a checkout. */
  'PAYMENT_PROVIDER_UNAVAILABLE',
  /** An event arrived before the one it depends on (a refund before its payment); send it again later. */
  'RETRY_LATER',
  'METHOD_NOT_ALLOWED',
  /** Nothing is on air in that room (or that track is not live): there is nothing to watch. */
  'NOT_LIVE',
  /** The media server (Realtime SFU) is not configured or could not be reached. */
  'MEDIA_UNAVAILABLE',
  /** The media server refused the session description or a track; the message says which. */
  'MEDIA_REFUSED',
  /** An admin acted on a report (or other case) that someone already closed. */
  'ALREADY_RESOLVED',
  /** The identity verification is in review or approved (or not started) and cannot change that way now. */
  'VERIFICATION_LOCKED',
  /** A stored identity document failed to decrypt (altered or damaged); it was not served. */
  'DOCUMENT_DAMAGED',
  /** A link from an email (verification, password reset, email change) that is unknown, used or expired. */
  'LINK_INVALID',
  /** The email address is already verified. */
  'ALREADY_VERIFIED',
  /** Email address not confirmed yet: may watch and chat, not buy tokens, join a fan club or go live. */
  'EMAIL_UNVERIFIED',
  /** Show reviews: the caller already rated this show (edit it instead). */
  'ALREADY_REVIEWED',
  /** Show reviews: the show is still running; rate it once it has ended. */
  'SHOW_NOT_ENDED',
  /** Show reviews: past the 7 days in which a show can be rated or a review changed (or taken down). */
  'REVIEW_CLOSED',
  /** The room refused the action as it stands (no such person or message any more, a banned user to mute). */
  'INVALID',
  /** The chat message holds a word the platform's or the room's word filter does not allow. */
  'FILTERED',
  /** The account already has as many of these as it may keep (now-playing tokens). */
  'LIMIT_REACHED',
  /** The performer's fan club is off (or was never set up). */
  'FAN_CLUB_CLOSED',
  /** A performer cannot join their own fan club. */
  'OWN_FAN_CLUB',
  /** Paid shows: a show is already requested or running (wire/shows.ts). */
  'SHOW_BUSY',
  /** Cam-to-cam: the viewer's camera is not on (or not published) in this show. */
  'CAM_OFF',
  /** A private or group show runs: the room's camera is not public (thumbnails are not taken). */
  'SHOW_NOT_PUBLIC',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** Per-field messages for forms, keyed by the dotted path of the field. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

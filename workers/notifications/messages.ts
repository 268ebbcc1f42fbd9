import { z } from 'zod';

/**
 * The notification queue's messages. A performer going live sends one `go-live`; the consumer expands
 * it into `go-live-batch` messages of at most RECIPIENTS_PER_BATCH people, each retried on its own.
 */
// D1 binds at most 100 parameters per query, and a batch's reads bind one per recipient plus one.
export const RECIPIENTS_PER_BATCH = 50;

const Show = z.object({
  performerId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  /** The performer id and the show's start: one notice per person per show at most. */
  showId: z.string(),
  title: z.string(),
  /** The site's origin, for the links in emails (the consumer has no request to take it from). */
  origin: z.string(),
});
export type GoLiveShow = z.infer<typeof Show>;

export const QueueMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('go-live'), show: Show }),
  z.object({ type: z.literal('go-live-batch'), show: Show, recipients: z.array(z.string()).max(RECIPIENTS_PER_BATCH) }),
]);
export type QueueMessage = z.infer<typeof QueueMessage>;

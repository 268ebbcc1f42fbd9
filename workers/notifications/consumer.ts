import { database } from '../db/index.ts';
import { log } from '../log.ts';
import { standInsEnabled } from '../stand-ins.ts';
import { deliverBatch, fanOut } from './go-live.ts';
import { QueueMessage } from './messages.ts';

/**
 * `npm run bench:notify` makes this share of first deliveries fail midway (NOTIFY_BENCH_FAIL_PERCENT), on the
 * local stack only, to count duplicates after the retries.
 */
function failsForBench(env: Env, message: Message<unknown>): boolean {
  const percent = Number((env as Env & { NOTIFY_BENCH_FAIL_PERCENT?: string }).NOTIFY_BENCH_FAIL_PERCENT ?? 0);
  if (!percent || message.attempts > 1 || !standInsEnabled(env)) return false;
  let hash = 0;
  for (const ch of message.id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 100 < percent;
}

/** Delay before a failed message is tried again: 10 s, 20 s, 40 s... capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The notification queue's consumer. Each message is acked or retried on its own; after max_retries
 * (wrangler.toml) the queue moves it to the dead-letter queue, where nothing else is lost with it.
 */
export async function consumeNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env);
  for (const message of batch.messages) {
    const parsed = QueueMessage.safeParse(message.body);
    if (!parsed.success) {
      log('error', 'notifications.malformed', { id: message.id });
      message.ack();
      continue;
    }
    try {
      const body = parsed.data;
      if (body.type === 'go-live') await fanOut(env, db, body.show);
      else if (failsForBench(env, message)) {
        // The bench's crash: half the batch delivered, then an error, so the retry must skip that half.
        await deliverBatch(env, db, body.show, body.recipients.slice(0, body.recipients.length / 2));
        throw new Error('bench: the consumer failed midway');
      } else await deliverBatch(env, db, body.show, body.recipients);
      message.ack();
    } catch (error) {
      log('warn', 'notifications.retry', { id: message.id, attempts: message.attempts, error: String(error) });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

import { database } from '../db/index.ts';
import { log } from '../log.ts';
import { deliverBatch, fanOut } from './go-live.ts';
import { QueueMessage } from './messages.ts';

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
      else await deliverBatch(env, db, body.show, body.recipients);
      message.ack();
    } catch (error) {
      log('warn', 'notifications.retry', { id: message.id, attempts: message.attempts, error: String(error) });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

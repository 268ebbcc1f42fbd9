import { v7 } from 'uuid';

/**
 * Ledger ids are UUIDv7: time-ordered, so new transactions and entries land at the end of their
 * B-tree indexes instead of at random pages, which keeps group commits fast as the ledger grows.
 */
export function transactionId(): string {
  return v7();
}

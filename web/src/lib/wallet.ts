import { signal } from '@preact/signals';
import type { WalletResponse } from '../../../wire/money.ts';
import { call, client } from './api-client.ts';

/**
 * The signed-in account's wallet, shared by the header chip and the wallet pages; null until
 * known. Pages that load it publish it here, so every place shows the same balance.
 */
export const wallet = signal<WalletResponse | null>(null);

let inFlight: Promise<void> | null = null;
let lastAsked = 0;
let generation = 0;

/** Fetches the balance (at most once at a time; not again within `minGapMs`). Failures keep what we knew. */
export function refreshWallet(minGapMs = 0): Promise<void> {
  if (inFlight) return inFlight;
  if (Date.now() - lastAsked < minGapMs) return Promise.resolve();
  lastAsked = Date.now();
  const asked = generation;
  const request: Promise<void> = call(client.wallet.$get())
    .then(
      (answer) => {
        if (asked === generation) wallet.value = answer;
      },
      () => undefined,
    )
    .finally(() => {
      if (inFlight === request) inFlight = null;
    });
  inFlight = request;
  return request;
}

export function publishWallet(answer: WalletResponse): void {
  wallet.value = answer;
}

/** Forgets the balance (on sign-out); an answer still in flight is dropped. */
export function forgetWallet(): void {
  generation++;
  inFlight = null;
  lastAsked = 0;
  wallet.value = null;
}

import { signal } from '@preact/signals';

/**
 * Whether this browser has passed the 18+ entry notice. Kept in localStorage, so the notice shows
 * once per browser; where storage is refused (private modes), for this tab only.
 */
const KEY = 'encore.adult-confirmed';

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const adultConfirmed = signal(stored());

export function confirmAdult(): void {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    // Storage refused: the confirmation lasts for this tab.
  }
  adultConfirmed.value = true;
}

/** The pages anyone may read before (or without) entering: what they are asked to agree to. */
export const LEGAL_PATHS = ['/terms', '/privacy', '/2257'];

/**
 * Only one studio tab drives the devices: two would each play every reaction, and a Stop all in one would
 * leave the other running. A Web Lock per performer is held by the tab that connected, for as long as it
 * stays connected (the browser releases it when the tab closes or crashes); another tab that tries gets
 * nothing and says "controlled from another tab".
 */
const lockName = (handle: string) => `encore:devices:${handle}`;

export type TabLock = { release(): void };

/** The lock, or null when another tab holds it. Where the browser has no Web Locks, every tab may drive. */
export function claimDevices(handle: string): Promise<TabLock | null> {
  if (!('locks' in navigator)) return Promise.resolve({ release: () => undefined });
  return new Promise((resolve) => {
    void navigator.locks.request(lockName(handle), { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null);
        return;
      }
      // Held until release() settles this promise.
      return new Promise<void>((release) => resolve({ release: () => release() }));
    });
  });
}

/** Whether some tab of this browser holds the devices now. */
export async function devicesHeldElsewhere(handle: string): Promise<boolean> {
  if (!('locks' in navigator)) return false;
  const state = await navigator.locks.query();
  return (state.held ?? []).some((lock) => lock.name === lockName(handle));
}

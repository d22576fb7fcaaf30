/** Timing helpers of the real-time consumer's loop; pure, so they are unit-tested on their own. */

/**
 * Reconnect pacing: exponential from `baseMs`, capped at `capMs`, with "equal jitter" (half fixed,
 * half random) so a fleet that lost Fortnox together does not return together, yet never spins.
 */
export function reconnectDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A sleep that stop(), refresh() or a lost lock can cut short. A wake with nobody asleep is kept for
 * the next sleep, so a stop() that lands between two awaits is never slept through.
 */
export function wakeableSleep() {
  let wake: (() => void) | null = null;
  let pending = false;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        if (pending) {
          pending = false;
          return resolve();
        }
        const timer = setTimeout(() => done(), ms);
        const done = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
        wake = done;
      }),
    wake: () => {
      if (wake) wake();
      else pending = true;
    },
  };
}

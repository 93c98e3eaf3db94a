/** Reconnection waits this long first, doubling up to `MAX_BACKOFF_MS`. */
export const FIRST_BACKOFF_MS = 250;
export const MAX_BACKOFF_MS = 5000;

export const nextBackoff = (ms: number): number => Math.min(ms * 2, MAX_BACKOFF_MS);

export const seconds = (ms: number): string => `${ms / 1000} s`;

/** Waits `ms`, or less if `signal` aborts meanwhile (a handle being closed). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

import { parseSema } from '@mgmt/resource';

/** A counting semaphore: at most `size` holders at once, FIFO. */
export class Semaphore {
  private held = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.held >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.held--;
    };
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** The graph's named semaphores (`Meta:sema`), each made on first use and shared from then on. */
export class NamedSemaphores {
  private readonly byId = new Map<string, Semaphore>();

  /**
   * The semaphores a vertex holds around check and apply, in one global order (by id), so
   * two vertices never wait for each other's. Unparsable entries cannot reach here: the
   * metaparams schema refuses them.
   */
  for(entries: readonly string[]): Semaphore[] {
    const refs = new Map(entries.flatMap((e) => parseSema(e) ?? []).map((r) => [r.id, r]));
    return [...refs.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => {
        let s = this.byId.get(r.id);
        if (!s) this.byId.set(r.id, (s = new Semaphore(r.size)));
        return s;
      });
  }
}

/** Acquires every lock in order (acquire never throws); the result releases them all, in reverse. */
export async function acquireAll(locks: readonly Semaphore[]): Promise<() => void> {
  const releases: (() => void)[] = [];
  for (const l of locks) releases.push(await l.acquire());
  return () => {
    for (let i = releases.length - 1; i >= 0; i--) releases[i]!();
  };
}

import type { Action, BackendName, PackageOp } from './backend.js';
import { backendNamed } from './detect.js';

/**
 * How long the queue waits, after one macrotask tick, for more applies to join a group:
 * a transaction starts once no pkg check is in flight (a check may be followed by an apply)
 * and nothing joined for this long. The engine starts independent vertices together, so
 * 50 ms catches every pkg resource that became ready at the same moment without delaying a
 * lone one noticeably.
 */
export const GROUP_WINDOW_MS = 50;

/** The longest a first operation waits for others to join (slow checks cannot stall it). */
export const MAX_GROUP_WAIT_MS = 2000;

interface Wish {
  readonly backend: BackendName;
  readonly action: Action;
  readonly op: PackageOp;
  resolve(): void;
  reject(err: unknown): void;
}

/** Runs ONE transaction for a group of operations of one backend and action. */
export type GroupRunner = (backend: BackendName, action: Action, ops: readonly PackageOp[]) => Promise<void>;

const runOnBackend: GroupRunner = (backend, action, ops) => backendNamed(backend).run(action, ops);

/**
 * Package operations of this process, one at a time (a package manager holds a host-wide
 * lock anyway), grouped: operations with the same backend and action that wait together run
 * as one transaction (`apt-get install a b c`), as the Go mgmt's autogrouping does. When a
 * group fails, its members are retried one by one, so each error lands on its own resource.
 */
export class PackageQueue {
  #pending: Wish[] = [];
  #busy = false;
  #scheduled = false;
  #checks = 0;
  #firstAt = 0;
  #lastActivity = 0;

  constructor(
    private readonly runGroup: GroupRunner = runOnBackend,
    private readonly windowMs = GROUP_WINDOW_MS,
    private readonly maxWaitMs = MAX_GROUP_WAIT_MS,
  ) {}

  /** Runs a pkg check, counted as in flight: a group about to start waits for it, since its apply may join. */
  async whileChecking<T>(fn: () => Promise<T>): Promise<T> {
    this.#checks++;
    try {
      return await fn();
    } finally {
      this.#checks--;
      this.#lastActivity = Date.now();
    }
  }

  /** Resolves when the operation's transaction succeeded. An aborted signal withdraws a wish that has not started. */
  enqueue(backend: BackendName, action: Action, op: PackageOp, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const withdraw = (): void => {
        const i = this.#pending.indexOf(wish);
        if (i < 0) return;
        this.#pending.splice(i, 1);
        reject(signal?.reason);
      };
      // The listener goes when the wish settles: a vertex's signal outlives many applies.
      const settle = <A extends unknown[]>(fn: (...a: A) => void) => (...a: A): void => {
        signal?.removeEventListener('abort', withdraw);
        fn(...a);
      };
      const wish: Wish = { backend, action, op, resolve: settle(resolve), reject: settle(reject) };
      if (this.#pending.length === 0) this.#firstAt = Date.now();
      this.#lastActivity = Date.now();
      this.#pending.push(wish);
      signal?.addEventListener('abort', withdraw, { once: true });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#busy || this.#scheduled || this.#pending.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#wait(this.windowMs));
  }

  #wait(ms: number): void {
    setTimeout(() => {
      const now = Date.now();
      const quiet = this.#checks === 0 && now - this.#lastActivity >= this.windowMs;
      if (!quiet && now - this.#firstAt < this.maxWaitMs) {
        this.#wait(this.#checks > 0 ? 10 : Math.max(1, this.windowMs - (now - this.#lastActivity)));
        return;
      }
      this.#scheduled = false;
      void this.#drain();
    }, ms);
  }

  async #drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      // Wishes that arrive while a transaction runs wait for it, then form the next group.
      for (let first = this.#pending[0]; first; first = this.#pending[0]) {
        const same = (w: Wish): boolean => w.backend === first!.backend && w.action === first!.action;
        const group = this.#pending.filter(same).sort((a, b) => (a.op.name < b.op.name ? -1 : a.op.name > b.op.name ? 1 : 0));
        this.#pending = this.#pending.filter((w) => !same(w));
        await this.#run(group);
      }
    } finally {
      this.#busy = false;
    }
  }

  async #run(group: readonly Wish[]): Promise<void> {
    const { backend, action } = group[0]!;
    try {
      await this.runGroup(backend, action, group.map((w) => w.op));
      for (const w of group) w.resolve();
      return;
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
    }
    for (const w of group) {
      try {
        await this.runGroup(backend, action, [w.op]);
        w.resolve();
      } catch (err) {
        w.reject(err);
      }
    }
  }
}

/** The one queue of this process: every pkg resource's apply goes through it. */
export const packageQueue = new PackageQueue();

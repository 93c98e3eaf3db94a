import type { ExportedResource } from '@mgmt/engine';
import type { Etcd3 } from 'etcd3';
import { describe, isConnectionError, isLeaseGone, isPermissionDenied } from './errors.js';
import { hostPrefix } from './keys.js';
import type { LeaseKeeper } from './lease.js';
import type { Settings } from './options.js';
import { planExports, replaceExports, type Put } from './publish.js';

/** What the exporter needs to know of its world handle. */
export interface ExporterHost {
  /** Whether etcd is believed to answer; when not, exports are only recorded. */
  reachable(): boolean;
  /** A write found etcd not answering. */
  lost(err: unknown): void;
}

/**
 * A handle's exports: what each host asked for last, written one host-set at a time in call
 * order, and put again whenever they may have gone missing (a new lease, a reconnection).
 */
export class Exporter {
  /** Each host's exports as last asked for. */
  private readonly wanted = new Map<string, readonly Put[]>();
  /** Hosts whose wanted exports may not be in etcd yet (asked for while unreachable). */
  private readonly pending = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Etcd3,
    private readonly s: Settings,
    private readonly lease: LeaseKeeper,
    private readonly host: ExporterHost,
  ) {}

  /** See `EtcdWorld.export`. */
  export(host: string, resources: readonly ExportedResource[]): Promise<void> {
    let puts: Put[];
    try {
      puts = planExports(this.s.prefix, host, resources, this.s.maxExportBytes);
    } catch (err) {
      return Promise.reject(err);
    }
    // Not queued behind writes that may each wait out a timeout: recorded now, put on reconnection.
    if (!this.host.reachable()) {
      this.want(host, puts, true);
      return Promise.resolve();
    }
    return this.enqueue(async () => {
      if (!this.host.reachable()) return this.want(host, puts, true);
      try {
        await this.write(host, puts);
        this.want(host, puts, false);
      } catch (err) {
        if (!isConnectionError(err)) throw this.explain(err, host);
        this.want(host, puts, true);
        this.host.lost(err);
      }
    });
  }

  /** Whether some exports were asked for while etcd was away and are not written yet. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Puts every host's wanted exports again. Throws on a connection error (the caller retries);
   * a host whose exports etcd refuses is logged and forgotten.
   */
  async republish(): Promise<void> {
    for (const [host, puts] of [...this.wanted]) {
      try {
        await this.write(host, puts);
      } catch (err) {
        if (isConnectionError(err)) throw err;
        this.s.log('error', `${this.explain(err, host).message}; dropping those exports`);
        this.wanted.delete(host);
        continue;
      }
      if (this.wanted.get(host) === puts) this.want(host, puts, false);
    }
  }

  /** `republish` after every queued write, for callers that do not wait. */
  republishLater(): void {
    this.enqueue(() => this.republish()).catch((err: unknown) => {
      if (isConnectionError(err)) this.host.lost(err);
      else this.s.log('error', `world: ${describe(err)}`);
    });
  }

  /** Resolves when every queued write is done. */
  drain(): Promise<void> {
    return this.queue;
  }

  /** Writes one host's exports, granting a new lease once if etcd no longer knows ours. */
  private async write(host: string, puts: readonly Put[]): Promise<void> {
    const lease = await this.lease.ensure();
    try {
      await replaceExports(this.client, this.s.prefix, host, puts, lease);
    } catch (err) {
      if (!isLeaseGone(err)) throw err;
      this.lease.forget(lease);
      await replaceExports(this.client, this.s.prefix, host, puts, await this.lease.ensure());
    }
  }

  /** Records `host`'s exports; `pending`: not (yet) known to be in etcd. */
  private want(host: string, puts: readonly Put[], pending: boolean): void {
    if (pending) {
      this.wanted.set(host, puts);
      this.pending.add(host);
      return;
    }
    this.pending.delete(host);
    // An empty list, once written, owes nothing more.
    if (puts.length === 0) this.wanted.delete(host);
    else this.wanted.set(host, puts);
  }

  /** Runs `job` after every earlier one; a failed job never blocks the ones after it. */
  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job);
    this.queue = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /** etcd's refusal in words that name the hosts and what happened to the exports. */
  private explain(err: unknown, host: string): Error {
    if (isPermissionDenied(err)) {
      const who = this.s.hostname === host ? `host ${host} may not write its exports` : `host ${this.s.hostname} may not export as ${host}`;
      return new Error(`world: ${who}: etcd refused the write to ${hostPrefix(this.s.prefix, host)} (permission denied); ${host}'s exports are unchanged`);
    }
    if (err instanceof Error && /too many operations in txn/.test(err.message)) {
      return new Error(`world: etcd refused the exports of ${host}: ${describe(err)}; raise etcd's --max-txn-ops (one key per resource and recipient)`);
    }
    return new Error(`world: writing the exports of ${host} failed: ${describe(err)}`);
  }
}

import { makeCollection, type CollectFilter, type Collection, type ExportedResource, type World } from '@mgmt/engine';
import { Range, type Etcd3, type IWatchResponse } from 'etcd3';
import { FIRST_BACKOFF_MS, nextBackoff, seconds, sleep } from './backoff.js';
import { createClient } from './client.js';
import { describe, isConnectionError } from './errors.js';
import { Exporter } from './exporter.js';
import { ExportsMirror } from './exports-mirror.js';
import { exportedPrefix, kvKey, kvPrefix } from './keys.js';
import { KvMirror } from './kv-mirror.js';
import { LeaseKeeper } from './lease.js';
import { settings, type EtcdWorldOptions, type Settings } from './options.js';
import { watchPrefix, type PrefixWatch } from './prefix-watch.js';
import { StatusCell, type WorldStatus } from './status.js';

/** How long `connectEtcdWorld` keeps trying before it gives up. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The world over etcd (see the README for the key layout and the failure behaviour).
 *
 * - Exports: `export(host, list)` replaces all of `host`'s keys in one transaction, attached
 *   to this handle's lease. `close()` revokes the lease, so a cleanly stopped host's exports
 *   vanish at once; a killed host's expire `leaseTtl` seconds after its last keep-alive.
 * - Collections: one watch on `exported/` feeds a copy of it that moves one whole watch
 *   response at a time; every collection of this handle is computed from that copy.
 * - Faults: when etcd stops answering, `status` turns 'unreachable' (logged once) and
 *   collections keep their last snapshot; the handle retries with backoff, then puts its
 *   exports again, re-reads everything at a fresh revision and tells collections what changed.
 */
export class EtcdWorld implements World {
  readonly hostname: string;
  private readonly s: Settings;
  private readonly client: Etcd3;
  private readonly exports: ExportsMirror;
  private readonly kv: KvMirror;
  private readonly lease: LeaseKeeper;
  private readonly collections = new Set<() => void>();
  private readonly state: StatusCell;
  private readonly exporter: Exporter;
  private watches: PrefixWatch[] = [];
  /** Bumped by each sync; callbacks of older watches are ignored. */
  private generation = 0;
  private watchBroken = false;
  private reconnecting: Promise<void> | undefined;
  /** Connected once: from then on a lost connection is retried in the background. */
  private live = false;
  private closed = false;
  private readonly stopSleeping = new AbortController();

  private constructor(opts: EtcdWorldOptions) {
    this.s = settings(opts);
    this.hostname = this.s.hostname;
    this.client = createClient(opts);
    const listenerError = (err: unknown): void => this.s.log('error', `world: a listener threw: ${describe(err)}`);
    this.state = new StatusCell(listenerError);
    this.exports = new ExportsMirror(this.s.prefix, (msg) => this.s.log('warn', msg));
    this.kv = new KvMirror(kvPrefix(this.s.prefix), listenerError);
    this.lease = new LeaseKeeper(
      this.client,
      this.s.leaseTtl,
      (id) => {
        this.s.log('warn', `world: lease ${id} is gone (expired or revoked); granting a new one and putting the exports again`);
        this.exporter.republishLater();
      },
      (err) => this.lost(err),
    );
    this.exporter = new Exporter(this.client, this.s, this.lease, { reachable: () => this.state.value === 'connected', lost: (err) => this.lost(err) });
  }

  /** Connects, reads the world once, and starts watching; see `connectEtcdWorld`. */
  static async connect(opts: EtcdWorldOptions): Promise<EtcdWorld> {
    const world = new EtcdWorld(opts);
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    for (let delay = FIRST_BACKOFF_MS; ; delay = nextBackoff(delay)) {
      try {
        await world.sync();
        break;
      } catch (err) {
        const left = deadline - Date.now();
        if (isConnectionError(err) && left > 0) {
          await sleep(Math.min(delay, left), world.stopSleeping.signal);
          continue;
        }
        world.shutDown();
        const where = opts.endpoints.join(', ');
        throw new Error(
          isConnectionError(err)
            ? `world: cannot reach etcd at ${where} (gave up after ${seconds(CONNECT_TIMEOUT_MS)}): ${describe(err)}`
            : `world: etcd at ${where} refused ${opts.auth ? `user ${opts.auth.username}` : 'this client'}: ${describe(err)}`,
        );
      }
    }
    world.state.set('connected');
    world.live = true;
    world.lease.start();
    return world;
  }

  /** 'unreachable' while etcd does not answer; collections then keep their last snapshot. */
  get status(): WorldStatus {
    return this.state.value;
  }

  /** Calls `listener` with each new status; returns the unsubscribe. */
  onStatus(listener: (status: WorldStatus) => void): () => void {
    return this.state.on(listener);
  }

  /**
   * Replaces every export of `host`. Rejects when a resource is over `maxExportBytes` or etcd
   * refuses the write (e.g. a host writing another's exports under access control). While
   * etcd is unreachable it resolves at once: the exports are put when it answers again.
   */
  export(host: string, resources: readonly ExportedResource[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('world: export() after close()'));
    return this.exporter.export(host, resources);
  }

  collect(kind: string, filter?: CollectFilter): Collection {
    const snapshot = () => {
      const all = this.exports.visible(kind, this.hostname);
      return filter ? all.filter(filter) : all;
    };
    return makeCollection(snapshot, (onChange) => {
      this.collections.add(onChange);
      return () => this.collections.delete(onChange);
    });
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const res = await this.client.kv.range({ key: Buffer.from(kvKey(this.s.prefix, key)) });
      return res.kvs[0]?.value.toString();
    } catch (err) {
      throw this.kvError(err, `read ${key}`);
    }
  }

  async set(key: string, value: string | undefined): Promise<void> {
    const k = Buffer.from(kvKey(this.s.prefix, key));
    try {
      if (value === undefined) await this.client.kv.deleteRange({ key: k });
      else await this.client.kv.put({ key: k, value: Buffer.from(value) });
    } catch (err) {
      throw this.kvError(err, `write ${key}`);
    }
  }

  watch(key: string, listener: (value: string | undefined) => void): () => void {
    return this.kv.watch(key, listener);
  }

  /**
   * Ends every collection and watch of this handle. By default it also revokes the lease, so
   * its exports vanish from every host at once; `{ withdraw: false }` leaves them to expire
   * after `leaseTtl` instead, which lets an agent restarted within that time take them over
   * (its new lease re-puts the same keys) without collectors seeing them go.
   */
  async close(opts: { withdraw?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopSleeping.abort();
    this.lease.stop();
    this.dropWatches();
    this.collections.clear();
    this.kv.clear();
    await this.exporter.drain();
    if (opts.withdraw !== false && this.state.value === 'connected') {
      await this.lease.revoke().catch((err: unknown) => this.s.log('warn', `world: could not revoke the lease on close (exports expire after ${this.s.leaseTtl} s): ${describe(err)}`));
    }
    this.state.clear();
    this.shutDown();
  }

  /**
   * Puts what this handle owes, reads `exported/` and `kv/` and watches both from just past
   * that read. Throws if any step fails; the caller retries.
   */
  private async sync(): Promise<void> {
    this.dropWatches();
    const generation = ++this.generation;
    this.watchBroken = false;
    await this.exporter.republish();
    const exportsRange = Range.prefix(exportedPrefix(this.s.prefix));
    const kvRange = Range.prefix(kvPrefix(this.s.prefix));
    const [exported, kv] = await Promise.all([
      this.client.kv.range({ key: exportsRange.start, range_end: exportsRange.end }),
      this.client.kv.range({ key: kvRange.start, range_end: kvRange.end }),
    ]);
    // Fill the copies before the watches start: a watch response may arrive in the very tick
    // the watch is confirmed, and must land on top of the read, not be wiped by it.
    this.exports.reset(exported.kvs);
    this.kv.reset(kv.kvs);
    const next = (rev: string): string => (BigInt(rev) + 1n).toString();
    const broke = (err: unknown): void => {
      if (generation !== this.generation) return;
      this.watchBroken = true;
      this.lost(err);
    };
    const started = await Promise.allSettled([
      watchPrefix(this.client, exportedPrefix(this.s.prefix), next(exported.header.revision), (res) => this.onExports(generation, res), broke),
      watchPrefix(this.client, kvPrefix(this.s.prefix), next(kv.header.revision), (res) => this.onKv(generation, res), broke),
    ]);
    this.watches = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (this.watchBroken) throw new Error('a watch broke while starting');
    this.notifyCollections();
  }

  private onExports(generation: number, res: IWatchResponse): void {
    if (generation !== this.generation || this.closed) return;
    for (const ev of res.events) {
      if (ev.type === 'Put') this.exports.put(ev.kv);
      else this.exports.delete(ev.kv);
    }
    if (res.events.length > 0) this.notifyCollections();
  }

  private onKv(generation: number, res: IWatchResponse): void {
    if (generation !== this.generation || this.closed) return;
    for (const ev of res.events) {
      if (ev.type === 'Put') this.kv.put(ev.kv);
      else this.kv.delete(ev.kv);
    }
  }

  private notifyCollections(): void {
    for (const onChange of [...this.collections]) {
      try {
        onChange();
      } catch (err) {
        this.s.log('error', `world: a collection listener threw: ${describe(err)}`);
      }
    }
  }

  /** etcd stopped answering: say so once, keep the last snapshots, and start reconnecting. */
  private lost(err: unknown): void {
    if (this.closed || !this.live) return;
    if (this.state.value === 'connected') {
      this.dropWatches();
      this.state.set('unreachable');
      this.s.log('warn', `world unreachable: ${describe(err)}; retrying in ${seconds(FIRST_BACKOFF_MS)}`);
    }
    this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined));
  }

  private async reconnect(): Promise<void> {
    let reported = '';
    for (let delay = FIRST_BACKOFF_MS; !this.closed; delay = nextBackoff(delay)) {
      await sleep(delay, this.stopSleeping.signal);
      if (this.closed) return;
      try {
        await this.sync();
      } catch (err) {
        // Connection errors were reported when the connection was lost; anything else
        // (a permission taken away, say) is worth saying, once per distinct message.
        if (!isConnectionError(err) && describe(err) !== reported) {
          reported = describe(err);
          this.s.log('error', `world: etcd refused the reconnection: ${reported}; retrying`);
        }
        continue;
      }
      if (this.closed) return;
      this.state.set('connected');
      this.s.log('info', 'world reachable again; exports put back and collections re-read');
      this.lease.start();
      // Exports asked for while the sync ran (the status was still 'unreachable').
      if (this.exporter.hasPending) this.exporter.republishLater();
      return;
    }
  }

  private kvError(err: unknown, what: string): Error {
    if (!isConnectionError(err)) return err instanceof Error ? err : new Error(String(err));
    this.lost(err);
    return new Error(`world unreachable: cannot ${what}: ${describe(err)}`);
  }

  private dropWatches(): void {
    for (const w of this.watches) w.cancel();
    this.watches = [];
  }

  private shutDown(): void {
    this.lease.stop();
    this.dropWatches();
    this.client.close();
  }
}

/**
 * Connects to etcd and returns a live world handle. Rejects with a message naming the
 * endpoints if etcd does not answer within a few seconds, or refuses the credentials.
 */
export const connectEtcdWorld = (opts: EtcdWorldOptions): Promise<EtcdWorld> => EtcdWorld.connect(opts);

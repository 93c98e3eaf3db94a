import { castGrpcError, EtcdLeaseInvalidError, type Etcd3 } from 'etcd3';
import { CALL_TIMEOUT_MS } from './client.js';

/**
 * The one lease a handle attaches all its exports to. Granted on first use, refreshed every
 * third of its TTL (what etcd's Go client does). When etcd says it is gone (it expired while
 * we could not reach etcd, or someone revoked it), `onLost` runs so the owner can re-put its
 * exports under a new one; any other keep-alive failure goes to `onTrouble`.
 */
export class LeaseKeeper {
  private id: string | undefined;
  private granting: Promise<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly client: Etcd3,
    private readonly ttl: number,
    private readonly onLost: (id: string) => void,
    private readonly onTrouble: (err: unknown) => void,
  ) {}

  /** The current lease's id, granting one first if there is none. */
  ensure(): Promise<string> {
    if (this.id !== undefined) return Promise.resolve(this.id);
    this.granting ??= this.client.leaseClient
      .leaseGrant({ TTL: this.ttl })
      .then((res) => {
        this.id = res.ID;
        return res.ID;
      })
      .finally(() => (this.granting = undefined));
    return this.granting;
  }

  /** Drops the lease id after etcd refused it, so the next `ensure()` grants a new one. */
  forget(id: string): void {
    if (this.id === id) this.id = undefined;
  }

  /** Starts the keep-alive loop (idempotent). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), (this.ttl * 1000) / 3);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Refreshes the lease once; false if etcd says it is gone (then it is forgotten). */
  async keepAlive(): Promise<boolean> {
    const id = this.id;
    if (id === undefined) return true;
    const stream = await this.client.leaseClient.leaseKeepAlive({ deadline: Date.now() + CALL_TIMEOUT_MS });
    const ttl = await new Promise<string>((resolve, reject) => {
      stream.on('data', (res) => resolve(res.TTL));
      stream.on('error', (err) => reject(castGrpcError(err)));
      stream.on('end', () => reject(new Error('lease keep-alive stream ended without an answer')));
      stream.write({ ID: id });
    }).finally(() => stream.end());
    // etcd answers TTL 0 for a lease it does not know (expired or revoked).
    if (ttl !== '0') return true;
    this.forget(id);
    return false;
  }

  private async tick(): Promise<void> {
    const id = this.id;
    // A slow answer must not pile up keep-alives behind it.
    if (id === undefined || this.ticking) return;
    this.ticking = true;
    try {
      if (!(await this.keepAlive())) this.onLost(id);
    } catch (err) {
      if (err instanceof EtcdLeaseInvalidError) {
        this.forget(id);
        this.onLost(id);
      } else this.onTrouble(err);
    } finally {
      this.ticking = false;
    }
  }

  /** Revokes the lease: every key attached to it is deleted at once. */
  async revoke(): Promise<void> {
    this.stop();
    const id = this.id;
    this.id = undefined;
    if (id === undefined) return;
    try {
      await this.client.leaseClient.leaseRevoke({ ID: id }, { deadline: Date.now() + 2000 });
    } catch (err) {
      if (!(err instanceof EtcdLeaseInvalidError)) throw err;
    }
  }
}

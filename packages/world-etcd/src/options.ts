/** How an `EtcdWorld` reaches etcd and how it behaves there. */
export interface EtcdWorldOptions {
  /** The host this handle collects for (`to` lists are matched against it). */
  hostname: string;
  /** etcd client URLs, e.g. `['http://127.0.0.1:23790']`; all `http://` or all `https://`. */
  endpoints: readonly string[];
  /** The key prefix of this cluster, so several clusters can share one etcd. Default `/mgmt`. */
  prefix?: string;
  /**
   * Seconds a host's exports outlive its last keep-alive (they are attached to one lease per
   * handle). Default 10. etcd raises anything below its minimum (2 s with default timings).
   */
  leaseTtl?: number;
  /** PEM files: `ca` checks the server; `cert` + `key` authenticate this client. */
  tls?: { ca?: string; cert?: string; key?: string };
  /** etcd user and password (see `grantHostRole`). */
  auth?: { username: string; password: string };
  /** Bytes of one exported resource's stored JSON; a larger one makes `export()` reject. Default 64 KiB. */
  maxExportBytes?: number;
  /** Where notable events go: lost and regained connections, leases, skipped bad data. */
  log?: (level: 'info' | 'warn' | 'error', msg: string) => void;
}

/** The options with every default filled in. */
export interface Settings {
  readonly hostname: string;
  readonly prefix: string;
  readonly leaseTtl: number;
  readonly maxExportBytes: number;
  readonly log: (level: 'info' | 'warn' | 'error', msg: string) => void;
}

export const DEFAULT_PREFIX = '/mgmt';
export const DEFAULT_LEASE_TTL = 10;
export const DEFAULT_MAX_EXPORT_BYTES = 64 * 1024;

export function settings(opts: EtcdWorldOptions): Settings {
  if (opts.endpoints.length === 0) throw new Error('EtcdWorld: `endpoints` is empty; give at least one etcd client URL');
  const leaseTtl = opts.leaseTtl ?? DEFAULT_LEASE_TTL;
  if (!Number.isInteger(leaseTtl) || leaseTtl < 1) throw new Error(`EtcdWorld: leaseTtl must be a whole number of seconds >= 1, not ${leaseTtl}`);
  return {
    hostname: opts.hostname,
    // A trailing slash would give `//exported`; one form keeps every key predictable.
    prefix: (opts.prefix ?? DEFAULT_PREFIX).replace(/\/+$/, ''),
    leaseTtl,
    maxExportBytes: opts.maxExportBytes ?? DEFAULT_MAX_EXPORT_BYTES,
    log: opts.log ?? (() => {}),
  };
}

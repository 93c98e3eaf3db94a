import type { ExportedResource } from '@mgmt/engine';
import { Range, type Etcd3, type IRequestOp } from 'etcd3';
import { encodeValue } from './codec.js';
import { EVERY_HOST, exportKey, hostPrefix } from './keys.js';

/** One key to put for an export: a resource with a `to` list gives one per recipient. */
export interface Put {
  readonly key: string;
  readonly value: string;
}

/**
 * The keys and values for `host`'s exports. Rejects a value over `maxBytes`, naming the
 * resource: etcd would refuse the whole transaction (over its request limit) with a message
 * that names nothing.
 */
export function planExports(prefix: string, host: string, resources: readonly ExportedResource[], maxBytes: number): Put[] {
  const puts = new Map<string, Put>();
  for (const r of resources) {
    const value = encodeValue(r);
    const bytes = Buffer.byteLength(value);
    if (bytes > maxBytes) {
      throw new Error(`world: cannot export ${r.kind}[${r.name}] from ${host}: it is ${bytes} bytes as JSON, over the limit of ${maxBytes} (maxExportBytes)`);
    }
    // Same kind, name and recipient twice: the later one wins (etcd refuses one key twice in a transaction).
    for (const to of r.to ?? [EVERY_HOST]) {
      const key = exportKey(prefix, host, to, r.kind, r.name);
      puts.set(key, { key, value });
    }
  }
  return [...puts.values()];
}

/** How often a replace is tried again when another writer changed the host's keys in between. */
const ATTEMPTS = 5;

/**
 * Replaces every key under `host`'s prefix with `puts`, attached to `lease`, in ONE
 * transaction, so a collector sees the old set or the new one, never a mix. etcd refuses a
 * transaction whose put falls inside one of its delete ranges, so instead of deleting the
 * whole prefix this deletes the keys read at revision R that are not put again, guarded by
 * "nothing under the prefix changed after R" (else it reads again).
 */
export async function replaceExports(client: Etcd3, prefix: string, host: string, puts: readonly Put[], lease: string): Promise<void> {
  const range = Range.prefix(hostPrefix(prefix, host));
  const keep = new Set(puts.map((p) => p.key));
  for (let attempt = 1; ; attempt++) {
    const now = await client.kv.range({ key: range.start, range_end: range.end, keys_only: true });
    const deletes: IRequestOp[] = now.kvs
      .filter((kv) => !keep.has(kv.key.toString()))
      .map((kv) => ({ request_delete_range: { key: kv.key } }));
    const writes: IRequestOp[] = puts.map((p) => ({ request_put: { key: Buffer.from(p.key), value: Buffer.from(p.value), lease } }));
    const res = await client.kv.txn({
      compare: [{ key: range.start, range_end: range.end, target: 'Mod', result: 'Less', mod_revision: (BigInt(now.header.revision) + 1n).toString() }],
      success: [...deletes, ...writes],
      failure: [],
    });
    if (res.succeeded) return;
    if (attempt === ATTEMPTS) throw new Error(`world: the exports of ${host} kept changing under this handle (${ATTEMPTS} tries); is another agent running as ${host}?`);
  }
}

import { byHostName, type CollectedResource } from '@mgmt/engine';
import type { IKeyValue } from 'etcd3';
import { decodeValue, type StoredValue } from './codec.js';
import { EVERY_HOST, parseExportKey, shortKey, type ExportKey } from './keys.js';

interface Entry {
  readonly key: ExportKey;
  readonly value: StoredValue;
}

/**
 * This handle's copy of everything under `exported/`, as of one etcd revision: filled from a
 * range read, then moved forward one whole watch response at a time, so a snapshot is never
 * taken from half a transaction. Unusable keys are left out, each logged once per version.
 */
export class ExportsMirror {
  private entries = new Map<string, Entry>();
  /** Unusable key → the mod revision whose problem was logged (so it is said once). */
  private readonly warned = new Map<string, string>();

  constructor(
    private readonly prefix: string,
    private readonly warn: (msg: string) => void,
  ) {}

  /** Replaces everything with a range read's result. */
  reset(kvs: readonly IKeyValue[]): void {
    this.entries = new Map();
    for (const kv of kvs) this.put(kv);
  }

  put(kv: IKeyValue): void {
    const key = kv.key.toString();
    const parsed = parseExportKey(this.prefix, key);
    const value = typeof parsed === 'string' ? parsed : decodeValue(parsed, kv.value.toString());
    if (typeof parsed !== 'string' && typeof value !== 'string') {
      this.entries.set(key, { key: parsed, value });
      this.warned.delete(key);
      return;
    }
    this.entries.delete(key);
    if (this.warned.get(key) !== kv.mod_revision) {
      this.warned.set(key, kv.mod_revision);
      this.warn(`ignoring ${shortKey(this.prefix, key)}: ${typeof parsed === 'string' ? parsed : value}`);
    }
  }

  delete(kv: IKeyValue): void {
    const key = kv.key.toString();
    this.entries.delete(key);
    this.warned.delete(key);
  }

  /** The exports of `kind` that `host` may collect, sorted by exporter, then name. */
  visible(kind: string, host: string): CollectedResource[] {
    const out: CollectedResource[] = [];
    for (const { key, value } of this.entries.values()) {
      if (key.kind !== kind || (key.to !== EVERY_HOST && key.to !== host)) continue;
      out.push({ host: key.from, kind, name: key.name, params: value.params });
    }
    return out.sort(byHostName);
  }
}

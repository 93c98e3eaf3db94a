import type { ExportedResource, Params } from '@mgmt/engine';
import { EVERY_HOST, type ExportKey } from './keys.js';

/**
 * The stored value of one exported key: versioned JSON, so a later layout can be told apart
 * and skipped by an older agent instead of misread.
 */
export const VALUE_VERSION = 1;

export interface StoredValue {
  readonly v: typeof VALUE_VERSION;
  readonly kind: string;
  readonly name: string;
  readonly params: Params;
  readonly to?: readonly string[];
}

export const encodeValue = (r: ExportedResource): string =>
  JSON.stringify({ v: VALUE_VERSION, kind: r.kind, name: r.name, params: r.params, ...(r.to ? { to: r.to } : {}) } satisfies StoredValue);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isHostList = (v: unknown): v is string[] => Array.isArray(v) && v.every((h) => typeof h === 'string');

/** Freezes a parsed value all the way down: snapshots hand out these objects, never copies. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

/**
 * Reads a stored value and checks it against its key. A string is the reason it is unusable;
 * one bad value must never hide the others, so this never throws.
 */
export function decodeValue(key: ExportKey, raw: string): StoredValue | string {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return 'malformed JSON';
  }
  if (!isPlainObject(v)) return 'value is not a JSON object';
  if (v.v !== VALUE_VERSION) return `unknown value version ${JSON.stringify(v.v)} (this agent reads v${VALUE_VERSION})`;
  if (typeof v.kind !== 'string' || typeof v.name !== 'string') return 'kind or name missing';
  if (!isPlainObject(v.params)) return 'params is not an object';
  if (v.kind !== key.kind || v.name !== key.name) return `value names ${v.kind}[${v.name}] but the key names ${key.kind}[${key.name}]`;
  const to: unknown = v.to;
  if (to !== undefined && !isHostList(to)) return '`to` is not a list of host names';
  if (key.to === EVERY_HOST ? to !== undefined : !to?.includes(key.to)) return `key is for ${key.to === EVERY_HOST ? 'every host' : `host ${key.to}`} but the value's \`to\` is ${JSON.stringify(to ?? null)}`;
  return deepFreeze({ v: VALUE_VERSION, kind: v.kind, name: v.name, params: v.params, ...(to ? { to } : {}) });
}

/**
 * The key layout, from-host first so that one prefix holds everything a host wrote (and an
 * etcd role can grant a host exactly that prefix):
 *
 *   <prefix>/exported/<from>/<to|*>/<kind>/<name>   one key per recipient of a resource
 *   <prefix>/kv/<key>                               the small key-value API
 *
 * Segments are percent-encoded, so a `/` in a name cannot shift the layout; `*` is encoded
 * too, so the literal `*` segment only ever means "every host".
 */

export const EVERY_HOST = '*';

export const encodeSegment = (s: string): string => encodeURIComponent(s).replace(/\*/g, '%2A');

export const exportedPrefix = (prefix: string): string => `${prefix}/exported/`;

/** Everything `from` exported, to anyone. */
export const hostPrefix = (prefix: string, from: string): string => `${exportedPrefix(prefix)}${encodeSegment(from)}/`;

export const exportKey = (prefix: string, from: string, to: string, kind: string, name: string): string =>
  `${hostPrefix(prefix, from)}${to === EVERY_HOST ? EVERY_HOST : encodeSegment(to)}/${encodeSegment(kind)}/${encodeSegment(name)}`;

export const kvPrefix = (prefix: string): string => `${prefix}/kv/`;

export const kvKey = (prefix: string, key: string): string => `${kvPrefix(prefix)}${key}`;

/** What an exported key names; `to` is `*` for every host. */
export interface ExportKey {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly name: string;
}

/** Parses a key under `exportedPrefix`; a string says why it is not one of ours. */
export function parseExportKey(prefix: string, key: string): ExportKey | string {
  const base = exportedPrefix(prefix);
  if (!key.startsWith(base)) return 'not under exported/';
  const parts = key.slice(base.length).split('/');
  if (parts.length !== 4) return `key has ${parts.length} segments, not 4 (<from>/<to|*>/<kind>/<name>)`;
  try {
    const [from, to, kind, name] = parts.map(decodeURIComponent) as [string, string, string, string];
    return { from, to, kind, name };
  } catch {
    return 'key is not percent-encoded';
  }
}

/** The key relative to the prefix, for log lines (`exported/b/*\/file/x`). */
export const shortKey = (prefix: string, key: string): string => (key.startsWith(`${prefix}/`) ? key.slice(prefix.length + 1) : key);

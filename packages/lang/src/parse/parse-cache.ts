import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopStmt } from '../ast/nodes.js';

/**
 * A content-addressed cache of parsed files on disk: `<dir>/ast/<key>.json`, where the key is
 * the sha256 of the cache format, the parser's identity (package and Ohm versions, grammar,
 * the code that builds the AST) and the file's text. Only files that parsed cleanly are
 * stored, and only their statements: every span is a 0-based offset into the text, and the
 * path is attached again when an entry is read, so one entry serves the same text under any
 * path.
 *
 * Everything here is best effort: a missing, unreadable or malformed entry is a miss, and a
 * cache dir that cannot be created or written never fails a compile.
 */

/** Bump when the layout of an entry, or the AST it holds, changes in a way code can't see. */
export const CACHE_FORMAT = 4;

/** Entries kept before `prune` removes the least recently used ones. */
export const MAX_ENTRIES = 10_000;

const DAY = 24 * 60 * 60 * 1000;
const STMT_TYPES = new Set(['assign', 'resource', 'edge', 'if', 'for', 'include', 'class', 'func', 'import', 'export', 'collect']);

interface Entry {
  readonly v: number;
  readonly key: string;
  readonly length: number;
  readonly stmts: readonly TopStmt[];
}

export interface ParseCacheOptions {
  /** Parser identity: anything whose change must invalidate every entry. */
  readonly identity: string;
  readonly maxEntries?: number;
}

export class ParseCache {
  readonly dir: string;
  /** Counters for this instance (one compile): entries read, misses, entries written. */
  hits = 0;
  misses = 0;
  writes = 0;
  private readonly prefix: Buffer;
  private readonly maxEntries: number;
  /** Keys read or written by this instance: `prune` keeps them. */
  private readonly used = new Set<string>();
  private dirReady = false;
  /** A write failed: the dir is read-only or full, so stop trying for this compile. */
  private writesFailed = false;

  constructor(cacheDir: string, opts: ParseCacheOptions) {
    this.dir = join(cacheDir, 'ast');
    this.prefix = createHash('sha256').update(`mcl-parse-cache\0${CACHE_FORMAT}\0${opts.identity}\0`).digest();
    this.maxEntries = opts.maxEntries ?? MAX_ENTRIES;
  }

  /** The key of a text. UTF-16 code units are hashed, so distinct strings never share a key. */
  key(text: string): string {
    return createHash('sha256').update(this.prefix).update(text, 'utf16le').digest('hex');
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /** The statements of `text` if a valid entry exists. */
  get(text: string): TopStmt[] | undefined {
    const key = this.key(text);
    this.used.add(key);
    let raw: string;
    let fd: number | undefined;
    try {
      fd = openSync(this.file(key), 'r');
      const info = fstatSync(fd);
      raw = readFileSync(fd, 'utf8');
      // The mtime says when an entry was last used (for `prune`); refresh it at most daily.
      if (Date.now() - info.mtimeMs > DAY) {
        try {
          const now = new Date();
          futimesSync(fd, now, now);
        } catch {
          // A read-only cache still serves reads.
        }
      }
    } catch {
      this.misses++;
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const stmts = decode(raw, key, text.length);
    if (stmts) this.hits++;
    else this.misses++;
    return stmts;
  }

  /** Stores the statements of a file that parsed without any diagnostic. */
  set(text: string, stmts: readonly TopStmt[]): void {
    if (this.writesFailed) return;
    const key = this.key(text);
    this.used.add(key);
    let exact = true;
    const data = JSON.stringify({ v: CACHE_FORMAT, key, length: text.length, stmts } satisfies Entry, (_k, value: unknown) => {
      // JSON has no Infinity, NaN or -0: such a file is simply not cached.
      if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) exact = false;
      return value;
    });
    if (!exact) return;
    const tmp = join(this.dir, `${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      if (!this.dirReady) {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.dirReady = true;
      }
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, this.file(key));
      this.writes++;
    } catch {
      this.writesFailed = true;
      try {
        unlinkSync(tmp);
      } catch {
        // It was never created.
      }
    }
  }

  /**
   * Keeps the cache bounded; called once at the end of a compile that wrote something. Beyond
   * `maxEntries` entries, the least recently used ones (by mtime, which `get` refreshes daily)
   * go, down to three quarters of the limit, sparing those this compile used. Temp files older
   * than an hour (left by a crash) go too.
   */
  prune(): void {
    if (this.writes === 0) return;
    try {
      const names = readdirSync(this.dir);
      const now = Date.now();
      const entries: string[] = [];
      for (const name of names) {
        if (name.endsWith('.json')) entries.push(name);
        else if (name.endsWith('.tmp')) {
          const path = join(this.dir, name);
          if (now - mtimeOf(path) > 60 * 60 * 1000) remove(path);
        }
      }
      if (entries.length <= this.maxEntries) return;
      const old = entries
        .filter((name) => !this.used.has(name.slice(0, -'.json'.length)))
        .map((name) => ({ path: join(this.dir, name), mtime: mtimeOf(join(this.dir, name)) }))
        .sort((a, b) => a.mtime - b.mtime);
      const excess = entries.length - Math.floor((this.maxEntries * 3) / 4);
      for (const { path } of old.slice(0, excess)) remove(path);
    } catch {
      // Pruning is housekeeping only.
    }
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function remove(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already, or not ours to remove.
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The statements of a cache entry, or undefined when it is not a valid entry for this key
 * and text: truncated or not JSON, another format, or not shaped like statements.
 */
function decode(raw: string, key: string, length: number): TopStmt[] | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(entry) || entry['v'] !== CACHE_FORMAT || entry['key'] !== key || entry['length'] !== length) return undefined;
  const stmts = entry['stmts'];
  if (!Array.isArray(stmts)) return undefined;
  for (const s of stmts as unknown[]) {
    if (!isObject(s) || !STMT_TYPES.has(s['type'] as string) || !isObject(s['span'])) return undefined;
  }
  return stmts as TopStmt[];
}

import { readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const REFRESH_FILE = 'refresh-pending.json';

/** The file's shape: the keys (`kind[name]`) of the vertices whose refresh is owed. */
interface RefreshFile {
  readonly version: 1;
  readonly pending: readonly string[];
}

/**
 * The refreshes owed, kept on disk so that a crash between a notifier's change and its
 * target's refresh does not lose the refresh. The file is replaced atomically (temp file,
 * fsync, rename, fsync of the directory); it is removed when nothing is owed. Writes are
 * serialized and coalesced: each one writes the set as it is when the write starts.
 */
export class RefreshStore {
  private readonly pending: Set<string>;
  private readonly path: string;
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  /** Reads what an earlier run left; an unreadable file counts as empty (`onError` says why). */
  constructor(
    private readonly dir: string,
    onError: (err: Error) => void,
  ) {
    this.path = join(dir, REFRESH_FILE);
    this.pending = new Set(readPending(this.path, onError));
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  /** Marks refreshes owed; resolves once that is on disk. */
  add(keys: readonly string[]): Promise<void> {
    const before = this.pending.size;
    for (const k of keys) this.pending.add(k);
    return this.pending.size === before ? this.writing : this.flush();
  }

  /** A refresh was done (or is owed no more); resolves once that is on disk. */
  remove(key: string): Promise<void> {
    return this.pending.delete(key) ? this.flush() : this.writing;
  }

  private flush(): Promise<void> {
    if (this.queued) return this.queued; // not started yet: it will write this change too
    const next = this.writing.then(() => {
      this.queued = undefined;
      return this.write([...this.pending].sort());
    });
    this.queued = next;
    this.writing = next.catch(() => {});
    return next;
  }

  private async write(pending: readonly string[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (pending.length === 0) {
      await rm(this.path, { force: true });
    } else {
      const tmp = `${this.path}.tmp`;
      const fh = await open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(`${JSON.stringify({ version: 1, pending } satisfies RefreshFile)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.path);
    }
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

function readPending(path: string, onError: (err: Error) => void): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onError(err as Error);
    return [];
  }
  try {
    const data = JSON.parse(text) as Partial<RefreshFile>;
    if (Array.isArray(data.pending)) return data.pending.filter((k): k is string => typeof k === 'string');
    throw new Error('no `pending` list');
  } catch (err) {
    onError(new Error(`${path}: ${(err as Error).message}; ignoring it`));
    return [];
  }
}

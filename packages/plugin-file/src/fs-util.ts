import { closeSync, constants, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, readFile } from 'node:fs/promises';

/**
 * Flags to open the path itself, never a symlink's target (ELOOP instead), and never block
 * on a FIFO. Used wherever we read or change what sits at a managed path.
 */
export const NOFOLLOW_READ = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Data up to this size is compared and written with synchronous calls; larger data goes
 * through fs/promises. An lstat, or a read or write of a few KiB to the page cache, takes
 * microseconds, while each fs/promises call is a round trip through libuv's 4-thread pool
 * that costs more than the work (1,000 small temp+rename writes: ~48 ms sync, 75–95 ms
 * async), and a run does ~10 of them per file. Past about 1 MiB the copy itself dominates
 * and would hold the event loop (every other vertex, every watch event) for a millisecond or
 * more, so big data stays off it. Calls that move no data (lstat, fchmod, rename, mkdir) are
 * always synchronous; those whose cost has no bound (reading a `source` of unknown size,
 * listing or removing a directory tree) are always asynchronous.
 */
export const SYNC_IO_MAX_BYTES = 1024 * 1024;

export const errCode = (err: unknown): string | undefined =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/** lstat, with "not there" as null. ENOTDIR counts: a file where a parent dir should be. */
export function lstatOrNull(path: string): Stats | null {
  try {
    // throwIfNoEntry: a missing file (every file on a first run) costs no Error object.
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
  } catch (err) {
    if (errCode(err) === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * Whether the regular file at `path` holds exactly `want`, read without following a symlink
 * put there since we looked. The caller has compared sizes already.
 */
export async function sameContent(path: string, want: Buffer): Promise<boolean> {
  if (want.length <= SYNC_IO_MAX_BYTES) return sameContentSync(path, want);
  const fh = await open(path, NOFOLLOW_READ);
  try {
    return (await fh.readFile()).equals(want);
  } finally {
    await fh.close();
  }
}

function sameContentSync(path: string, want: Buffer): boolean {
  const fd = openSync(path, NOFOLLOW_READ);
  try {
    // One byte more than wanted, and no more: a file that grew since lstat differs, and the
    // event loop never waits on a file that turned big meanwhile.
    const buf = Buffer.allocUnsafe(want.length + 1);
    let n = 0;
    let got: number;
    do {
      got = readSync(fd, buf, n, buf.length - n, null);
      n += got;
    } while (got > 0 && n < buf.length);
    return n === want.length && buf.subarray(0, n).equals(want);
  } finally {
    closeSync(fd);
  }
}

/** Reads a `source` file, with errors that name the param. Asynchronous: its size is unknown. */
export async function readSource(source: string): Promise<Buffer> {
  try {
    return await readFile(source);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT') throw new Error(`source ${source} does not exist`, { cause: err });
    if (code === 'EISDIR') throw new Error(`source ${source} is a directory; only files can be copied`, { cause: err });
    throw err;
  }
}

/** A word for what is at a path, for messages like "replace symlink /a with a directory". */
export function typeName(st: Stats): string {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isDirectory()) return 'directory';
  if (st.isFile()) return 'file';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'device';
}

export const isRoot = (): boolean => process.geteuid?.() === 0;

import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, openSync, renameSync, rmSync, writeFileSync, type BigIntStats } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { errCode, SYNC_IO_MAX_BYTES } from './fs-util.js';
import { trackInflight } from './inflight.js';

export interface WriteAttrs {
  readonly mode: number | undefined;
  readonly uid: number | undefined;
  readonly gid: number | undefined;
}

/** The temp file's name: hidden, next to the target (rename is atomic only within one fs). */
export const tempName = (path: string): string =>
  posix.join(posix.dirname(path), `.${posix.basename(path)}.${randomBytes(6).toString('hex')}.mgmt-tmp`);

/** A new file only, never through a symlink: never someone else's file or a planted link. */
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Private until chmod when a mode is asked for; otherwise the umask decides, as for any new file. */
const initialMode = (attrs: WriteAttrs): number => (attrs.mode === undefined ? 0o666 : 0o600);

/** The error for a failed create of the temp file: a missing parent is named as such. */
function createError(path: string, err: unknown): unknown {
  const code = errCode(err);
  if (code !== 'ENOENT' && code !== 'ENOTDIR') return err;
  const what = code === 'ENOENT' ? 'does not exist' : 'is not a directory';
  return new Error(`cannot create ${path}: the parent directory ${posix.dirname(path)}/ ${what} (declare it as a file resource ending in /)`, { cause: err });
}

/**
 * Replaces `path` with a new file holding `data`, atomically: readers see the old file or
 * the new one, never a mix. The temp file is created with O_EXCL|O_NOFOLLOW, written and
 * given its owner and mode before the rename, so the file never appears with the wrong
 * permissions. rename(2) replaces a symlink at `path` itself, never its target. On any
 * failure the temp file is removed. Data up to SYNC_IO_MAX_BYTES is written with
 * synchronous calls (see there why); larger data through fs/promises, the same steps.
 *
 * There is no fsync: it doubled the cost of a 1,000-file run (bench/RESULTS.md). Readers never
 * see a partial file either way; what a power cut could lose is only the newest write, and the
 * agent re-checks every file when it starts, so that write is made again. ext4 (auto_da_alloc)
 * also flushes a file replaced by rename before the rename commits.
 */
export async function atomicWrite(path: string, data: Buffer, attrs: WriteAttrs): Promise<BigIntStats> {
  return data.length <= SYNC_IO_MAX_BYTES ? atomicWriteSync(path, data, attrs) : await atomicWriteAsync(path, data, attrs);
}

/**
 * atomicWrite's steps, as synchronous calls. Mirrors atomicWriteAsync step for step. Both
 * return the new file's stat as written (rename keeps its inode, size and mtime), so the
 * caller can tell its own file from one someone put there right after.
 */
function atomicWriteSync(path: string, data: Buffer, attrs: WriteAttrs): BigIntStats {
  const tmp = tempName(path);
  // Not tracked in `inflight`: purge reads that set on this same thread, so never while
  // the temp file exists.
  let fd: number | undefined;
  try {
    try {
      fd = openSync(tmp, CREATE, initialMode(attrs));
    } catch (err) {
      throw createError(path, err);
    }
    writeFileSync(fd, data); // loops over short writes
    // chown first: it clears setuid/setgid bits, which the chmod then sets.
    if (attrs.uid !== undefined || attrs.gid !== undefined) fchownSync(fd, attrs.uid ?? -1, attrs.gid ?? -1);
    if (attrs.mode !== undefined) fchmodSync(fd, attrs.mode);
    const written = fstatSync(fd, { bigint: true });
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    return written;
  } catch (err) {
    if (fd !== undefined) closeQuietly(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Closes a descriptor on a path already failing; that failure is the one to report. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // the descriptor is released even when close reports an error
  }
}

async function atomicWriteAsync(path: string, data: Buffer, attrs: WriteAttrs): Promise<BigIntStats> {
  const tmp = tempName(path);
  const done = trackInflight(tmp);
  let fh: FileHandle | undefined;
  try {
    try {
      fh = await open(tmp, CREATE, initialMode(attrs));
    } catch (err) {
      throw createError(path, err);
    }
    await fh.writeFile(data);
    // chown first: it clears setuid/setgid bits, which the chmod then sets.
    if (attrs.uid !== undefined || attrs.gid !== undefined) await fh.chown(attrs.uid ?? -1, attrs.gid ?? -1);
    if (attrs.mode !== undefined) await fh.chmod(attrs.mode);
    const written = await fh.stat({ bigint: true });
    await fh.close();
    fh = undefined;
    await rename(tmp, path);
    return written;
  } catch (err) {
    await fh?.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  } finally {
    done();
  }
}

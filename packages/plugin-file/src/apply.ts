import { chmodSync, closeSync, fchmodSync, fchownSync, fstatSync, lchownSync, lstatSync, mkdirSync, openSync, rmSync, type BigIntStats } from 'node:fs';
import { rm } from 'node:fs/promises';
import { posix } from 'node:path';
import { atomicWrite, type WriteAttrs } from './atomic-write.js';
import type { FileContext } from './check.js';
import type { FileDiff } from './diff.js';
import { errCode, NOFOLLOW_READ } from './fs-util.js';
import { forgetApplied, recordApplied } from './self-events.js';

/**
 * Makes the path match check's diff, in one call or by throwing. Never follows a symlink at
 * the path: files are replaced by rename, directories are unlinked-then-created, and
 * attributes are changed through a descriptor opened with O_NOFOLLOW. Calls that move no
 * data are synchronous (see SYNC_IO_MAX_BYTES); writes follow that threshold. Afterwards it
 * records what it left at the path, so the watch can drop the events of this very change.
 */
export async function apply(ctx: FileContext, diff: FileDiff): Promise<void> {
  forgetApplied(ctx.state);
  const written = await change(ctx, diff);
  recordApplied(ctx.state, diff, written);
}

/** Returns the stat of the file it wrote, if it wrote one. */
async function change(ctx: FileContext, diff: FileDiff): Promise<BigIntStats | undefined> {
  let written: BigIntStats | undefined;
  if (diff.remove) {
    // rm never follows a symlink at the path; for a directory it takes the whole tree.
    await remove(diff.path, diff.isDir);
    ctx.log.info(`removed ${diff.display}`);
    return undefined;
  }
  if (diff.write !== undefined) {
    written = await atomicWrite(diff.path, diff.write, diff);
    ctx.log.info(`wrote ${diff.display} (${diff.write.length} bytes)`);
  } else {
    if (diff.clear) await remove(diff.path, false);
    if (diff.mkdir) makeDir(diff);
    setAttrs(diff.path, diff.isDir, diff);
  }
  for (const p of diff.purge) {
    await remove(p, true);
    ctx.log.info(`purged ${p}`);
  }
  return written;
}

/** One unlink is quick; a tree may hold any number of entries, so it goes to the thread pool. */
async function remove(path: string, tree: boolean): Promise<void> {
  if (tree) await rm(path, { recursive: true, force: true });
  else rmSync(path, { force: true });
}

function makeDir(diff: FileDiff): void {
  try {
    // No `recursive`: a missing parent is an error, so the parent's own resource owns it.
    mkdirSync(diff.path, { mode: diff.mode ?? 0o777 });
  } catch (err) {
    const code = errCode(err);
    if (code === 'EEXIST') return; // made meanwhile (or by an earlier apply of this diff); attrs follow
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const what = code === 'ENOENT' ? 'does not exist' : 'is not a directory';
      throw new Error(`cannot create ${diff.display}: the parent directory ${posix.dirname(diff.path)}/ ${what}`, { cause: err });
    }
    throw err;
  }
}

/**
 * chown then chmod (chown clears setuid bits) on what is at `path` itself. mkdir's mode is
 * cut by the umask, so a fresh directory with a mode gets its chmod here too.
 */
function setAttrs(path: string, isDir: boolean, attrs: WriteAttrs): void {
  if (attrs.mode === undefined && attrs.uid === undefined && attrs.gid === undefined) return;
  let fd: number;
  try {
    fd = openSync(path, NOFOLLOW_READ);
  } catch (err) {
    if (errCode(err) === 'ELOOP') throw new Error(`${path} became a symlink; not following it`, { cause: err });
    if (errCode(err) !== 'EACCES') throw err;
    // Unreadable to us (a non-root owner of a 0200 file): lchown never follows; chmod
    // would, so make sure the path is still not a symlink first.
    if (attrs.uid !== undefined || attrs.gid !== undefined) lchownSync(path, attrs.uid ?? -1, attrs.gid ?? -1);
    if (lstatSync(path).isSymbolicLink()) throw new Error(`${path} became a symlink; not following it`);
    if (attrs.mode !== undefined) chmodSync(path, attrs.mode);
    return;
  }
  try {
    if (fstatSync(fd).isDirectory() !== isDir) throw new Error(`${path} changed type during apply; will check again`);
    if (attrs.uid !== undefined || attrs.gid !== undefined) fchownSync(fd, attrs.uid ?? -1, attrs.gid ?? -1);
    if (attrs.mode !== undefined) fchmodSync(fd, attrs.mode);
  } finally {
    closeSync(fd);
  }
}

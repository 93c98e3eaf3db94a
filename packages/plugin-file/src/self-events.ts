import { lstatSync, type BigIntStats } from 'node:fs';
import type { FileDiff } from './diff.js';
import type { FileState } from './state.js';

/** What is at a path, or undefined when nothing is (or a file sits where a parent should). */
function lstatOf(path: string): BigIntStats | undefined {
  try {
    return lstatSync(path, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR: nothing at the path either way
  }
}

/**
 * What is at a path, as one string: device, inode, size, mtime, ctime (nanoseconds), mode,
 * owner, group; null when nothing is. Any write, chmod, chown, replace or delete by anyone
 * changes at least one of these (ctime moves on every inode change).
 */
function signature(st: BigIntStats | undefined): string | null {
  if (!st) return null;
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.mode}:${st.uid}:${st.gid}`;
}

/** Apply is starting: until it has finished, no event is taken for our own. */
export function forgetApplied(state: FileState): void {
  state.applied = undefined;
}

/**
 * Whether `st` is what applying `diff` leaves: nothing after a remove; otherwise an entry of
 * the right type with the asked-for mode and owner, and, after a write, the very file we wrote
 * (`written`: same inode, size and mtime).
 */
export function isIntended(diff: FileDiff, written: BigIntStats | undefined, st: BigIntStats | undefined): boolean {
  if (diff.remove) return st === undefined;
  if (st === undefined || st.isSymbolicLink() || st.isDirectory() !== diff.isDir) return false;
  if (written && (st.dev !== written.dev || st.ino !== written.ino || st.size !== written.size || st.mtimeNs !== written.mtimeNs)) return false;
  if (diff.mode !== undefined && (Number(st.mode) & 0o7777) !== (diff.mode & 0o7777)) return false;
  if (diff.uid !== undefined && Number(st.uid) !== diff.uid) return false;
  if (diff.gid !== undefined && Number(st.gid) !== diff.gid) return false;
  return true;
}

/**
 * Apply has finished: remembers what it left at `path`, but only if that is what it meant
 * to leave. Another process may delete or rewrite the path between our rename and this
 * lstat; recording that state would make the watch drop the very event that says so, and
 * the drift would stay until the next event. Then nothing is recorded, and every event goes
 * through (one check too many at worst).
 */
export function recordApplied(state: FileState, diff: FileDiff, written: BigIntStats | undefined): void {
  const st = lstatOf(diff.path);
  state.applied = isIntended(diff, written, st) ? { path: diff.path, signature: signature(st) } : undefined;
}

/**
 * Whether an event for `path` was caused by our own last apply: the path is still exactly
 * as that apply left it, so a check would find nothing to do. The first event that finds it
 * otherwise forgets the record, so all later events go through until the next apply.
 * Errs one way only: an event it cannot place is passed on (one check too many). Its one
 * limit: a same-size in-place rewrite within the kernel's timestamp tick of our apply
 * keeps every field (kernels with multigrain timestamps do not have that tick).
 */
export function isOwnEvent(state: FileState, path: string): boolean {
  const rec = state.applied;
  if (rec === undefined || rec.path !== path) return false;
  if (signature(lstatOf(path)) === rec.signature) return true;
  state.applied = undefined;
  return false;
}

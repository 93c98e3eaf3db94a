import { lstatSync } from 'node:fs';
import type { FileState } from './state.js';

/**
 * What is at a path, as one string: device, inode, size, mtime, ctime (nanoseconds), mode,
 * owner, group; null when nothing is. Any write, chmod, chown, replace or delete by anyone
 * changes at least one of these (ctime moves on every inode change).
 */
function signature(path: string): string | null {
  let st;
  try {
    st = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  } catch {
    return null; // ENOTDIR: a file where a parent should be; nothing at the path either way
  }
  if (!st) return null;
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.mode}:${st.uid}:${st.gid}`;
}

/** Apply is starting: until it has finished, no event is taken for our own. */
export function forgetApplied(state: FileState): void {
  state.applied = undefined;
}

/** Apply has finished: remembers what it left at `path`. */
export function recordApplied(state: FileState, path: string): void {
  state.applied = { path, signature: signature(path) };
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
  if (signature(path) === rec.signature) return true;
  state.applied = undefined;
  return false;
}

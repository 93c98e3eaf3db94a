import type { Stats } from 'node:fs';
import { converged, drifted, type CheckResult, type ResourceContext } from '@mgmt/resource';
import { emptyDiff, type FileDiff } from './diff.js';
import { isRoot, lstatOrNull, readSource, sameContent, typeName } from './fs-util.js';
import { resolveGid, resolveUid } from './ids.js';
import { keptDirsBelow, managedPaths } from './managed.js';
import type { FileParams } from './params.js';
import { unmanagedEntries } from './purge.js';
import { formatMode, resolveSpec, type FileSpec } from './spec.js';
import type { FileState } from './state.js';

export type FileContext = ResourceContext<FileParams, FileState>;

interface Wanted {
  readonly mode: number | undefined;
  readonly uid: number | undefined;
  readonly gid: number | undefined;
}

/**
 * Reads the real state (lstat, never following a link at the path) and compares it with the
 * params. Side-effect free. A purging directory reads which paths are managed from the
 * graph (`ctx.graph`), fresh on every check. Small I/O is synchronous (SYNC_IO_MAX_BYTES).
 */
export async function check(ctx: FileContext): Promise<CheckResult<FileDiff>> {
  const spec = resolveSpec(ctx.params, ctx.name);
  const st = lstatOrNull(spec.path);
  const base = emptyDiff(spec.path, spec.display, spec.isDir);
  if (spec.state === 'absent') {
    if (st === null) return converged;
    if (st.isDirectory() && !spec.isDir) {
      throw new Error(`${spec.display} is a directory; write "${spec.path}/" to remove a directory`);
    }
    return drifted({ ...base, remove: true }, [`remove ${spec.display}`]);
  }
  const want: Wanted = {
    mode: spec.mode,
    uid: spec.owner === undefined ? undefined : await resolveUid(spec.owner),
    gid: spec.group === undefined ? undefined : await resolveGid(spec.group),
  };
  return spec.isDir ? checkDir(ctx, spec, st, want, base) : checkFile(spec, st, want, base);
}

async function checkFile(spec: FileSpec, st: Stats | null, want: Wanted, base: FileDiff): Promise<CheckResult<FileDiff>> {
  const content = spec.content !== undefined ? Buffer.from(spec.content, 'utf8') : spec.source !== undefined ? await readSource(spec.source) : undefined;
  if (st === null || !st.isFile()) {
    if (st?.isDirectory()) {
      throw new Error(`${spec.display} is a directory; a file resource will not replace it (write "${spec.path}/" to manage a directory)`);
    }
    // A symlink (or fifo…) at the path is replaced by a regular file, so nothing outside is touched.
    const change = st === null ? `create ${spec.display}` : `replace ${typeName(st)} ${spec.display} with a regular file`;
    return drifted({ ...base, write: content ?? Buffer.alloc(0), ...want }, [change]);
  }
  const changes: string[] = [];
  let write: Buffer | undefined;
  // Sizes first: when they differ there is no need to read the file at all.
  if (content !== undefined && (st.size !== content.length || !(await sameContent(spec.path, content)))) {
    write = content;
    changes.push(`content of ${spec.display} (${st.size} bytes -> ${content.length} bytes)`);
  }
  const attrs = attrChanges(st, want, changes);
  if (changes.length === 0) return converged;
  if (write === undefined) return drifted({ ...base, ...attrs }, changes);
  // A rewrite makes a new inode: carry over what the params leave alone.
  const root = isRoot();
  return drifted(
    {
      ...base,
      write,
      mode: want.mode ?? st.mode & 0o7777,
      uid: want.uid ?? (root ? st.uid : undefined),
      gid: want.gid ?? (root ? st.gid : undefined),
    },
    changes,
  );
}

async function checkDir(ctx: FileContext, spec: FileSpec, st: Stats | null, want: Wanted, base: FileDiff): Promise<CheckResult<FileDiff>> {
  if (st === null) return drifted({ ...base, mkdir: true, ...want }, [`create ${spec.display}`]);
  if (!st.isDirectory()) {
    return drifted({ ...base, clear: true, mkdir: true, ...want }, [`replace ${typeName(st)} ${spec.path} with a directory`]);
  }
  const changes: string[] = [];
  const attrs = attrChanges(st, want, changes);
  const purge = spec.purge ? await purgeList(ctx, spec) : [];
  for (const p of purge) changes.push(`remove unmanaged ${p}`);
  return changes.length === 0 ? converged : drifted({ ...base, ...attrs, purge }, changes);
}

/** What purge removes under the directory, given the graph as it is now. */
async function purgeList(ctx: FileContext, spec: FileSpec): Promise<string[]> {
  const managed = managedPaths(ctx.graph);
  const kept = keptDirsBelow(spec.path, managed);
  // A running recursive watch follows the kept subdirectories, which a graph swap may change.
  if (spec.recurse) ctx.state.followKept?.(kept);
  return unmanagedEntries(spec.path, spec.recurse, managed, kept);
}

/** The attributes that differ, each also described in `changes`. */
function attrChanges(st: Stats, want: Wanted, changes: string[]): Wanted {
  const mode = want.mode !== undefined && (st.mode & 0o7777) !== want.mode ? want.mode : undefined;
  const uid = want.uid !== undefined && st.uid !== want.uid ? want.uid : undefined;
  const gid = want.gid !== undefined && st.gid !== want.gid ? want.gid : undefined;
  if (mode !== undefined) changes.push(`mode ${formatMode(st.mode)} -> ${formatMode(mode)}`);
  if (uid !== undefined) changes.push(`owner ${st.uid} -> ${uid}`);
  if (gid !== undefined) changes.push(`group ${st.gid} -> ${gid}`);
  return { mode, uid, gid };
}

import type { Stats } from 'node:fs';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { converged, drifted, type ChangeDetail, type CheckResult, type ResourceContext } from '@mgmt/resource';
import { emptyDiff, type FileDiff } from './diff.js';
import { isRoot, lstatOrNull, NOFOLLOW_READ, readSource, sameContent, typeName } from './fs-util.js';
import { resolveGid, resolveUid } from './ids.js';
import { keptDirsBelow, managedPaths } from './managed.js';
import type { FileParams } from './params.js';
import { unmanagedEntries } from './purge.js';
import { formatMode, resolveSpec, type FileSpec } from './spec.js';
import type { FileState } from './state.js';
import { unifiedDiff } from './unified-diff.js';

/** Contents larger than this (either side) get no text diff in `details`, only their sizes. */
export const DIFF_MAX_BYTES = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a buffer, or undefined for binary data (a NUL byte, invalid UTF-8) and big files. */
function textOf(buf: Buffer): string | undefined {
  if (buf.length > DIFF_MAX_BYTES || buf.includes(0)) return undefined;
  try {
    return utf8.decode(buf);
  } catch {
    return undefined;
  }
}

/**
 * The content change as a detail: a unified diff (`/dev/null` as the old side for a new
 * file) when both sides are text, else only the sizes.
 */
export function contentDetail(param: string, display: string, before: Buffer | undefined, after: Buffer): ChangeDetail {
  const a = before === undefined ? '' : textOf(before);
  const b = textOf(after);
  const sizes = { ...(before === undefined ? {} : { from: `${before.length} bytes` }), to: `${after.length} bytes` };
  if (a === undefined || b === undefined) return { param, ...sizes };
  const diff = unifiedDiff(a, b, { from: before === undefined ? '/dev/null' : display, to: display });
  return diff === '' ? { param, ...sizes } : { param, ...sizes, diff };
}

/** The old content for a diff: read only when small, never through a symlink; undefined if unreadable. */
function oldContent(path: string, st: Stats): Buffer | undefined {
  if (st.size > DIFF_MAX_BYTES) return undefined;
  try {
    const fd = openSync(path, NOFOLLOW_READ);
    try {
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

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
    return drifted({ ...base, remove: true }, [`remove ${spec.display}`], [{ param: 'state', from: typeName(st), to: 'absent' }]);
  }
  const want: Wanted = {
    mode: spec.mode,
    uid: spec.owner === undefined ? undefined : await resolveUid(spec.owner),
    gid: spec.group === undefined ? undefined : await resolveGid(spec.group),
  };
  return spec.isDir ? checkDir(ctx, spec, st, want, base) : checkFile(spec, st, want, base);
}

/** The param a content change is about: `source` when the bytes come from a file. */
const contentParam = (spec: FileSpec): string => (spec.source !== undefined ? 'source' : 'content');

/** What a new file or directory gets, besides existing: the attributes the params set. */
function wantedDetails(spec: FileSpec, want: Wanted): ChangeDetail[] {
  const out: ChangeDetail[] = [];
  if (want.mode !== undefined) out.push({ param: 'mode', to: formatMode(want.mode) });
  if (want.uid !== undefined) out.push({ param: 'owner', to: spec.owner === undefined ? want.uid : spec.owner });
  if (want.gid !== undefined) out.push({ param: 'group', to: spec.group === undefined ? want.gid : spec.group });
  return out;
}

async function checkFile(spec: FileSpec, st: Stats | null, want: Wanted, base: FileDiff): Promise<CheckResult<FileDiff>> {
  const content = spec.content !== undefined ? Buffer.from(spec.content, 'utf8') : spec.source !== undefined ? await readSource(spec.source) : undefined;
  if (st === null || !st.isFile()) {
    if (st?.isDirectory()) {
      throw new Error(`${spec.display} is a directory; a file resource will not replace it (write "${spec.path}/" to manage a directory)`);
    }
    // A symlink (or fifo…) at the path is replaced by a regular file, so nothing outside is touched.
    const change = st === null ? `create ${spec.display}` : `replace ${typeName(st)} ${spec.display} with a regular file`;
    const details: ChangeDetail[] = [{ param: 'state', from: st === null ? 'absent' : typeName(st), to: 'file' }];
    if (content !== undefined && content.length > 0) details.push(contentDetail(contentParam(spec), spec.display, undefined, content));
    return drifted({ ...base, write: content ?? Buffer.alloc(0), ...want }, [change], [...details, ...wantedDetails(spec, want)]);
  }
  const changes: string[] = [];
  const details: ChangeDetail[] = [];
  let write: Buffer | undefined;
  // Sizes first: when they differ there is no need to read the file at all.
  if (content !== undefined && (st.size !== content.length || !(await sameContent(spec.path, content)))) {
    write = content;
    changes.push(`content of ${spec.display} (${st.size} bytes -> ${content.length} bytes)`);
    const before = oldContent(spec.path, st);
    details.push(before === undefined ? { param: contentParam(spec), from: `${st.size} bytes`, to: `${content.length} bytes` } : contentDetail(contentParam(spec), spec.display, before, content));
  }
  const attrs = attrChanges(st, want, changes, details);
  if (changes.length === 0) return converged;
  if (write === undefined) return drifted({ ...base, ...attrs }, changes, details);
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
    details,
  );
}

async function checkDir(ctx: FileContext, spec: FileSpec, st: Stats | null, want: Wanted, base: FileDiff): Promise<CheckResult<FileDiff>> {
  if (st === null) {
    return drifted({ ...base, mkdir: true, ...want }, [`create ${spec.display}`], [{ param: 'state', from: 'absent', to: 'directory' }, ...wantedDetails(spec, want)]);
  }
  if (!st.isDirectory()) {
    return drifted({ ...base, clear: true, mkdir: true, ...want }, [`replace ${typeName(st)} ${spec.path} with a directory`], [
      { param: 'state', from: typeName(st), to: 'directory' },
      ...wantedDetails(spec, want),
    ]);
  }
  const changes: string[] = [];
  const details: ChangeDetail[] = [];
  const attrs = attrChanges(st, want, changes, details);
  const purge = spec.purge ? await purgeList(ctx, spec) : [];
  for (const p of purge) changes.push(`remove unmanaged ${p}`);
  if (purge.length > 0) details.push({ param: 'purge', from: purge });
  return changes.length === 0 ? converged : drifted({ ...base, ...attrs, purge }, changes, details);
}

/** What purge removes under the directory, given the graph as it is now. */
async function purgeList(ctx: FileContext, spec: FileSpec): Promise<string[]> {
  const managed = managedPaths(ctx.graph);
  const kept = keptDirsBelow(spec.path, managed);
  // A running recursive watch follows the kept subdirectories, which a graph swap may change.
  if (spec.recurse) ctx.state.followKept?.(kept);
  return unmanagedEntries(spec.path, spec.recurse, managed, kept);
}

/** The attributes that differ, each also described in `changes` and `details`. */
function attrChanges(st: Stats, want: Wanted, changes: string[], details: ChangeDetail[]): Wanted {
  const mode = want.mode !== undefined && (st.mode & 0o7777) !== want.mode ? want.mode : undefined;
  const uid = want.uid !== undefined && st.uid !== want.uid ? want.uid : undefined;
  const gid = want.gid !== undefined && st.gid !== want.gid ? want.gid : undefined;
  if (mode !== undefined) {
    changes.push(`mode ${formatMode(st.mode)} -> ${formatMode(mode)}`);
    details.push({ param: 'mode', from: formatMode(st.mode), to: formatMode(mode) });
  }
  if (uid !== undefined) {
    changes.push(`owner ${st.uid} -> ${uid}`);
    details.push({ param: 'owner', from: st.uid, to: uid });
  }
  if (gid !== undefined) {
    changes.push(`group ${st.gid} -> ${gid}`);
    details.push({ param: 'group', from: st.gid, to: gid });
  }
  return { mode, uid, gid };
}

import { readdir } from 'node:fs/promises';
import { posix } from 'node:path';
import { errCode } from './fs-util.js';
import { isInflight } from './inflight.js';
import type { ManagedPaths } from './managed.js';

/**
 * The entries under `dir` that purge removes: those that are neither managed nor on the way
 * to a managed path (`kept`, from keptDirsBelow). An unmanaged subdirectory goes as a whole.
 * With `recurse`, the kept subdirectories (managed ones, or ones holding managed paths) are
 * purged in turn; without it they are left alone, so a managed subdirectory's own `purge`
 * setting decides. Temp files of atomic writes in progress are never listed.
 */
export async function unmanagedEntries(dir: string, recurse: boolean, managed: ManagedPaths, kept: ReadonlySet<string>): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return []; // nothing to purge yet, or gone meanwhile
    throw err;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = posix.join(dir, e.name);
    if (isInflight(p)) continue;
    if (!managed.has(p) && !kept.has(p)) out.push(p);
    // isDirectory() is false for a symlink to a directory: purge never descends through links
    else if (recurse && e.isDirectory()) out.push(...(await unmanagedEntries(p, recurse, managed, kept)));
  }
  return out;
}

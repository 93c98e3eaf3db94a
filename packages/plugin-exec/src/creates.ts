import { posix, resolve } from 'node:path';
import type { ExecParams } from './params.js';

/**
 * The absolute, normalised path of `creates` (no trailing `/`), or undefined without one.
 * Relative paths start at `cwd`, and a relative `cwd` at the agent's: the guard, the watch and
 * the autoedge must all mean the same place, so they all ask here.
 */
export function createsPath(p: Pick<ExecParams, 'creates' | 'cwd'>): string | undefined {
  if (p.creates === undefined) return undefined;
  // resolve() normalises `..`, `//` and drops a trailing `/`, except for the root itself.
  return resolve(p.cwd ?? process.cwd(), p.creates);
}

/** The id of the `file` resource of the directory `path` lives in (`/a/b/c` → `/a/b/`). */
export function parentDirId(path: string): string | undefined {
  if (path === '/') return undefined;
  const parent = posix.dirname(path);
  return parent === '/' ? '/' : `${parent}/`;
}

import type { FileParams } from './params.js';

/**
 * The identity of a file resource: its path as written (`/a/b/` for a directory), so
 * `File["/a/b/"]` and auto-edges find it. Pure: the language checker calls it as well as the
 * engine. Purge learns the managed paths from these ids through `ctx.graph` (see managed.ts).
 */
export function fileId(params: FileParams, name: string): string {
  return params.path ?? name;
}

import { declare } from './managed.js';
import type { FileParams } from './params.js';
import { normalizePath } from './spec.js';

/**
 * The identity of a file resource: its path as written (`/a/b/` for a directory), so
 * `File["/a/b/"]` and auto-edges find it. Identities are computed for the whole graph before
 * it runs, which is the one moment this plugin sees every file resource: it declares the
 * path to the purge registry then (see managed.ts), so purge spares children not yet run.
 */
export function fileId(params: FileParams, name: string): string {
  const id = params.path ?? name;
  if (params.state !== 'absent' && id.startsWith('/')) declare(normalizePath(id), id.endsWith('/'));
  return id;
}

import { posix } from 'node:path';

/** What an import's path names: one `.mcl` file, or the top-level `.mcl` files of a folder. */
export interface ImportTarget {
  /** The module's id: the normalized file path, or the folder's path ending in `/`. */
  readonly id: string;
  readonly dir: boolean;
  /** The name it is bound to without `as`: the file's name without `.mcl`, or the folder's. */
  readonly name: string;
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Resolves `spec` (as written in `import "…"`) against the file that imports it. Paths are
 * POSIX and relative to the importing file's folder, so a program means the same on any
 * host. A string reason when the path can be neither a file nor a folder module.
 */
export function resolveImport(importer: string, spec: string): ImportTarget | { readonly reason: string } {
  const dir = spec.endsWith('/');
  if (!dir && !spec.endsWith('.mcl')) return { reason: 'an import is a `.mcl` file or a folder ending in `/`' };
  const joined = posix.normalize(posix.join(posix.dirname(importer), spec));
  const id = dir ? (joined.endsWith('/') ? joined : `${joined}/`) : joined;
  const name = dir ? posix.basename(id) : posix.basename(id, '.mcl');
  return { id, dir, name };
}

/** Whether `name` can be used as `name.x` without `as`. */
export const isImportName = (name: string): boolean => IDENT.test(name);

/** The folder a file is directly in, ending in `/` (`./` for a bare name): a folder module's id. */
export const folderOf = (path: string): string => {
  const d = posix.dirname(posix.normalize(path));
  return d === '/' ? '/' : `${d}/`;
};

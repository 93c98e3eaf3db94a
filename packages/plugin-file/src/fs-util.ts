import { constants, type Stats } from 'node:fs';
import { lstat, open, readFile } from 'node:fs/promises';

/**
 * Flags to open the path itself, never a symlink's target (ELOOP instead), and never block
 * on a FIFO. Used wherever we read or change what sits at a managed path.
 */
export const NOFOLLOW_READ = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export const errCode = (err: unknown): string | undefined =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/** lstat, with "not there" as null. ENOTDIR counts: a file where a parent dir should be. */
export async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/** Reads a regular file without following a symlink put there since we looked. */
export async function readNoFollow(path: string): Promise<Buffer> {
  const fh = await open(path, NOFOLLOW_READ);
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/** Reads a `source` file, with errors that name the param. */
export async function readSource(source: string): Promise<Buffer> {
  try {
    return await readFile(source);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT') throw new Error(`source ${source} does not exist`, { cause: err });
    if (code === 'EISDIR') throw new Error(`source ${source} is a directory; only files can be copied`, { cause: err });
    throw err;
  }
}

/** A word for what is at a path, for messages like "replace symlink /a with a directory". */
export function typeName(st: Stats): string {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isDirectory()) return 'directory';
  if (st.isFile()) return 'file';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'device';
}

export const isRoot = (): boolean => process.geteuid?.() === 0;

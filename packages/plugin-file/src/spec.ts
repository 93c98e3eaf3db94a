import { posix } from 'node:path';
import type { FileParams } from './params.js';

/** What a resource asks for, with the path normalised and the cross-param rules applied. */
export interface FileSpec {
  /** Absolute, normalised, without a trailing `/` (except the root itself). */
  readonly path: string;
  /** The path as users read it in messages: directories keep their trailing `/`. */
  readonly display: string;
  /** The path ended in `/`. */
  readonly isDir: boolean;
  readonly state: 'exists' | 'absent';
  readonly content: string | undefined;
  readonly source: string | undefined;
  readonly mode: number | undefined;
  readonly owner: string | number | undefined;
  readonly group: string | number | undefined;
  readonly purge: boolean;
  readonly recurse: boolean;
}

/** Strips the trailing slash, so `/a/b/` and `/a/b` name one place on disk. */
export const normalizePath = (path: string): string => {
  const n = posix.normalize(path);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
};

/** The directory a path lives in, as the id of its `file` resource (trailing `/`). */
export const parentDirId = (path: string): string | undefined => {
  const n = normalizePath(path);
  if (n === '/') return undefined;
  const parent = posix.dirname(n);
  return parent === '/' ? '/' : `${parent}/`;
};

/**
 * Resolves params and name into a spec. Throws on combinations the schema cannot see,
 * because they depend on the name (the path defaults to it).
 */
export function resolveSpec(params: FileParams, name: string): FileSpec {
  const raw = params.path ?? name;
  if (!raw.startsWith('/')) throw new Error(`file path ${JSON.stringify(raw)} must be absolute`);
  const isDir = raw.endsWith('/');
  const path = normalizePath(raw);
  const display = isDir && path !== '/' ? `${path}/` : path;
  if (isDir && (params.content !== undefined || params.source !== undefined)) {
    throw new Error(`${display} is a directory (it ends in /): content and source are for files only`);
  }
  if (!isDir && (params.purge || params.recurse)) {
    throw new Error(`${display}: purge and recurse are for directories only; end the path with / to manage a directory`);
  }
  return {
    path,
    display,
    isDir,
    state: params.state ?? 'exists',
    content: params.content,
    source: params.source,
    mode: params.mode === undefined ? undefined : parseInt(params.mode, 8),
    owner: params.owner,
    group: params.group,
    purge: params.purge,
    recurse: params.recurse,
  };
}

/** `0644`-style text for a mode, as users write it. */
export const formatMode = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

/**
 * What check found and apply does, in that order: remove, or clear → mkdir/write → attrs →
 * purge. Every step is safe to repeat, so applying one diff twice is harmless.
 */
export interface FileDiff {
  /** Normalised path, no trailing slash. */
  readonly path: string;
  /** The path for messages: directories keep their trailing slash. */
  readonly display: string;
  readonly isDir: boolean;
  /** state "absent": remove what is at the path (a directory with everything in it). */
  readonly remove: boolean;
  /** Directories: a non-directory is in the way; unlink it (never its target) first. */
  readonly clear: boolean;
  /** Directories: create it. */
  readonly mkdir: boolean;
  /** Files: the full new content, written atomically (create, replace or rewrite). */
  readonly write: Buffer | undefined;
  /** Attributes to ensure; undefined leaves them as they are (or as the umask makes them). */
  readonly mode: number | undefined;
  readonly uid: number | undefined;
  readonly gid: number | undefined;
  /** Directories with purge: absolute paths to remove. */
  readonly purge: readonly string[];
}

export const emptyDiff = (path: string, display: string, isDir: boolean): FileDiff => ({
  path,
  display,
  isDir,
  remove: false,
  clear: false,
  mkdir: false,
  write: undefined,
  mode: undefined,
  uid: undefined,
  gid: undefined,
  purge: [],
});

// Paths the way the Go mgmt's file resource splits them: a directory keeps its trailing
// slash, in the path and in its basename ("/tmp/a/" is dirname "/tmp/", basename "a/").

/** Everything up to and including the last `/` before the basename. */
export function goDirname(path: string): string {
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  return body.slice(0, body.lastIndexOf('/') + 1);
}

/** The last element, with a trailing `/` when the path is a directory. */
export function goBasename(path: string): string {
  return path.slice(goDirname(path).length);
}

/**
 * The Go file resource's path from `path`, `dirname` and `basename`: either of the last two
 * replaces that part of the path.
 */
export function goFilePath(path: string, dirname: string | undefined, basename: string | undefined): string {
  return (dirname || goDirname(path)) + (basename || goBasename(path));
}

/**
 * Where a collected file lands: the Go mgmt's `CollectPattern` sets the file's dirname to the
 * pattern, so `/tmp/mgmtA/f3a` collected with pattern `/tmp/mgmtB/` is `/tmp/mgmtB/f3a`.
 * An empty pattern keeps the exported path.
 */
export const rehome = (path: string, pattern: string): string => (pattern === '' ? path : goFilePath(path, pattern, undefined));

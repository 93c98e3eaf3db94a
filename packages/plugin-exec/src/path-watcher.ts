import { statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { posix } from 'node:path';

const statDir = (p: string): Stats | undefined => {
  try {
    const st = statSync(p);
    return st.isDirectory() ? st : undefined;
  } catch {
    return undefined;
  }
};

const isErrno = (err: unknown, ...codes: string[]): boolean =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' && codes.includes(err.code);

/**
 * Watches one path (which need not exist, nor its parent) through inotify on the directory
 * that holds it: creating, deleting, replacing or editing it calls `onEvent`. While the parent
 * is missing it watches the nearest existing ancestor for the next component, and moves down
 * as components appear (up when they go). Live when this returns: fs.watch adds its inotify
 * watch synchronously. libuv shares one kernel watch per directory between fs.watch handles,
 * so a watcher per exec costs no extra inotify watches. Returns the stop function.
 * Throws only if no directory up to `/` can be watched (ENOSPC: out of inotify watches).
 */
export function watchPath(path: string, onEvent: (reason: string) => void, onError: (err: Error) => void): () => void {
  const dir = posix.dirname(path);
  let watcher: FSWatcher | undefined;
  let at = '';
  let name = '';
  let identity = ''; // dev:ino of `at`: inotify follows the inode, not the path
  let closed = false;

  const arm = (): void => {
    for (;;) {
      let d = dir;
      let st = statDir(d);
      while (st === undefined && d !== '/') {
        d = posix.dirname(d);
        st = statDir(d);
      }
      const direct = d === dir;
      const next = direct ? posix.basename(path) : (posix.relative(d, dir).split('/')[0] ?? '');
      const id = st === undefined ? '' : `${st.dev}:${st.ino}`;
      if (d === at && next === name && id === identity) return;
      let fresh: FSWatcher;
      try {
        fresh = watch(d, (type, filename) => handle(fresh, type, filename));
      } catch (err) {
        // Gone between the stat and the watch: look again from the top.
        if (isErrno(err, 'ENOENT', 'ENOTDIR')) continue;
        throw err;
      }
      fresh.on('error', () => handle(fresh, 'error', null));
      watcher?.close();
      watcher = fresh;
      at = d;
      name = next;
      identity = id;
      // The next component may have appeared while we armed: then go one level deeper.
      if (direct || statDir(posix.join(d, next)) === undefined) return;
    }
  };

  function handle(from: FSWatcher, type: string, filename: string | null): void {
    if (closed || from !== watcher) return;
    // Our entry, an unnamed event, or the watched directory itself (deleted or moved: inotify
    // reports it under its own basename, which an entry may share, so arm() compares inodes).
    if (filename !== null && filename !== name && filename !== posix.basename(at) && type !== 'error') return;
    const reason = `${type} ${filename === null ? at : posix.join(at, filename)}`;
    if (type === 'error') identity = ''; // that watcher is closed: make arm() replace it
    try {
      arm(); // a no-op unless a component appeared or went
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    // After re-arming, so whatever the check then misses, the new watch sees.
    onEvent(reason);
  }

  arm();
  return () => {
    closed = true;
    watcher?.close();
    watcher = undefined;
  };
}

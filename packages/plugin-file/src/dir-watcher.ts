import { statSync, watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';

/** One inotify event as subscribers see it. `gone`: the directory itself went away. */
export interface DirEvent {
  readonly type: string;
  /** The entry's name; null when the kernel did not say (then it may be anyone's). */
  readonly name: string | null;
  readonly gone: boolean;
}

interface Subscriber {
  /** The basename this subscriber cares about; null for every entry. */
  readonly name: string | null;
  readonly fn: (event: DirEvent) => void;
}

interface DirWatch {
  readonly dir: string;
  readonly watcher: FSWatcher;
  /** Subscribers by the name they care about (null: every name), so an event costs O(1). */
  readonly subs: Map<string | null, Set<Subscriber>>;
  size: number;
  /** The directory's identity when watched: inotify follows the inode, not the path. */
  readonly dev: number;
  readonly ino: number;
  dead: boolean;
}

/**
 * One fs.watch per directory, shared by every resource watching an entry in it: inotify
 * watches are a limited resource (fs.inotify.max_user_watches), and one per directory is
 * what the kernel needs anyway. Refcounted: the last unsubscribe closes it.
 */
const watches = new Map<string, DirWatch>();

/** Live fs watchers in this process, or for one directory. Exposed for tests and metrics. */
export const activeWatchers = (dir?: string): number => (dir === undefined ? watches.size : watches.has(dir) ? 1 : 0);

/**
 * Whether `dir` has a live watcher. Then it was a directory when watched, and if it has gone
 * since, its watcher is about to tell every subscriber so (`gone`).
 */
export const isWatched = (dir: string): boolean => watches.has(dir);

/**
 * Subscribes to events for `name` in `dir` (every name if null). The watcher is live when
 * this returns: fs.watch adds the inotify watch synchronously. Throws if `dir` cannot be
 * watched (ENOENT, ENOTDIR, ENOSPC when out of inotify watches).
 */
export function subscribe(dir: string, name: string | null, fn: (event: DirEvent) => void): () => void {
  const w = watches.get(dir) ?? open(dir);
  const sub: Subscriber = { name, fn };
  const set = w.subs.get(name) ?? new Set();
  set.add(sub);
  w.subs.set(name, set);
  w.size++;
  return () => {
    if (!set.delete(sub)) return;
    if (set.size === 0 && w.subs.get(name) === set) w.subs.delete(name);
    if (--w.size === 0) kill(w, false);
  };
}

function open(dir: string): DirWatch {
  const st = statSync(dir);
  // Declared before the callback can run: events are delivered on a later tick.
  const w: DirWatch = {
    dir,
    watcher: watch(dir, (type, filename) => onEvent(w, type, filename)),
    subs: new Map(),
    size: 0,
    dev: st.dev,
    ino: st.ino,
    dead: false,
  };
  w.watcher.on('error', () => kill(w, true));
  watches.set(dir, w);
  return w;
}

function onEvent(w: DirWatch, type: string, filename: string | null): void {
  if (w.dead) return;
  const event: DirEvent = { type, name: filename, gone: false };
  const targets = filename === null ? [...w.subs.values()].flatMap((s) => [...s]) : [...(w.subs.get(filename) ?? []), ...(w.subs.get(null) ?? [])];
  for (const sub of targets) sub.fn(event);
  // Deleting or moving the watched directory is reported under its own basename, which an
  // entry may share; its identity tells the cases apart.
  if (filename === null || filename === posix.basename(w.dir)) void verify(w);
}

async function verify(w: DirWatch): Promise<void> {
  try {
    const st = await stat(w.dir);
    if (st.dev === w.dev && st.ino === w.ino) return;
  } catch {
    // gone
  }
  kill(w, true);
}

/** Closes a watcher. With `gone`, subscribers learn that the directory went away. */
function kill(w: DirWatch, gone: boolean): void {
  if (w.dead) return;
  w.dead = true;
  if (watches.get(w.dir) === w) watches.delete(w.dir);
  w.watcher.close();
  if (!gone) return;
  const subs = [...w.subs.values()].flatMap((s) => [...s]);
  w.subs.clear();
  w.size = 0;
  for (const sub of subs) sub.fn({ type: 'gone', name: null, gone: true });
}

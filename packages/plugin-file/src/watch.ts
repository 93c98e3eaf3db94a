import { posix } from 'node:path';
import type { StopWatch, WatchContext } from '@mgmt/resource';
import { keptDirsBelow, managedPaths } from './managed.js';
import type { FileParams } from './params.js';
import { isOwnEvent } from './self-events.js';
import { resolveSpec } from './spec.js';
import type { FileState } from './state.js';
import { WatchTarget } from './watch-target.js';

export { activeWatchers } from './dir-watcher.js';

export type FileWatchContext = WatchContext<FileParams, FileState>;

/**
 * Watches the path through inotify on its parent directory (shared with every other
 * resource there), so creating, deleting, editing, chmod-ing or replacing it is seen within
 * milliseconds. A purging directory also watches its own entries (with recurse, those of
 * every kept subdirectory too). It does not watch the graph: when a graph swap changes which
 * paths are managed, re-checking the directory is the engine's job.
 * Events for the path that our own apply caused are dropped: while the path is exactly as
 * the apply left it (inode, size, times, mode, owner), there is nothing to check. Events for
 * a purging directory's entries always go through.
 */
export async function watch(ctx: FileWatchContext): Promise<StopWatch> {
  const spec = resolveSpec(ctx.params, ctx.name);
  const targets = new Map<string, WatchTarget>();
  const fire = (reason: string): void => ctx.event(reason);
  const fail = (err: Error): void => ctx.error(err);
  const add = (dir: string, name: string | null, ignore?: () => boolean): void => {
    const key = `${dir}\0${name ?? ''}`;
    if (targets.has(key)) return;
    const target = new WatchTarget(dir, name, fire, fail, ignore);
    target.arm();
    targets.set(key, target);
  };
  let follow: FileWatchContext['state']['followKept'];
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    ctx.signal.removeEventListener('abort', stop);
    if (ctx.state.followKept === follow) ctx.state.followKept = undefined;
    for (const t of targets.values()) t.close();
    targets.clear();
  };

  try {
    if (spec.path !== '/') add(posix.dirname(spec.path), posix.basename(spec.path), () => isOwnEvent(ctx.state, spec.path));
    if (spec.isDir && spec.purge) {
      add(spec.path, null);
      if (spec.recurse) {
        syncKept(spec.path, keptDirsBelow(spec.path, managedPaths(ctx.graph)), targets, add);
        follow = (kept) => {
          if (stopped) return;
          try {
            syncKept(spec.path, kept, targets, add);
          } catch (err) {
            fail(err instanceof Error ? err : new Error(String(err)));
          }
        };
        ctx.state.followKept = follow;
      }
    }
  } catch (err) {
    stop();
    throw err;
  }
  ctx.signal.addEventListener('abort', stop, { once: true });
  return stop;
}

/**
 * With recurse, purge looks inside kept subdirectories, so it watches them too: a target
 * per kept directory, dropped when it is no longer kept. Check passes each new kept set.
 */
function syncKept(root: string, kept: ReadonlySet<string>, targets: Map<string, WatchTarget>, add: (dir: string, name: string | null) => void): void {
  for (const dir of kept) add(dir, null);
  for (const [key, t] of targets) {
    const [dir, name] = key.split('\0');
    if (name === '' && dir !== root && dir !== undefined && !kept.has(dir)) {
      t.close();
      targets.delete(key);
    }
  }
}

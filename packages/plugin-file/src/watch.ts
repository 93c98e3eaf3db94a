import { posix } from 'node:path';
import type { StopWatch, WatchContext } from '@mgmt/resource';
import { keptDirsBelow, onManagedChange } from './managed.js';
import type { FileParams } from './params.js';
import { resolveSpec } from './spec.js';
import { ensureRegistered, releaseRegistration, type FileState } from './state.js';
import { WatchTarget } from './watch-target.js';

export { activeWatchers } from './dir-watcher.js';

export type FileWatchContext = WatchContext<FileParams, FileState>;

/**
 * Watches the path through inotify on its parent directory (shared with every other
 * resource there), so creating, deleting, editing, chmod-ing or replacing it is seen within
 * milliseconds. A purging directory also watches its own entries (with recurse, those of
 * every kept subdirectory too) and re-checks when a path inside stops being managed.
 * Events caused by our own apply arrive as well; the engine's check then finds nothing to do.
 */
export async function watch(ctx: FileWatchContext): Promise<StopWatch> {
  const spec = resolveSpec(ctx.params, ctx.name);
  ensureRegistered(ctx.state, ctx.signal, spec);
  const targets = new Map<string, WatchTarget>();
  const fire = (reason: string): void => ctx.event(reason);
  const fail = (err: Error): void => ctx.error(err);
  const add = (dir: string, name: string | null): void => {
    const key = `${dir}\0${name ?? ''}`;
    if (targets.has(key)) return;
    const target = new WatchTarget(dir, name, fire, fail);
    target.arm();
    targets.set(key, target);
  };
  let offManaged = (): void => {};
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    ctx.signal.removeEventListener('abort', stop);
    offManaged();
    for (const t of targets.values()) t.close();
    targets.clear();
    releaseRegistration(ctx.state);
  };

  try {
    if (spec.path !== '/') add(posix.dirname(spec.path), posix.basename(spec.path));
    if (spec.isDir && spec.purge) {
      add(spec.path, null);
      if (spec.recurse) syncKept(spec.path, targets, add);
      const inside = `${spec.path === '/' ? '' : spec.path}/`;
      offManaged = onManagedChange((path, change) => {
        if (!path.startsWith(inside)) return;
        try {
          if (spec.recurse) syncKept(spec.path, targets, add);
        } catch (err) {
          fail(err instanceof Error ? err : new Error(String(err)));
        }
        if (change === 'unregister') fire(`${path} is no longer managed`);
      });
    }
  } catch (err) {
    stop();
    throw err;
  }
  ctx.signal.addEventListener('abort', stop, { once: true });
  return stop;
}

/**
 * With recurse, purge looks inside kept subdirectories, so it watches them too. They
 * follow the registry: a target per kept directory, dropped when it is no longer kept.
 */
function syncKept(root: string, targets: Map<string, WatchTarget>, add: (dir: string, name: string | null) => void): void {
  const kept = keptDirsBelow(root);
  for (const dir of kept) add(dir, null);
  for (const [key, t] of targets) {
    const [dir, name] = key.split('\0');
    if (name === '' && dir !== root && dir !== undefined && !kept.has(dir)) {
      t.close();
      targets.delete(key);
    }
  }
}

import { watch, type FSWatcher } from 'node:fs';

/** dpkg rewrites its status file in bursts (status-new, then rename); one event per burst is enough. */
export const DEBOUNCE_MS = 100;

interface Subscriber {
  readonly onChange: (reason: string) => void;
  readonly onError: (err: Error) => void;
}

interface Shared {
  readonly watcher: FSWatcher;
  readonly subscribers: Set<Subscriber>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const shared = new Map<string, Shared>();

/**
 * Watches `dir` through inotify for entries accepted by `filter`, with ONE watcher per
 * directory in the process, shared by every subscriber; events are debounced. The
 * returned stop function unsubscribes; the last one out closes the watcher.
 */
export function subscribeDir(dir: string, filter: (name: string) => boolean, reason: string, sub: Subscriber): () => void {
  let entry = shared.get(dir);
  if (!entry) {
    const subscribers = new Set<Subscriber>();
    const watcher = watch(dir, { persistent: true }, (_type, name) => {
      if (name === null || !filter(name.toString())) return;
      const e = shared.get(dir);
      if (!e) return;
      clearTimeout(e.timer);
      e.timer = setTimeout(() => {
        for (const s of e.subscribers) s.onChange(`${reason} (${name.toString()})`);
      }, DEBOUNCE_MS);
    });
    watcher.on('error', (err) => {
      // A broken watcher is dropped, so the watches the engine restarts get a fresh one.
      watcher.close();
      if (shared.get(dir)?.watcher === watcher) shared.delete(dir);
      for (const s of subscribers) s.onError(err);
    });
    entry = { watcher, subscribers, timer: undefined };
    shared.set(dir, entry);
  }
  const e = entry;
  e.subscribers.add(sub);
  return () => {
    if (!e.subscribers.delete(sub) || e.subscribers.size > 0) return;
    clearTimeout(e.timer);
    e.watcher.close();
    if (shared.get(dir) === e) shared.delete(dir);
  };
}

/** How many directories are watched right now (tests check nothing leaks). */
export const watchedDirs = (): number => shared.size;

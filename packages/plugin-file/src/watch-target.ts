import { statSync } from 'node:fs';
import { posix } from 'node:path';
import { isWatched, subscribe, type DirEvent } from './dir-watcher.js';

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The closest directory at or above `dir` that exists now (at worst `/`). A directory with a
 * live watcher needs no stat: subscribing there is right even if it just went, as its watcher
 * then reports it gone and the target re-arms. This saves a stat per file when many share a
 * directory.
 */
function nearestExisting(dir: string): string {
  let d = dir;
  while (d !== '/' && !isWatched(d) && !isDir(d)) d = posix.dirname(d);
  return d;
}

/** The name of the entry in `ancestor` that leads towards `dir`. */
const stepTowards = (ancestor: string, dir: string): string => {
  const rest = posix.relative(ancestor, dir);
  return rest.split('/')[0] ?? rest;
};

/**
 * Watches one entry (or all entries) of a directory that may not exist yet, or may be
 * deleted and made again. While `dir` is missing it watches the nearest existing ancestor
 * for the next path component, and moves down as components appear (and up when they go).
 */
export class WatchTarget {
  private unsubscribe: (() => void) | undefined;
  private armedAt = '';
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly name: string | null,
    private readonly onEvent: (reason: string) => void,
    private readonly onError: (err: Error) => void,
    /** Asked about each event for the entry itself (not a re-arm): true drops it. */
    private readonly ignore: () => boolean = () => false,
  ) {}

  /** Arms the watch, live on return. Throws if no watcher can be made. */
  arm(): void {
    for (;;) {
      const at = nearestExisting(this.dir);
      const direct = at === this.dir;
      const name = direct ? this.name : stepTowards(at, this.dir);
      const key = `${at}\0${name ?? ''}\0${direct}`;
      if (key !== this.armedAt) {
        // Subscribe before unsubscribing: a watcher shared with the old place stays open.
        const old = this.unsubscribe;
        this.unsubscribe = subscribe(at, name, (ev) => this.handle(ev, at, direct));
        this.armedAt = key;
        old?.();
      }
      // The next component may have appeared while we armed: then go one level deeper.
      if (direct || name === null || !isDir(posix.join(at, name))) return;
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private handle(ev: DirEvent, at: string, direct: boolean): void {
    if (this.closed) return;
    if (ev.gone || !direct) {
      if (ev.gone) this.armedAt = ''; // that subscription is gone with its watcher
      try {
        this.arm();
      } catch (err) {
        this.onError(err instanceof Error ? err : new Error(String(err)));
        return;
      }
    } else if (this.ignore()) {
      return;
    }
    // After re-arming, so whatever the engine's check then misses, the new watch sees.
    this.onEvent(ev.gone ? `${at}/ went away` : `${ev.type} ${posix.join(at, ev.name ?? '')}`);
  }
}

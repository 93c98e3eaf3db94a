import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '@mgmt/resource';

/**
 * Watches the files a program read with `file.read`. Each file is watched through its
 * directory (one `fs.watch` per directory), so a file that is replaced (editors write a new
 * file and rename it), deleted or created later is still seen. Watchers never keep the
 * process alive on their own.
 */
export class FileInputs {
  private readonly dirs = new Map<string, { watcher: FSWatcher; names: Set<string> }>();

  constructor(
    private readonly onChange: (path: string) => void,
    private readonly log: Logger,
  ) {}

  /** Watches exactly `paths` from now on (new ones added, others dropped). */
  set(paths: readonly string[]): void {
    const wanted = new Map<string, Set<string>>();
    for (const p of paths) {
      const dir = dirname(p);
      if (!wanted.has(dir)) wanted.set(dir, new Set());
      wanted.get(dir)!.add(basename(p));
    }
    for (const [dir, entry] of this.dirs) {
      if (!wanted.has(dir)) {
        entry.watcher.close();
        this.dirs.delete(dir);
      }
    }
    for (const [dir, names] of wanted) {
      const entry = this.dirs.get(dir);
      if (entry) {
        entry.names.clear();
        for (const n of names) entry.names.add(n);
        continue;
      }
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          const current = this.dirs.get(dir);
          // No name (some platforms): any change in the directory may be ours.
          if (!current) return;
          if (name === null || name === undefined) for (const n of current.names) this.onChange(`${dir}/${n}`);
          else if (current.names.has(name.toString())) this.onChange(`${dir}/${name.toString()}`);
        });
        watcher.on('error', (err) => this.log.warn(`cannot watch ${dir}: ${err.message}`, { event: 'watch' }));
        this.dirs.set(dir, { watcher, names });
      } catch (err) {
        this.log.warn(`cannot watch ${dir} for file.read: ${(err as Error).message}; changes there are not seen`, { event: 'watch' });
      }
    }
  }

  close(): void {
    for (const { watcher } of this.dirs.values()) watcher.close();
    this.dirs.clear();
  }
}

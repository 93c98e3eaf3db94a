import { createWriteStream, openSync } from 'node:fs';
import { eventStream, type Engine } from '@mgmt/engine';

const TAP = '@mgmt/cli:events-file';

/**
 * `--events FILE`: the engine's JSON-lines event stream, to FILE (truncated) or, for `-`, to
 * stdout. The file is opened now, so a bad path is an error before anything runs, and closed
 * when the engine stops. Throws what opening the file threw.
 */
export function eventsFile(engine: Engine, target: string, opts: { host: string; checks: boolean }): void {
  if (target === '-') {
    eventStream(engine, process.stdout, opts);
    return;
  }
  const out = createWriteStream('', { fd: openSync(target, 'w') });
  eventStream(engine, out, opts);
  engine.hooks.stopped.tapPromise(TAP, () => new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  }));
}

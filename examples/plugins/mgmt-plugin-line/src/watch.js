import { watch as fsWatch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Watches the file's directory (not the file: an atomic replace, ours or an editor's, swaps
 * the inode a file watch would hold). Resolves once the watcher is live. Events for other
 * names in the directory are ignored; an event without a name (some platforms) counts.
 * @param {import('@mgmt/resource').WatchContext<import('./params.js').LineParams>} ctx
 * @returns {Promise<import('@mgmt/resource').StopWatch>}
 */
export async function watch(ctx) {
  const dir = dirname(ctx.params.path);
  const name = basename(ctx.params.path);
  let watcher;
  try {
    watcher = fsWatch(dir, { persistent: false });
  } catch (err) {
    throw new Error(`cannot watch ${dir} for ${ctx.params.path}: ${/** @type {Error} */ (err).message}`, { cause: err });
  }
  watcher.on('change', (type, file) => {
    if (file == null || file.toString() === name) ctx.event(`${type} ${ctx.params.path}`);
  });
  watcher.on('error', (err) => ctx.error(err));
  const stop = () => {
    ctx.signal.removeEventListener('abort', stop);
    watcher.close();
  };
  ctx.signal.addEventListener('abort', stop, { once: true });
  return stop;
}

import type { StopWatch } from '@mgmt/resource';
import { createsPath } from './creates.js';
import { watchPath } from './path-watcher.js';
import type { ExecWatchContext } from './state.js';
import { watchCommand } from './watch-cmd.js';

/**
 * An exec watches what can change its check's verdict:
 * - `creates`: the path, through inotify on its directory, so deleting what the command made
 *   is an event, and the check that follows finds the guard allowing again (and runs it).
 *   Our own run creating the path is an event too; the check after it is one stat.
 * - `watchcmd`: each line it prints (see `watchCommand`).
 *
 * With neither there is nothing to watch: the watch is live at once and never fires. (The
 * kind still declares `watch`, because whether it can watch depends on params, and a watch
 * that never fires is exactly right: an unguarded exec runs once per vertex life.)
 * `ifcmd` is not watched: it is a command, with nothing to subscribe to; `Meta:poll` re-runs it.
 */
export async function watchExec(ctx: ExecWatchContext): Promise<StopWatch> {
  const p = ctx.params;
  const path = createsPath(p);
  const stops: StopWatch[] = [];
  const stop = async (): Promise<void> => {
    ctx.signal.removeEventListener('abort', onAbort);
    await Promise.all(stops.splice(0).map((s) => s()));
  };
  function onAbort(): void {
    void stop();
  }
  // `/` always exists: nothing could ever happen to it that matters to the guard.
  if (path !== undefined && path !== '/') {
    stops.push(watchPath(path, (reason) => ctx.event(`creates: ${reason}`), (err) => ctx.error(err)));
  }
  if (p.watchcmd !== undefined) {
    try {
      stops.push(await watchCommand(ctx, p.watchcmd));
    } catch (err) {
      await stop();
      throw err;
    }
  }
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  return stop;
}

import type { StopWatch, WatchContext } from '@mgmt/resource';
import { chooseBackend } from './detect.js';
import type { PkgParams } from './params.js';

/**
 * apt: inotify on dpkg's status file (any tool's change is an event), plus apt's lists for
 * `newest`. PackageKit: the daemon's UpdatesChanged, RepoListChanged and finished foreign
 * transactions. Both are shared by every pkg resource of the process.
 */
export async function watch(ctx: WatchContext<PkgParams>): Promise<StopWatch> {
  const backend = await chooseBackend(ctx.params.backend);
  const stop = await backend.watch(
    (reason) => ctx.event(reason),
    (err) => ctx.error(err),
    { repositories: ctx.params.state === 'newest' },
  );
  ctx.signal.addEventListener('abort', () => void stop(), { once: true });
  return stop;
}

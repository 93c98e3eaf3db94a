import type { Action, Backend, PackageOp } from '../backend.js';
import { subscribeDir } from './dir-watch.js';
import { aptStatus } from './query.js';
import { runCommand, tail } from './run.js';

export const DPKG_DIR = '/var/lib/dpkg';
export const APT_LISTS_DIR = '/var/lib/apt/lists';

/** Never ask: keep changed config files, take the default for new ones, wait for the dpkg lock. */
const APT_OPTIONS = [
  '-y',
  '-q',
  '-o', 'Dpkg::Options::=--force-confdef',
  '-o', 'Dpkg::Options::=--force-confold',
  '-o', 'DPkg::Lock::Timeout=300',
];

/** The `apt-get` arguments for one transaction (exported for tests and docs). */
export function aptGetArgs(action: Action, ops: readonly PackageOp[]): string[] {
  if (action === 'remove') return [...APT_OPTIONS, 'remove', ...specs(ops)];
  return [...APT_OPTIONS, '--no-install-recommends', '--allow-downgrades', 'install', ...specs(ops)];
}

/** `name`, or `name=version` to pin one version. */
const specs = (ops: readonly PackageOp[]): string[] => ops.map((o) => (o.version ? `${o.name}=${o.version}` : o.name));

/** dpkg-query to read, apt-get to change, inotify on dpkg's status file to watch. */
export const aptBackend: Backend = {
  name: 'apt',
  status: aptStatus,
  async run(action, ops) {
    const args = aptGetArgs(action, ops);
    const r = await runCommand('apt-get', args, { DEBIAN_FRONTEND: 'noninteractive' });
    if (r.code !== 0) {
      const verb = action === 'remove' ? 'remove' : 'install';
      throw new Error(`apt-get ${verb} ${specs(ops).join(' ')} failed (exit ${r.code}): ${tail(r.stderr || r.stdout)}`);
    }
  },
  async watch(onChange, onError, { repositories }) {
    // dpkg writes status-new and renames it over status: both name `status*`.
    const stops = [subscribeDir(DPKG_DIR, (n) => n === 'status' || n === 'status-new', 'dpkg status changed', { onChange, onError })];
    if (repositories) {
      try {
        stops.push(subscribeDir(APT_LISTS_DIR, (n) => n !== 'lock' && n !== 'partial', 'apt lists changed', { onChange, onError }));
      } catch (err) {
        for (const s of stops) s();
        throw err;
      }
    }
    return () => {
      for (const s of stops) s();
    };
  },
};

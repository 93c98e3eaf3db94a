import type { AvailableVersion, Backend, PackageStatus } from '../backend.js';
import { withSystemBus } from './bus.js';
import { FILTER_ARCH, FLAG_ALLOW_DOWNGRADE, FLAG_ONLY_TRUSTED, INFO_AVAILABLE, INFO_INSTALLED, parsePackageId } from './enums.js';
import { compareVersions } from '../version.js';
import { runTransaction } from './transaction.js';
import { watchDaemon } from './watch.js';

/** Reads a package through Resolve: the Package signals say installed (info 1) or available (info 2). */
async function status(pkg: string): Promise<PackageStatus> {
  const signals = await withSystemBus((bus) => runTransaction(bus, 'Resolve', [FILTER_ARCH, [pkg]]));
  let installed: string | null = null;
  let installedId: string | undefined;
  const available: AvailableVersion[] = [];
  for (const s of signals) {
    const id = parsePackageId(s.packageId);
    if (id.name !== pkg.split(':')[0]) continue;
    if (s.info === INFO_INSTALLED) {
      installed = id.version;
      installedId = s.packageId;
    }
    else if (s.info === INFO_AVAILABLE && !available.some((a) => a.packageId === s.packageId)) available.push({ version: id.version, packageId: s.packageId });
  }
  // The candidate is the newest version known, installed or not.
  const versions = [...available.map((a) => a.version), ...(installed === null ? [] : [installed])];
  const candidate = versions.sort(compareVersions).at(-1) ?? null;
  return { installed, candidate, available, ...(installedId ? { installedId } : {}) };
}

/** PackageKit over D-Bus on the system bus: one transaction per call. */
export const packagekitBackend: Backend = {
  name: 'packagekit',
  status,
  async run(action, ops) {
    const ids = [...new Set(ops.map((o) => o.packageId ?? o.name))];
    await withSystemBus(async (bus) => {
      if (action === 'remove') await runTransaction(bus, 'RemovePackages', [0n, ids, true, false]);
      else if (action === 'update') await runTransaction(bus, 'UpdatePackages', [FLAG_ONLY_TRUSTED | FLAG_ALLOW_DOWNGRADE, ids]);
      else await runTransaction(bus, 'InstallPackages', [FLAG_ONLY_TRUSTED, ids]);
    });
  },
  watch: (onChange, onError) => watchDaemon(onChange, onError),
};

import type { BackendName, PackageStatus } from './backend.js';
import type { PkgDiff } from './diff.js';
import { isExactVersion } from './params.js';

/**
 * What it takes to bring `name` from `status` to `state`, or null when nothing. Throws when
 * the state cannot be reached at all (no such package or version to install).
 */
export function plan(backend: BackendName, name: string, state: string, status: PackageStatus): PkgDiff | null {
  const from = status.installed;
  const base = { backend, from };
  if (state === 'uninstalled') {
    if (from === null) return null;
    return { ...base, action: 'remove', op: { name, ...(status.installedId ? { packageId: status.installedId } : {}) }, to: null };
  }
  if (state === 'installed') {
    if (from !== null) return null;
    if (backend === 'apt') return { ...base, action: 'install', op: { name }, to: null };
    return { ...base, action: 'install', op: { name, packageId: pick(name, status, status.candidate) }, to: status.candidate };
  }
  const target = isExactVersion(state) ? state : status.candidate;
  if (target === null) {
    // newest with no candidate: an installed package is as new as anything known.
    if (from !== null) return null;
    throw new Error(`no installation candidate for package ${name}; check the name, or refresh the package lists (apt-get update)`);
  }
  if (from === target) return null;
  if (backend === 'apt') return { ...base, action: 'install', op: { name, version: target }, to: target };
  return { ...base, action: from === null ? 'install' : 'update', op: { name, packageId: pick(name, status, target) }, to: target };
}

/** The PackageKit id of `version` among the available packages. */
function pick(name: string, status: PackageStatus, version: string | null): string {
  const found = version === null ? undefined : status.available.find((a) => a.version === version);
  if (found?.packageId) return found.packageId;
  const versions = status.available.map((a) => a.version);
  throw new Error(
    version === null
      ? `PackageKit knows no installable package ${name}`
      : `PackageKit offers no version ${version} of ${name}${versions.length ? ` (available: ${versions.join(', ')})` : ''}`,
  );
}

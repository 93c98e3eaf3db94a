import type { PackageStatus } from '../backend.js';
import { runCommand, tail } from './run.js';

/**
 * The installed version, or null. `dpkg-query` exits 1 for a package dpkg never heard of;
 * a known package may also be removed with its config files kept (`deinstall ok
 * config-files`), which counts as not installed.
 */
export async function installedVersion(pkg: string): Promise<string | null> {
  const r = await runCommand('dpkg-query', ['-W', '-f=${Status}\t${Version}\n', pkg]);
  if (r.code === 1) return null;
  if (r.code !== 0) throw new Error(`dpkg-query -W ${pkg} failed (exit ${r.code}): ${tail(r.stderr)}`);
  for (const line of r.stdout.split('\n')) {
    const [status, version] = line.split('\t');
    if (status?.split(' ')[2] === 'installed' && version) return version;
  }
  return null;
}

/** apt's candidate version (`apt-cache policy`), or null when apt knows none (no lists, unknown name). */
export async function candidateVersion(pkg: string): Promise<string | null> {
  const r = await runCommand('apt-cache', ['policy', pkg]);
  if (r.code !== 0) throw new Error(`apt-cache policy ${pkg} failed (exit ${r.code}): ${tail(r.stderr)}`);
  const m = /^\s*Candidate:\s*(\S+)/m.exec(r.stdout);
  return m?.[1] && m[1] !== '(none)' ? m[1] : null;
}

export async function aptStatus(pkg: string, withCandidate: boolean): Promise<PackageStatus> {
  const [installed, candidate] = await Promise.all([installedVersion(pkg), withCandidate ? candidateVersion(pkg) : Promise.resolve(null)]);
  return { installed, candidate, available: candidate ? [{ version: candidate }] : [] };
}

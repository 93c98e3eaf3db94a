import { candidateVersion, installedVersion } from '../../src/apt/query.js';
import { spawnRunner } from '../../src/apt/run.js';

/** Small packages with no dependencies beyond libc and ncurses, and nothing depending on them. */
export const TEST_PACKAGES = ['sl', 'cmatrix', 'hello'] as const;

/** Why the real apt tests cannot run here, or undefined when they can. */
export async function aptUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'not root';
  if ((await spawnRunner('apt-get', ['--version'])).code !== 0) return 'no apt-get';
  for (const p of TEST_PACKAGES) {
    if ((await candidateVersion(p)) === null) return `apt-cache policy ${p} shows no candidate (run apt-get update; .ci/run does)`;
  }
  return undefined;
}

/** Changes packages behind the agent's back, as an admin would. */
export async function aptGet(verb: 'install' | 'remove', names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const r = await spawnRunner('apt-get', ['-y', '-q', '-o', 'DPkg::Lock::Timeout=300', '--no-install-recommends', verb, ...names], { DEBIAN_FRONTEND: 'noninteractive' });
  if (r.code !== 0) throw new Error(`apt-get ${verb} ${names.join(' ')} failed: ${r.stderr}`);
}

/** Installs or removes each of `names` as needed so that exactly `wanted` of them are installed. */
export async function ensure(names: readonly string[], wanted: ReadonlySet<string>): Promise<void> {
  const now = await Promise.all(names.map(async (n) => [n, (await installedVersion(n)) !== null] as const));
  await aptGet('remove', now.filter(([n, on]) => on && !wanted.has(n)).map(([n]) => n));
  await aptGet('install', now.filter(([n, on]) => !on && wanted.has(n)).map(([n]) => n));
}

export const isInstalled = async (name: string): Promise<boolean> => (await installedVersion(name)) !== null;

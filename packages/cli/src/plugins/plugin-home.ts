import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The plugin home's own manifest: a private npm project whose dependencies are the plugins. */
export const HOME_MANIFEST = { private: true, name: 'mgmt-plugin-home' } as const;

/**
 * npm settings of the home: a plugin added from a folder is copied in (like a tarball), not
 * symlinked, so it resolves its peer `@mgmt/resource` from the home; npm forgets a one-off
 * `--install-links` on its next install in the home, hence the file.
 */
export const HOME_NPMRC = 'install-links=true\n';

/** Creates the plugin home (a tiny npm project) if it does not exist yet. */
export async function ensureHome(home: string): Promise<void> {
  await mkdir(home, { recursive: true });
  const manifest = join(home, 'package.json');
  if (!existsSync(manifest)) await writeFile(manifest, JSON.stringify(HOME_MANIFEST, null, 2) + '\n');
  const npmrc = join(home, '.npmrc');
  if (!existsSync(npmrc)) await writeFile(npmrc, HOME_NPMRC);
}

/** The home's `dependencies`, as npm recorded them (name → spec). */
export function homeDependencies(home: string): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    return { ...manifest.dependencies };
  } catch {
    return {};
  }
}

/** Where a plugin in the home was installed from, as `mgmt plugin list` shows it. */
export type InstallSource = 'registry' | 'folder' | 'tarball' | 'git' | 'url' | 'unknown';

/**
 * Where npm installed `name` from, read from the spec it saved in the home's package.json
 * (`1.2.3` from a registry, `file:…` for a folder or tarball), as npm-package-arg tells them.
 */
export function installSource(home: string, name: string): InstallSource {
  const spec = homeDependencies(home)[name];
  if (spec === undefined) return 'unknown';
  if (spec.startsWith('file:')) return /\.(tgz|tar\.gz|tar)$/.test(spec) ? 'tarball' : 'folder';
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(spec) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec)) return 'git';
  if (/^https?:/.test(spec)) return 'url';
  return 'registry';
}

/** The installed version of a package in the home, from its own package.json. */
export function homeVersion(home: string, name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(home, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export interface NpmResult {
  readonly code: number;
  /** stdout and stderr interleaved, as a user would have seen them. */
  readonly output: string;
  readonly stdout: string;
}

/** Runs npm in the home (`--prefix` pins it there, whatever the cwd or a parent workspace). */
export function npm(home: string, args: readonly string[]): Promise<NpmResult> {
  const bin = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve) => {
    const child = spawn(bin, [...args, '--prefix', home], { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', (err) => resolve({ code: 127, output: `cannot run npm: ${err.message}`, stdout: '' }));
    child.on('close', (code) => resolve({ code: code ?? 1, output, stdout }));
  });
}

type Exports = string | null | readonly Exports[] | { readonly [key: string]: Exports };

/** The file an ESM `import` of a package's root would load, from its `exports` (node 20 has no `import.meta.resolve(x, parent)`). */
function importTarget(exp: Exports): string | undefined {
  if (typeof exp === 'string') return exp;
  if (exp === null) return undefined;
  if (Array.isArray(exp)) return exp.map(importTarget).find((t) => t !== undefined);
  const map = exp as { readonly [key: string]: Exports };
  if ('.' in map) return importTarget(map['.']!);
  for (const cond of ['node', 'import', 'default']) if (cond in map) return importTarget(map[cond]!);
  return undefined;
}

/**
 * Imports a package installed in the plugin home. Resolves it as `require` would from the
 * home's package.json; an ESM-only package (no `require` export) is resolved from its
 * `exports` with the `import` condition instead.
 */
export async function importFromHome(home: string, name: string): Promise<unknown> {
  const require = createRequire(join(home, 'package.json'));
  let file: string;
  try {
    file = require.resolve(name);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw err;
    const dir = join(home, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Exports };
    const target = manifest.exports === undefined ? undefined : importTarget(manifest.exports);
    if (!target) throw err;
    file = join(dir, target);
  }
  return import(pathToFileURL(file).href);
}

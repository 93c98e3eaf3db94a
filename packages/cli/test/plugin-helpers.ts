import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, type Result } from './helpers.js';

const BIN = join(ROOT, 'packages/cli/src/bin.ts');
/** tsx by file URL: `--import=tsx` would resolve from the child's cwd, a temp dir. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
export const FIXTURES = join(ROOT, 'packages/cli/test/fixtures/plugins');

/** The environment without npm's own `npm_config_*` (set by `npx ava`), plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !k.startsWith('MGMT_')) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command to completion. */
export function run(cmd: string, args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Result> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** `mgmt ARGS` from source, in `cwd`, with `env` added to a clean environment. */
export const mgmtIn = (cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Result> =>
  run(process.execPath, [`--import=${TSX}`, '--conditions=@mgmt/source', BIN, ...args], {
    cwd,
    env: cleanEnv({ MGMT_CACHE_DIR: 'off', ...env }),
  });

export const tempDir = (prefix = 'mgmt-plugin-'): Promise<string> => mkdtemp(join(tmpdir(), prefix));

/**
 * The plugins' peer `@mgmt/resource` and its `zod`, packed from this checkout into `dir` as
 * they would be published; returns the tarballs. Packing needs `packages/resource/dist`
 * (`npm run build`). The packed manifest drops the `@mgmt/source` export condition: the
 * tests run the agent with that condition, and a published tarball has no `src/` for it to
 * point at.
 */
export async function packContract(dir: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<string[]> {
  const stage = join(dir, 'stage', 'resource');
  await cp(join(ROOT, 'packages/resource/dist'), join(stage, 'dist'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(ROOT, 'packages/resource/package.json'), 'utf8')) as { exports: unknown };
  const strip = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    delete (o as Record<string, unknown>)['@mgmt/source'];
    Object.values(o).forEach(strip);
  };
  strip(manifest.exports);
  await writeFile(join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', dir, stage, join(ROOT, 'node_modules/zod')], { cwd: dir, env });
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  return packed.stdout.trim().split('\n').map((f) => join(dir, f.trim()));
}

/**
 * A plugin home that npm can install into with no network: `npm_config_offline` and an empty
 * private cache, and the plugins' peer `@mgmt/resource` (with its `zod`) pre-installed from
 * tarballs packed from this checkout (`packContract`).
 */
export async function offlinePluginHome(): Promise<{ dir: string; home: string; env: Record<string, string> }> {
  const dir = await tempDir();
  const home = join(dir, 'home');
  const env = { npm_config_offline: 'true', npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false' };
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'package.json'), JSON.stringify({ private: true, name: 'mgmt-plugin-home' }, null, 2) + '\n');
  const npmEnv = cleanEnv(env);
  const tarballs = await packContract(dir, npmEnv);
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...tarballs], { cwd: home, env: npmEnv });
  if (installed.code !== 0) throw new Error(`npm install of the contract failed: ${installed.stderr}`);
  return { dir, home, env: { ...env, MGMT_PLUGIN_HOME: home } };
}

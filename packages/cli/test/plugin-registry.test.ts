import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from './helpers.js';
import { deadRegistryUrl, startRegistry, type LocalRegistry } from './npm-registry.js';
import { mgmtIn, packContract, run, tempDir } from './plugin-helpers.js';

// `mgmt plugin add NAME@RANGE` from a registry, as a user would run it: a tiny npm registry
// on 127.0.0.1 serves examples/plugins/mgmt-plugin-line (0.1.0 as packed, and a 0.2.0 of the
// same code) and its peer @mgmt/resource with zod, packed from this checkout. npm is pointed
// at it through `npm_config_registry` or the plugin home's `.npmrc`, with an empty cache:
// nothing comes from anywhere else. Needs `npm run build` (packages/resource/dist).

const EXAMPLE = join(ROOT, 'examples/plugins/mgmt-plugin-line');
const NAME = 'mgmt-plugin-line';

let dir: string;
let registry: LocalRegistry;

interface Lockfile {
  packages: Record<string, { version?: string; integrity?: string; resolved?: string }>;
}
const json = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;
const deps = async (home: string) => (await json<{ dependencies?: Record<string, string> }>(join(home, 'package.json'))).dependencies ?? {};
/** A fresh project (cwd) and plugin home, and npm's settings for them (a private, empty cache). */
async function fresh(name: string) {
  const project = join(dir, name, 'project');
  const home = join(dir, name, 'home');
  await mkdir(project, { recursive: true });
  return { project, home, env: { MGMT_PLUGIN_HOME: home, npm_config_cache: join(dir, name, 'npm-cache'), npm_config_update_notifier: 'false' } };
}

test.before(async () => {
  dir = await tempDir('mgmt-registry-');
  const packs = join(dir, 'packs');
  await mkdir(packs);
  const contract = await packContract(packs);
  const next = join(dir, 'src', 'line-0.2.0');
  await cp(EXAMPLE, next, { recursive: true });
  const manifest = await json<Record<string, unknown>>(join(next, 'package.json'));
  await writeFile(join(next, 'package.json'), JSON.stringify({ ...manifest, version: '0.2.0' }, null, 2) + '\n');
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', packs, EXAMPLE, next], { cwd: dir });
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  registry = await startRegistry([...contract, ...packed.stdout.trim().split('\n').map((f) => join(packs, f.trim()))]);
});

test.after.always(async () => {
  await registry?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.serial('plugin add NAME@RANGE installs the version the range matches from the registry, pinned with its integrity', async (t) => {
  const { project, home, env } = await fresh('ok');
  const r = await mgmtIn(project, ['plugin', 'add', `${NAME}@^0.1`], { ...env, npm_config_registry: registry.url });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /added mgmt-plugin-line@0\.1\.0 \(kinds: line\) to the plugin home/);
  t.true(registry.requests.includes('/mgmt-plugin-line') && registry.requests.includes('/@mgmt%2fresource'), 'the plugin and its peer came from the registry');
  t.true(registry.requests.includes('/-/mgmt-plugin-line-0.1.0.tgz'), 'the range picked 0.1.0, not the latest 0.2.0');

  t.is((await deps(home))[NAME], '0.1.0', 'the exact version is saved');
  const lock = await json<Lockfile>(join(home, 'package-lock.json'));
  const pinned = lock.packages[`node_modules/${NAME}`];
  t.is(pinned?.version, '0.1.0');
  t.is(pinned?.integrity, registry.integrity(NAME, '0.1.0'), 'the lockfile pins the sha512 the registry served');
  t.is(lock.packages['node_modules/@mgmt/resource']?.integrity, registry.integrity('@mgmt/resource', '0.1.0'));
  t.deepEqual((await json<{ plugins: string[] }>(join(project, 'mgmtrc.json'))).plugins, [NAME]);

  const list = await mgmtIn(project, ['plugin', 'list'], env);
  t.is(list.code, 0, list.stderr);
  t.regex(list.stdout, /^line +mgmt-plugin-line +0\.1\.0 +registry +watch, autoedges$/m);
  t.regex(list.stdout, new RegExp(`^plugin home: ${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const rows = JSON.parse((await mgmtIn(project, ['plugin', 'list', '--json'], env)).stdout) as { kind: string; source: string; version: string; home?: string }[];
  t.like(rows.find((row) => row.kind === 'line'), { source: 'registry', version: '0.1.0', home });
});

test.serial("a range no published version matches fails, listing the versions, and installs nothing (registry from the home's .npmrc)", async (t) => {
  const { project, home, env } = await fresh('no-match');
  await mkdir(home, { recursive: true });
  await writeFile(join(home, '.npmrc'), `install-links=true\nregistry=${registry.url}\n`);
  const r = await mgmtIn(project, ['plugin', 'add', `${NAME}@^9`], env);
  t.is(r.code, 1, r.stdout);
  t.regex(r.stderr, /^error: no published version of mgmt-plugin-line matches \^9; published versions: 0\.1\.0, 0\.2\.0$/m);
  t.regex(r.stderr, /^nothing was installed into /m);
  t.notRegex(r.stderr, /npm error/, "npm's own output is replaced by the explanation");
  t.deepEqual(await deps(home), {});
  t.false(existsSync(join(home, 'node_modules', NAME)));
  t.false(existsSync(join(project, 'mgmtrc.json')), 'the config is not written');

  const missing = await mgmtIn(project, ['plugin', 'add', 'mgmt-plugin-nope'], env);
  t.is(missing.code, 1);
  t.regex(missing.stderr, new RegExp(`^error: mgmt-plugin-nope is not in the npm registry at ${registry.url}$`, 'm'));
});

test.serial('a registry that is down is a one-line error naming it, not a stack trace', async (t) => {
  const { project, home, env } = await fresh('down');
  const url = await deadRegistryUrl();
  // No retries: npm's default waits 10 s and more between attempts at a dead registry.
  const r = await mgmtIn(project, ['plugin', 'add', `${NAME}@^0.1`], { ...env, npm_config_registry: url, npm_config_fetch_retries: '0' });
  t.is(r.code, 1, r.stdout);
  t.regex(r.stderr, new RegExp(`^error: cannot reach the npm registry at ${url} \\(ECONNREFUSED\\), so mgmt-plugin-line@\\^0\\.1 was not installed$`, 'm'));
  t.regex(r.stderr, /^hint: .*\$npm_config_registry$/m);
  t.notRegex(r.stderr, /^\s*(npm error\s+)?at /m, 'no stack trace');
  t.deepEqual(await deps(home), {});
  t.false(existsSync(join(project, 'mgmtrc.json')));
});

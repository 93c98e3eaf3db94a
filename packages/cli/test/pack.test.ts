import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from './helpers.js';
import { startRegistry } from './npm-registry.js';
import { cleanEnv, run, tempDir } from './plugin-helpers.js';

// What a user gets from the registry: the published workspaces packed (scripts/pack-release.mjs:
// `npm pack -w`, then publishConfig overrides as lerna-lite's publish applies them), installed
// by name with `npm install @mgmt/cli …` into an empty directory outside the repo, and run.
// No network: the third-party dependencies are packed from this checkout's node_modules (every
// name@version node loads, so one name may come in several versions), and all the tarballs are
// served by a tiny registry on 127.0.0.1 (npm-registry.ts). npm sees only that registry (no
// user or global npmrc) and an empty cache; a package it does not serve is a 404 the test
// reports, and the lockfile must resolve every package to it. Needs `npm run build` first.

const WORKSPACES = ['resource', 'lang', 'engine', 'world-etcd', 'plugin-file', 'plugin-exec', 'plugin-svc', 'plugin-pkg', 'cli'];
const PLUGINS = ['plugin-file', 'plugin-exec', 'plugin-svc', 'plugin-pkg'];

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  files?: string[];
  exports?: unknown;
  keywords?: string[];
  peerDependencies?: Record<string, string>;
  publishConfig?: { access?: string; exports?: unknown };
}

const manifest = async (dir: string): Promise<Manifest> => JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The exports map without the `@mgmt/source` condition: what publishConfig.exports must be. */
const withoutSource = (o: unknown): unknown =>
  o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== '@mgmt/source').map(([k, v]) => [k, withoutSource(v)])) : o;

test('every published manifest has engines, license, files, public access and source-free publish exports', async (t) => {
  const published: string[] = [];
  for (const f of await readdir(join(ROOT, 'packages'))) {
    if (existsSync(join(ROOT, 'packages', f, 'package.json')) && !(await manifest(join(ROOT, 'packages', f))).private) published.push(f);
  }
  t.deepEqual(published.sort(), [...WORKSPACES].sort(), 'WORKSPACES lists every publishable folder under packages/ (and PUBLISHED in scripts/pack-release.mjs)');
  const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
  t.regex(license, /^Copyright \(C\) 2026 the mgmt-ts authors$/m);
  t.regex(license, /either version 3 of the License, or\n\(at your option\) any later version\./, 'GPL-3.0-or-later, as the manifests say');
  t.regex(license, /^ +GNU GENERAL PUBLIC LICENSE\n +Version 3, 29 June 2007$/m);
  for (const w of WORKSPACES) {
    const m = await manifest(join(ROOT, 'packages', w));
    t.is(m.engines?.node, '>=20.19', `${m.name} engines`);
    t.is(m.license, 'GPL-3.0-or-later', `${m.name} license`);
    t.true(m.files?.includes('dist'), `${m.name} files`);
    t.is(m.publishConfig?.access, 'public', `${m.name} publishConfig.access`);
    t.deepEqual(m.publishConfig?.exports, withoutSource(m.exports), `${m.name}: publishConfig.exports must be exports without @mgmt/source`);
    t.true(existsSync(join(ROOT, 'packages', w, 'README.md')), `${m.name} README`);
    // npm packs a LICENSE only from the package's own folder, so each keeps a copy of the root's.
    t.is(await readFile(join(ROOT, 'packages', w, 'LICENSE'), 'utf8').catch(() => ''), license, `${m.name}: LICENSE must be a copy of the root LICENSE`);
    if (PLUGINS.includes(w)) {
      t.truthy(m.peerDependencies?.['@mgmt/resource'], `${m.name} peer @mgmt/resource`);
      t.true(m.keywords?.includes('mgmt-plugin'), `${m.name} keyword mgmt-plugin`);
    }
  }
});

test('npm pack ships dist with types, README, LICENSE and docs; no src, tests, maps or build info', async (t) => {
  const r = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', ...WORKSPACES.flatMap((w) => ['-w', `packages/${w}`])], { cwd: ROOT, env: cleanEnv() });
  t.is(r.code, 0, r.stderr);
  const packs = JSON.parse(r.stdout) as { name: string; files: { path: string }[] }[];
  t.is(packs.length, WORKSPACES.length);
  for (const p of packs) {
    const files = p.files.map((f) => f.path);
    t.true(files.includes('dist/index.js') && files.includes('dist/index.d.ts'), `${p.name}: dist/index.js and .d.ts`);
    t.true(files.includes('README.md'), `${p.name}: README.md`);
    t.true(files.includes('LICENSE'), `${p.name}: LICENSE`);
    const stray = files.filter((f) => /^(src|test)\//.test(f) || /\.map$|tsbuildinfo$|\.test\.|\.tgz$/.test(f));
    t.deepEqual(stray, [], `${p.name} packs files it should not`);
  }
  const byName = new Map(packs.map((p) => [p.name, p.files.map((f) => f.path)]));
  t.true(byName.get('@mgmt/cli')?.includes('bin/mgmt.js'));
  t.true(byName.get('@mgmt/resource')?.includes('dist/testing/index.d.ts'));
  t.true(byName.get('@mgmt/plugin-file')?.includes('docs/file.md'));
  t.true(byName.get('@mgmt/plugin-exec')?.includes('docs/exec.md'));
});

interface Lockfile {
  packages: Record<string, { name?: string; version?: string; resolved?: string; integrity?: string; peerDependenciesMeta?: Record<string, { optional?: boolean }> }>;
}

test('the packed tarballs install by name from a local registry into an empty directory and mgmt runs a file + exec program', async (t) => {
  const t0 = Date.now();
  const dir = await tempDir('mgmt-pack-');
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const tarballs = join(dir, 'tarballs');
  const app = join(dir, 'app');
  const out = join(dir, 'out');
  await Promise.all([mkdir(tarballs), mkdir(app), mkdir(out)]);
  // No user or global npmrc: no scoped registry, proxy or lockfile setting from this machine.
  const [userrc, globalrc] = [join(dir, 'user-npmrc'), join(dir, 'global-npmrc')];
  await Promise.all([writeFile(userrc, ''), writeFile(globalrc, '')]);
  const npmBase = { npm_config_cache: join(dir, 'npm-cache'), npm_config_userconfig: userrc, npm_config_globalconfig: globalrc, npm_config_update_notifier: 'false' };

  const packed = await run(process.execPath, [join(ROOT, 'scripts/pack-release.mjs'), '--out', tarballs, '--deps'], { cwd: dir, env: cleanEnv({ ...npmBase, npm_config_offline: 'true' }) });
  t.is(packed.code, 0, packed.stderr);
  type Packed = { name: string; version: string; file: string };
  const { packages, deps } = JSON.parse(packed.stdout) as { packages: Packed[]; deps: Packed[] };
  t.deepEqual(packages.map((p) => p.name).sort(), WORKSPACES.map((w) => `@mgmt/${w}`).sort());
  const all = [...packages, ...deps];
  const registry = await startRegistry(all.map((p) => p.file));
  t.teardown(() => registry.close());
  t.deepEqual(registry.served, all.map((p) => `${p.name}@${p.version}`).sort(), 'each packed name@version is served once');
  const names = new Map<string, string[]>();
  for (const p of deps) names.set(p.name, [...(names.get(p.name) ?? []), p.version]);
  const several = [...names].filter(([, vs]) => vs.length > 1).map(([n, vs]) => `${n}@${vs.join('|')}`);
  const packMs = Date.now() - t0;

  await writeFile(join(app, 'package.json'), JSON.stringify({ private: true, name: 'mgmt-pack-test' }) + '\n');
  const env = cleanEnv({
    ...npmBase,
    npm_config_registry: registry.url,
    npm_config_offline: 'false',
    npm_config_noproxy: '127.0.0.1',
    npm_config_fetch_retries: '0',
  });
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', ...packages.map((p) => p.name)], { cwd: app, env });
  t.is(installed.code, 0, installed.stderr);
  const installMs = Date.now() - t0 - packMs;

  // Everything in the tree came from the local registry, with the integrity it served.
  const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8')) as Lockfile;
  const entries = Object.entries(lock.packages).filter(([key]) => key.startsWith('node_modules/'));
  const nameOf = ([key, entry]: (typeof entries)[number]) => entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  t.true(entries.length > packages.length, 'the lockfile lists the installed tree');
  // npm looks up an optional peer (cosmiconfig's typescript) even though it installs none; the
  // public registry would answer, this one 404s, and npm goes on. Any other 404 is a failure.
  const installedNames = new Set(entries.map(nameOf));
  const optionalPeers = new Set(entries.flatMap(([, e]) => Object.entries(e.peerDependenciesMeta ?? {}).filter(([n, m]) => m.optional && !installedNames.has(n)).map(([n]) => n)));
  const skipped = [...optionalPeers].map((n) => `GET /${n.replace('/', '%2f')}`);
  t.deepEqual(
    registry.misses.filter((m) => !skipped.includes(m)),
    [],
    'npm asked the local registry for packages it does not serve',
  );
  for (const [key, entry] of entries) {
    const name = nameOf([key, entry]);
    t.true(entry.resolved?.startsWith(registry.url), `${key} resolved from ${entry.resolved}`);
    t.is(entry.integrity, registry.integrity(name, entry.version ?? ''), `${key} integrity`);
  }
  const versionsOf = (name: string) => [...new Set(entries.filter((e) => nameOf(e) === name).map(([, e]) => e.version))];
  for (const s of several) t.log(`${s} -> installed ${versionsOf(s.slice(0, s.lastIndexOf('@'))).join(', ')}`);

  for (const w of WORKSPACES) {
    const where = join(app, 'node_modules/@mgmt', w);
    const m = await manifest(where);
    t.false(JSON.stringify(m.exports).includes('src/'), `${m.name}: installed exports point at src/`);
    t.false(JSON.stringify(m.exports).includes('@mgmt/source'), `${m.name}: installed exports keep @mgmt/source`);
    t.false(existsSync(join(where, 'src')), `${m.name}: src/ was installed`);
    t.true(existsSync(join(where, 'dist/index.d.ts')), `${m.name}: the published tarball has types`);
    t.true(existsSync(join(where, 'LICENSE')), `${m.name}: the published tarball has a LICENSE`);
  }

  const hello = join(out, 'hello.txt');
  const touched = join(out, 'touched');
  await writeFile(
    join(app, 'main.mcl'),
    [
      `file "${hello}" { content => "hello from the tarballs\\n", mode => "0640", }`,
      `exec "touch" { cmd => "touch ${touched}", creates => "${touched}", }`,
      `File["${hello}"] -> Exec["touch"]`,
      '',
    ].join('\n'),
  );
  const mgmt = join(app, 'node_modules/.bin/mgmt');
  const runEnv = cleanEnv({ MGMT_CACHE_DIR: 'off', MGMT_PLUGIN_HOME: join(dir, 'plugin-home'), HOME: dir });
  const r = await run(mgmt, ['run', '--converged-timeout=0', 'main.mcl'], { cwd: app, env: runEnv });
  t.is(r.code, 0, r.stderr + r.stdout);
  t.is(await readFile(hello, 'utf8'), 'hello from the tarballs\n');
  t.true(existsSync(touched), 'exec ran after the file');

  const docs = await run(mgmt, ['docs'], { cwd: app, env: runEnv });
  t.is(docs.code, 0, docs.stderr);
  t.regex(docs.stdout, /^file +.*\(@mgmt\/plugin-file\)$/m);
  t.regex(docs.stdout, /^exec +.*\(@mgmt\/plugin-exec\)$/m);
  t.log(
    `pack ${packMs} ms (${packages.length} workspaces, ${deps.length} third-party tarballs; several versions: ${several.join(', ') || 'none'}), ` +
      `registry install ${installMs} ms (${registry.requests.length} requests, 404 for optional peers: ${registry.misses.join(', ') || 'none'}), total ${Date.now() - t0} ms`,
  );
});

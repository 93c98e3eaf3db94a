import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { cleanEnv, FIXTURES, mgmtIn, offlinePluginHome, run } from './plugin-helpers.js';

// One plugin home for the whole file, so these run in order: add, list, run, clash, remove.
// No network: local folders and tarballs only, npm offline with an empty cache.
let ctx: Awaited<ReturnType<typeof offlinePluginHome>>;
let project: string;

test.before(async () => {
  ctx = await offlinePluginHome();
  project = join(ctx.dir, 'project');
  // A copy, so npm never writes next to the fixture in the repo.
  await cp(join(FIXTURES, 'mgmt-plugin-hello'), join(ctx.dir, 'src', 'mgmt-plugin-hello'), { recursive: true });
  await cp(join(FIXTURES, 'mgmt-plugin-clash'), join(ctx.dir, 'src', 'mgmt-plugin-clash'), { recursive: true });
  await mkdir(project, { recursive: true });
});

const homeManifest = async () => JSON.parse(await readFile(join(ctx.home, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };

test.serial('plugin add <folder> installs with npm, verifies the kinds and records it in a new mgmtrc.json', async (t) => {
  const r = await mgmtIn(project, ['plugin', 'add', join(ctx.dir, 'src', 'mgmt-plugin-hello')], ctx.env);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /added mgmt-plugin-hello@1\.2\.3 \(kinds: hello\) to the plugin home/);
  t.truthy((await homeManifest()).dependencies?.['mgmt-plugin-hello']);
  t.true(existsSync(join(ctx.home, 'package-lock.json')));
  t.true(existsSync(join(ctx.home, 'node_modules', 'mgmt-plugin-hello', 'index.js')), 'a folder is copied, not linked');
  const config = JSON.parse(await readFile(join(project, 'mgmtrc.json'), 'utf8')) as { plugins: string[] };
  t.deepEqual(config.plugins, ['mgmt-plugin-hello']);
});

test.serial('plugin list shows the new kind with its package, version and source', async (t) => {
  const r = await mgmtIn(project, ['plugin', 'list'], ctx.env);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^KIND +PACKAGE +VERSION +SOURCE +CAPABILITIES$/m);
  t.regex(r.stdout, /^file +@mgmt\/plugin-file +0\.1\.0 +first-party +watch, autoedges, simulate$/m);
  t.regex(r.stdout, /^pkg +@mgmt\/plugin-pkg +0\.1\.0 +first-party +watch, group$/m);
  t.regex(r.stdout, /^hello +mgmt-plugin-hello +1\.2\.3 +folder +poll every 30s$/m);
  t.regex(r.stdout, new RegExp(`^plugin home: ${ctx.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const docs = await mgmtIn(project, ['docs', 'hello'], ctx.env);
  t.is(docs.code, 0, docs.stderr);
  t.regex(docs.stdout, /plugin: mgmt-plugin-hello/);
});

test.serial('mgmt run applies a program that uses the third-party kind', async (t) => {
  const out = join(ctx.dir, 'greeting.txt');
  await writeFile(join(project, 'main.mcl'), `hello "greet" { path => "${out}", greeting => "hi there", }\n`);
  const r = await mgmtIn(project, ['run', '--converged-timeout', '0', 'main.mcl'], ctx.env);
  t.is(r.code, 0, r.stderr + r.stdout);
  t.is(await readFile(out, 'utf8'), 'hi there\n');
});

test.serial('a plugin whose kind clashes is refused, naming both packages, and not left installed', async (t) => {
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', ctx.dir, join(ctx.dir, 'src', 'mgmt-plugin-clash')], { cwd: ctx.dir, env: cleanEnv(ctx.env) });
  t.is(packed.code, 0, packed.stderr);
  const before = await readFile(join(project, 'mgmtrc.json'), 'utf8');
  const r = await mgmtIn(project, ['plugin', 'add', join(ctx.dir, packed.stdout.trim())], ctx.env);
  t.is(r.code, 2, r.stdout);
  t.regex(r.stderr, /kind `file` of mgmt-plugin-clash is already provided by @mgmt\/plugin-file/);
  t.regex(r.stderr, /mgmt-plugin-clash was not added/);
  t.falsy((await homeManifest()).dependencies?.['mgmt-plugin-clash']);
  t.false(existsSync(join(ctx.home, 'node_modules', 'mgmt-plugin-clash')));
  t.is(await readFile(join(project, 'mgmtrc.json'), 'utf8'), before);
});

test.serial('plugin remove uninstalls it and drops it from the config', async (t) => {
  const r = await mgmtIn(project, ['plugin', 'remove', 'mgmt-plugin-hello'], ctx.env);
  t.is(r.code, 0, r.stderr);
  t.falsy((await homeManifest()).dependencies?.['mgmt-plugin-hello']);
  t.false(existsSync(join(ctx.home, 'node_modules', 'mgmt-plugin-hello')));
  const config = JSON.parse(await readFile(join(project, 'mgmtrc.json'), 'utf8')) as { plugins: string[] };
  t.deepEqual(config.plugins, []);
  const list = await mgmtIn(project, ['plugin', 'list'], ctx.env);
  t.is(list.code, 0, list.stderr);
  t.notRegex(list.stdout, /hello/);
  const again = await mgmtIn(project, ['plugin', 'remove', 'mgmt-plugin-hello'], ctx.env);
  t.is(again.code, 2);
  t.regex(again.stderr, /neither installed/);
});

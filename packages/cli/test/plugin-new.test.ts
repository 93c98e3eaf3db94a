import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { ROOT } from './helpers.js';
import { mgmtIn, run, tempDir } from './plugin-helpers.js';

test('plugin new scaffolds a package whose index type-checks and whose test passes', async (t) => {
  const dir = await tempDir('mgmt-plugin-new-');
  const r = await mgmtIn(dir, ['plugin', 'new', 'hello', '--dir', dir]);
  t.is(r.code, 0, r.stderr);
  const root = join(dir, 'mgmt-plugin-hello');
  t.regex(r.stdout, /created mgmt-plugin-hello in .*mgmt-plugin-hello \(kind `hello`\)/);

  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  t.is(manifest['name'], 'mgmt-plugin-hello');
  t.is(manifest['type'], 'module');
  t.deepEqual(manifest['keywords'], ['mgmt-plugin']);
  t.deepEqual(manifest['peerDependencies'], { '@mgmt/resource': '^0.1.0' });
  const index = await readFile(join(root, 'src/index.ts'), 'utf8');
  t.regex(index, /definePlugin\(/);
  t.regex(index, /defineResource\(\{\n {2}kind: 'hello',/);
  t.regex(await readFile(join(root, 'README.md'), 'utf8'), /mgmt plugin add mgmt-plugin-hello/);

  // Stand-ins for `npm install` (no network in tests): the workspace's contract and node types.
  await mkdir(join(root, 'node_modules/@mgmt'), { recursive: true });
  await mkdir(join(root, 'node_modules/@types'), { recursive: true });
  await symlink(join(ROOT, 'packages/resource'), join(root, 'node_modules/@mgmt/resource'), 'dir');
  await symlink(join(ROOT, 'node_modules/@types/node'), join(root, 'node_modules/@types/node'), 'dir');

  const tsc = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', root, '--noEmit'], { cwd: root });
  t.is(tsc.code, 0, tsc.stdout + tsc.stderr);
  const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const tested = await run(process.execPath, [`--import=${tsx}`, '--conditions=@mgmt/source', '--test', 'src/index.test.ts'], { cwd: root });
  t.is(tested.code, 0, tested.stdout + tested.stderr);
  t.regex(tested.stdout, /# pass 2/);
});

test('plugin new takes scoped names, refuses bad names and existing folders', async (t) => {
  const dir = await tempDir('mgmt-plugin-new-');
  const scoped = await mgmtIn(dir, ['plugin', 'new', '@acme/mgmt-plugin-web-site']);
  t.is(scoped.code, 0, scoped.stderr);
  const manifest = JSON.parse(await readFile(join(dir, 'mgmt-plugin-web-site/package.json'), 'utf8')) as { name: string };
  t.is(manifest.name, '@acme/mgmt-plugin-web-site');
  t.regex(await readFile(join(dir, 'mgmt-plugin-web-site/src/index.ts'), 'utf8'), /kind: 'web_site'/);

  const again = await mgmtIn(dir, ['plugin', 'new', 'web-site']);
  t.is(again.code, 2);
  t.regex(again.stderr, /already exists/);
  const bad = await mgmtIn(dir, ['plugin', 'new', 'Bad Name']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /not a valid npm package name/);
});

import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'packages/cli/src/bin.ts');
const CACHE = mkdtempSync(join(tmpdir(), 'mgmt-cli-cache-'));

/** `mgmt ARGS` with extra environment (MGMT_BASE), to completion. */
function mgmtWith(env: Record<string, string>, args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import=tsx', '--conditions=@mgmt/source', BIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', MGMT_CACHE_DIR: CACHE, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

test('the seed exchange for one host: two files managed, two exported and collected back', async (t) => {
  const base = await tempDir();
  const run = await mgmtWith({ MGMT_BASE: base }, ['run', '--hostname', 'a', '--converged-timeout', '0', join(ROOT, 'examples/seed/exchange.mcl')]);
  t.is(run.code, 0, run.err + run.out);
  const dir = join(base, 'mgmtA');
  t.deepEqual((await readdir(dir)).sort(), ['f1a', 'f2a', 'f3a', 'f4a']);
  t.is(await readFile(join(dir, 'f1a'), 'utf8'), 'i am f1a\n');
  t.is(await readFile(join(dir, 'f3a'), 'utf8'), 'i am f3a, exported by a\n');
  t.is(await readFile(join(dir, 'f4a'), 'utf8'), 'i am f4a, exported by a\n');
});

test('collect errors are reported before anything runs', async (t) => {
  const dir = await tempDir();
  const file = join(dir, 'main.mcl');
  await import('node:fs/promises').then((fs) => fs.writeFile(file, 'collect fiel as $r { path => "/tmp/x", }\n'));
  const run = await mgmtWith({}, ['run', '--converged-timeout', '0', file]);
  t.is(run.code, 2);
  t.regex(run.err, /MCL_UNKNOWN_KIND/);
});

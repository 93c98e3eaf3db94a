import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mgmtWith, ROOT, tempDir } from './helpers.js';

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

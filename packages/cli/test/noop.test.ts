import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mgmt, program } from './helpers.js';

test('--noop changes nothing and reports what it would do', async (t) => {
  const { dir } = await program('');
  const base = join(dir, 'managed') + '/';
  const { file } = await program(`
file "${base}" { state => "exists", }
file "${base}a" { content => "a\\n", }
exec "touch" { cmd => "touch ${dir}/touched", }
File["${base}a"] -> Exec["touch"]
`);
  const r = await mgmt(['run', '--noop', '--converged-timeout=0', file]);
  t.is(r.code, 0, r.stderr);
  t.false(existsSync(base));
  t.false(existsSync(join(dir, 'touched')));
  t.regex(r.stdout, new RegExp(`file\\[${base}a\\]: would .*${base}a`));
  t.regex(r.stdout, /exec\[touch\]: would run touch/);
  t.regex(r.stdout, /3 would change/);
});

import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mgmt, program } from './helpers.js';

test('a failed exec blocks its dependents, which say why, while an independent branch completes', async (t) => {
  const { dir } = await program('');
  const { file } = await program(`
exec "bad" { cmd => "echo broken >&2; exit 3", }
exec "after" { cmd => "touch ${dir}/after", }
exec "indep" { cmd => "sleep 0.3; touch ${dir}/indep", }
Exec["bad"] -> Exec["after"]
`);
  const r = await mgmt(['run', '--converged-timeout=0', file]);
  t.is(r.code, 1);
  t.true(existsSync(join(dir, 'indep')));
  t.false(existsSync(join(dir, 'after')));
  t.regex(r.stdout, /exec\[bad\]: .*exited 3.*broken/);
  t.regex(r.stdout, /exec\[after\]: not run: it depends on exec\[bad\], which failed/);
  t.regex(r.stdout, /1 failed, 1 blocked/);
});

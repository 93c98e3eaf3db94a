import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from './helpers.js';
import { cleanEnv, run } from './plugin-helpers.js';

// docs/resources.md is generated from `mgmt docs` (the built CLI); regenerated here in
// memory and compared, so a changed param, description or kind shows up as a stale page.
const COMMAND = 'npm run build && node scripts/gen-resources-doc.mjs';

test('docs/resources.md matches `mgmt docs` for every first-party kind', async (t) => {
  const fresh = await run(process.execPath, [join(ROOT, 'scripts/gen-resources-doc.mjs'), '--stdout'], { cwd: ROOT, env: cleanEnv() });
  t.is(fresh.code, 0, fresh.stderr);
  const committed = await readFile(join(ROOT, 'docs/resources.md'), 'utf8').catch(() => '');
  if (committed !== fresh.stdout) {
    const a = committed.split('\n');
    const b = fresh.stdout.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    const line = at === -1 ? Math.min(a.length, b.length) + 1 : at + 1;
    t.fail(`docs/resources.md is stale (first difference at line ${line}: ${JSON.stringify(b[line - 1] ?? '(end)')}); run \`${COMMAND}\``);
    return;
  }
  for (const kind of ['file', 'exec']) t.regex(committed, new RegExp(`^## ${kind}$`, 'm'));
  t.pass();
});

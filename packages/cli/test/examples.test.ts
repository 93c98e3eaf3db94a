import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mgmtWith, ROOT, tempDir } from './helpers.js';

// Every `.mcl` under examples/ passes `mgmt check` (exit 0, nothing applied), and
// examples/README.md lists every example. A program that reads the environment gets what it
// needs here (exchange.mcl: MGMT_BASE); plugin packages' own node_modules are skipped.

const EXAMPLES = join(ROOT, 'examples');

/** What each example needs in its environment, by path under examples/. */
const ENV: Record<string, (base: string) => Record<string, string>> = {
  'seed/exchange.mcl': (base) => ({ MGMT_BASE: base }),
};

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.mcl') ? [join(dir, e.name)] : [],
  );


const programs = walk(EXAMPLES)
  .map((p) => relative(EXAMPLES, p).split('\\').join('/'))
  .sort();

test('there are examples to check', (t) => {
  t.true(programs.length >= 5, programs.join(', '));
  t.true(programs.includes('svc-pkg/nginx.mcl'));
});

for (const program of programs) {
  test(`mgmt check examples/${program} exits 0`, async (t) => {
    const env = ENV[program]?.(await tempDir()) ?? {};
    const r = await mgmtWith(env, ['check', join('examples', program)]);
    t.is(r.code, 0, r.err + r.out);
    t.regex(r.out + r.err, /ok, \d+ resources?/);
  });
}

test('examples/README.md lists every example', (t) => {
  const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
  for (const program of programs) {
    const dir = program.includes('/') ? program.slice(0, program.lastIndexOf('/') + 1) : '';
    // a folder example is listed by its folder when it has a README, else each file by name
    t.true(readme.includes(`](${program})`) || readme.includes(`](${dir}README.md)`) || readme.includes(`](${dir})`), program);
  }
  for (const plugin of readdirSync(join(EXAMPLES, 'plugins'))) t.true(readme.includes(`](plugins/${plugin}/`), plugin);
});

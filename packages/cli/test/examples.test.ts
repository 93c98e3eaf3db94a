import test from 'ava';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mgmtWith, ROOT, tempDir } from './helpers.js';

// Every `.mcl` under examples/ passes `mgmt check` (exit 0, nothing applied), and
// examples/README.md lists every example. A program that reads the environment gets what it
// needs here (exchange.mcl: MGMT_BASE); plugin packages' own node_modules are skipped.

const EXAMPLES = join(ROOT, 'examples');

/** What each example needs in its environment, by path under examples/. */
const ENV: Record<string, (base: string) => Record<string, string>> = {
  'seed/exchange.mcl': (base) => ({ MGMT_BASE: base }),
  // file.read needs its input to exist, as the step's own comment says
  'lang/tutorial/07-reactive.mcl': (base) => (writeFileSync(join(base, 'motd.src'), 'hello\n'), { MGMT_BASE: base }),
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
    // a folder example (at any depth above the file) is listed by its folder or its README,
    // else each file by name
    const parts = program.split('/');
    const dirs = parts.slice(0, -1).map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
    t.true(readme.includes(`](${program})`) || dirs.some((dir) => readme.includes(`](${dir}README.md)`) || readme.includes(`](${dir})`)), program);
  }
  for (const plugin of readdirSync(join(EXAMPLES, 'plugins'))) t.true(readme.includes(`](plugins/${plugin}/`), plugin);
});

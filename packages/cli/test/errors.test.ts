import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mgmt, program } from './helpers.js';

/**
 * Each program has one mistake after a resource that would leave a marker file, so the test
 * can tell that nothing was applied. `where` is the expected `line:col` of the error.
 */
const cases: { title: string; body: string; code: string; where: string; text: RegExp }[] = [
  { title: 'a syntax error', body: 'file "/x" {\n  content => "a"\n  mode => "0644",\n}', code: 'MCL_SYNTAX', where: '5:3', text: /expected/ },
  { title: 'an undefined variable', body: '$name = "a"\nfile "/x" { content => $nmae, }', code: 'MCL_UNDEFINED_VARIABLE', where: '4:24', text: /\$nmae/ },
  { title: 'a duplicate resource', body: 'file "/x" { content => "a", }\nfile "/x" { content => "b", }', code: 'MCL_DUPLICATE_RESOURCE', where: '4:1', text: /file\[\/x\]/ },
  { title: 'an edge to a missing resource', body: 'exec "a" { cmd => "true", }\nExec["a"] -> Exec["nope"]', code: 'MCL_UNKNOWN_EDGE_TARGET', where: '4:14', text: /exec\[nope\]/ },
  { title: 'an unknown kind', body: 'docker:container "web" { image => "nginx", }', code: 'MCL_UNKNOWN_KIND', where: '3:1', text: /mgmt plugin add mgmt-plugin-docker/ },
  { title: 'an unknown param', body: 'file "/x" { content => "a", mdoe => "0644", }', code: 'MCL_UNKNOWN_PARAM', where: '3:29', text: /did you mean `mode`/ },
  { title: 'an ill-typed param', body: 'file "/x" { content => 42, }', code: 'MCL_TYPE_MISMATCH', where: '3:24', text: /string/ },
];

for (const c of cases) {
  test(`${c.title} is reported with its position, and nothing is applied`, async (t) => {
    const { dir } = await program('');
    const marker = join(dir, 'applied');
    const { file } = await program(`exec "marker" { cmd => "touch ${marker}", }\n\n${c.body}\n`);
    const run = await mgmt(['run', '--converged-timeout=0', file]);
    t.is(run.code, 2, run.stdout);
    t.false(existsSync(marker), 'nothing was applied');
    t.true(run.stderr.includes(`${file}:${c.where} - error ${c.code}:`), run.stderr);
    t.regex(run.stderr, c.text);
    t.regex(run.stderr, /\n> +\d+ \|.*\n +\| +\^/, 'the line and a caret are shown');
    t.regex(run.stderr, /nothing was applied/);

    const check = await mgmt(['check', file]);
    t.is(check.code, 1);
    t.true(check.stderr.includes(`${file}:${c.where} - error ${c.code}:`));
  });
}

test('several errors are reported in one pass', async (t) => {
  const { file } = await program('file "/x" { mdoe => "0644", }\nfile "/y" { content => $nope, }\nExec["z"] -> File["/x"]\n');
  const r = await mgmt(['check', file]);
  t.is(r.code, 1);
  for (const code of ['MCL_UNKNOWN_PARAM', 'MCL_UNDEFINED_VARIABLE', 'MCL_UNKNOWN_EDGE_TARGET']) t.regex(r.stderr, new RegExp(code));
  t.regex(r.stderr, /3 errors; nothing was applied/);
});

test('a cycle is refused by check, naming it, at the edge that closes it', async (t) => {
  const { file } = await program('exec "a" { cmd => "true", }\nexec "b" { cmd => "true", }\nExec["a"] -> Exec["b"] -> Exec["a"]\n');
  const r = await mgmt(['check', file]);
  t.is(r.code, 1);
  t.true(r.stderr.includes(`${file}:3:14 - error MCL_EDGE_CYCLE: this edge closes a cycle: exec[b] -> exec[a] -> exec[b]`), r.stderr);
  t.regex(r.stderr, /hint: the other edge of the cycle is `exec\[a\] -> exec\[b\]` at .*:3:1/);
});

test('check says ok for a good program and runs nothing', async (t) => {
  const { dir } = await program('');
  const { file } = await program(`exec "m" { cmd => "touch ${dir}/m", }\n`);
  const r = await mgmt(['check', file]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /ok, 1 resource, 0 edges/);
  t.false(existsSync(join(dir, 'm')));
});

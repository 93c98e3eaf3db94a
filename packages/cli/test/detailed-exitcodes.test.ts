import test from 'ava';
import { join } from 'node:path';
import { mgmt, program, tempDir } from './helpers.js';

const run = (file: string, ...flags: string[]) => mgmt(['run', '--converged-timeout=0', '--detailed-exitcodes', ...flags, file]);

test('--detailed-exitcodes: 2 with changes, then 0 on a converged second run', async (t) => {
  const dir = await tempDir();
  const { file } = await program(`file "${join(dir, 'a')}" { content => "a\\n", }\n`);
  const first = await run(file);
  t.is(first.code, 2, first.stdout + first.stderr);
  const second = await run(file);
  t.is(second.code, 0, second.stdout + second.stderr);
  t.regex(second.stdout, /0 applies, 0 failures/);
});

test('--detailed-exitcodes: 4 with a failure and no change, 6 with both', async (t) => {
  const dir = await tempDir();
  const failing = await program(`exec "bad" { cmd => "exit 3", }\n`);
  const onlyFailure = await run(failing.file);
  t.is(onlyFailure.code, 4, onlyFailure.stdout + onlyFailure.stderr);
  const both = await program(`exec "bad" { cmd => "exit 3", }\nfile "${join(dir, 'b')}" { content => "b\\n", }\n`);
  const r = await run(both.file);
  t.is(r.code, 6, r.stdout + r.stderr);
  t.regex(r.stdout, /1 apply, 1 failure; slowest: file\[.*\/b\] \d/);
});

test('--detailed-exitcodes: 2 in noop when something would change; without the flag the old codes', async (t) => {
  const dir = await tempDir();
  const { file } = await program(`file "${join(dir, 'c')}" { content => "c\\n", }\nexec "bad" { cmd => "exit 3", }\n`);
  const noop = await mgmt(['run', '--converged-timeout=0', '--detailed-exitcodes', '--noop', file]);
  t.is(noop.code, 2, noop.stdout + noop.stderr);
  const plain = await mgmt(['run', '--converged-timeout=0', file]);
  t.is(plain.code, 1, plain.stdout + plain.stderr);
});

test('--detailed-exitcodes needs a run that ends by itself; an invalid program then exits 1', async (t) => {
  const { file } = await program(`file "/tmp/x" { content => "x", }\n`);
  const agent = await mgmt(['run', '--detailed-exitcodes', file]);
  t.is(agent.code, 1);
  t.regex(agent.stderr, /--detailed-exitcodes needs --converged-timeout/);
  const bad = await program(`nosuchkind "x" { }\n`);
  t.is((await mgmt(['run', '--converged-timeout=0', '--detailed-exitcodes', bad.file])).code, 1);
  t.is((await mgmt(['run', '--converged-timeout=0', bad.file])).code, 2);
});

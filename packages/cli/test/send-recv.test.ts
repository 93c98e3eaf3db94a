import test from 'ava';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mgmt, program } from './helpers.js';

const sendRecv = (dir: string) => `
exec "e" { cmd => "echo", args => ["hello"], }
file "${dir}/f" {}
Exec["e"].stdout -> File["${dir}/f"].content
`;

test('send/recv end to end: an exec\'s stdout becomes a file\'s content', async (t) => {
  const { dir, file } = await program('');
  await writeFile(file, sendRecv(dir));
  const r = await mgmt(['run', '--converged-timeout=0', file]);
  t.is(r.code, 0, r.stderr);
  t.is(await readFile(join(dir, 'f'), 'utf8'), 'hello\n');
});

test('send/recv in noop: nothing runs, nothing is sent, the run still converges', async (t) => {
  const { dir, file } = await program('');
  await writeFile(file, sendRecv(dir));
  const r = await mgmt(['run', '--noop', '--converged-timeout=0', file]);
  t.is(r.code, 0, r.stderr);
  t.false(existsSync(join(dir, 'f')));
  t.regex(r.stdout, /exec\[e\]: would run echo hello/);
});

test('a send/recv type error is reported before anything runs', async (t) => {
  const { dir, file } = await program('');
  await writeFile(file, sendRecv(dir).replace('.stdout', '.exitcode'));
  const r = await mgmt(['run', '--converged-timeout=0', file]);
  t.not(r.code, 0);
  t.regex(r.stderr + r.stdout, /MCL_SEND_RECV_MISMATCH: output `exitcode` of `exec` is int, but param `content` of `file` takes string/);
  t.false(existsSync(join(dir, 'f')));
});

import test from 'ava';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonLines, program, startMgmt, until } from './helpers.js';

const read = (p: string) => readFile(p, 'utf8').catch(() => undefined);

test('file.read: editing the input re-evaluates and swaps in only the changed vertex; a broken edit keeps the last good graph', async (t) => {
  const { dir } = await program('');
  await writeFile(join(dir, 'in'), 'one\n');
  await writeFile(join(dir, 'mode'), '0644\n');
  const { file } = await program(`
file "${dir}/out" { content => file.read("${dir}/in"), }
file "${dir}/other" { content => "static\\n", mode => strings.trim_space(file.read("${dir}/mode")), }
`);
  const agent = startMgmt(['run', '--log-format', 'json', file]);
  t.teardown(() => agent.kill('SIGKILL'));
  const events = (name: string) => jsonLines(agent.out()).filter((l) => l['event'] === name);

  await until(async () => (await read(join(dir, 'out'))) === 'one\n' && (await read(join(dir, 'other'))) === 'static\n', 30_000);

  await writeFile(join(dir, 'in'), 'two\n');
  await until(async () => (await read(join(dir, 'out'))) === 'two\n', 30_000);
  await until(() => events('swap').length > 0, 30_000);
  const swap = events('swap').at(-1)!;
  t.deepEqual(swap['changed'], [`file[${dir}/out]`]);
  t.deepEqual(swap['added'], []);
  t.deepEqual(swap['removed'], []);
  t.is(swap['kept'], 1);

  // A mode the schema refuses: the program is invalid now. It is logged, and the last good
  // graph keeps running: `out` is still repaired with the content it had.
  await writeFile(join(dir, 'mode'), 'banana\n');
  await until(() => events('invalid').some((l) => l['code'] === 'MCL_INVALID_PARAM'), 30_000);
  t.regex(agent.out(), /the last good graph keeps running/);
  const swaps = events('swap').length;
  await rm(join(dir, 'out'));
  await until(async () => (await read(join(dir, 'out'))) === 'two\n', 30_000);
  t.is(events('swap').length, swaps, 'nothing was swapped in from the broken program');

  // Fixed again: the new mode is applied.
  await writeFile(join(dir, 'mode'), '0600\n');
  await until(async () => ((await stat(join(dir, 'other')).catch(() => undefined))?.mode ?? 0) % 0o1000 === 0o600, 30_000);
  t.deepEqual(events('swap').at(-1)!['changed'], [`file[${dir}/other]`]);

  const exited = new Promise<number | null>((resolve) => agent.on('close', resolve));
  agent.kill('SIGTERM');
  t.is(await exited, 0, agent.err());
});

test('a program without reactive inputs evaluates once', async (t) => {
  const { dir, file } = await program('');
  await writeFile(file, `file "${dir}/static" { content => "x\\n", }\n`);
  const agent = startMgmt(['run', '--log-format', 'json', '--converged-timeout', '0', file]);
  const code = await new Promise<number | null>((resolve) => agent.on('close', resolve));
  t.is(code, 0, agent.err());
  t.is(await read(join(dir, 'static')), 'x\n');
  t.false(agent.out().includes('"event":"swap"'));
});

import test from 'ava';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, program, startMgmt, until } from './helpers.js';

const read = (p: string) => readFile(p, 'utf8').catch(() => undefined);

test('files.mcl as an agent repairs deletes, edits and additions, and stops on SIGTERM', async (t) => {
  const source = await readFile(join(ROOT, 'examples/seed/files.mcl'), 'utf8');
  const { dir } = await program('');
  const base = join(dir, 'managed') + '/';
  const { file } = await program(source.replaceAll('/tmp/mgmt/', base));
  const agent = startMgmt(['run', file]);
  t.teardown(() => agent.kill('SIGKILL'));

  await until(async () => (await read(join(base, 'f3'))) === 'i am f3\n');
  t.is(await read(join(base, 'f1')), 'i am f1\n');

  await rm(join(base, 'f1'));
  await until(async () => (await read(join(base, 'f1'))) === 'i am f1\n');

  await writeFile(join(base, 'f2'), 'edited behind the agent\n');
  await until(async () => (await read(join(base, 'f2'))) === 'i am f2\n');

  await writeFile(join(base, 'stray'), 'nobody manages me\n');
  await until(() => !existsSync(join(base, 'stray')));
  t.deepEqual((await readdir(base)).sort(), ['f1', 'f2', 'f3']);

  const exited = new Promise<number | null>((resolve) => agent.on('close', resolve));
  agent.kill('SIGTERM');
  t.is(await exited, 0, agent.err());
  t.regex(agent.out(), /SIGTERM: stopping/);
});

import test from 'ava';
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { program, startMgmt, until } from './helpers.js';

/** Deletes a managed file `times` times, each time waiting until the agent put it back. */
async function fight(path: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    unlinkSync(path);
    await until(() => existsSync(path), 20_000);
  }
}

for (const [flag, flaps] of [[[], true], [['--flap=off'], false]] as const) {
  test(`a file deleted over and over ${flaps ? 'is reported as flapping' : 'is repaired every time with --flap=off'}`, async (t) => {
    const { dir } = await program('');
    const { file } = await program(`file "${dir}/" { state => "exists", }\nfile "${dir}/f" { content => "x\\n", }\n`);
    const agent = startMgmt(['run', ...flag, file]);
    t.teardown(() => agent.kill('SIGKILL'));
    const target = join(dir, 'f');
    await until(() => existsSync(target));
    await fight(target, 12);
    t.is(/repaired \d+ times recently: something else keeps changing it; backing off/.test(agent.out()), flaps);
    agent.kill('SIGTERM');
  });
}

import test from 'ava';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { program, startMgmt, tempDir, until } from './helpers.js';

/** The value of one sample line, or undefined. */
const sample = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

test('--prometheus-listen serves /metrics, counts drift repairs, and stops with the agent', async (t) => {
  const dir = await tempDir();
  const target = join(dir, 'a');
  const { file } = await program(`file "${target}" { content => "a\\n", }\n`);
  const agent = startMgmt(['run', '--prometheus-listen', '127.0.0.1:0', file]);
  t.teardown(() => agent.kill('SIGKILL'));

  let url = '';
  await until(() => {
    url = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(agent.out())?.[1] ?? '';
    return url !== '' && existsSync(target);
  });
  const scrape = async () => {
    const r = await fetch(url);
    t.is(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    return r.text();
  };
  await until(async () => sample(await scrape(), 'mgmt_applies_total{kind="file"}') === 1);
  t.is(sample(await scrape(), 'mgmt_resources{status="converged"}'), 1);

  await rm(target);
  await until(async () => (sample(await scrape(), 'mgmt_drift_repair_seconds_count') ?? 0) >= 1);
  t.true(existsSync(target));

  const exited = new Promise<number | null>((resolve) => agent.on('close', resolve));
  agent.kill('SIGTERM');
  t.is(await exited, 0, agent.err());
  await t.throwsAsync(fetch(url));
});

test('--prometheus-listen refuses a malformed address', async (t) => {
  const { file } = await program(`file "/tmp/x" { content => "x", }\n`);
  const child = startMgmt(['run', '--prometheus-listen', 'localhost', file]);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.is(code, 2);
  t.regex(child.err(), /expected HOST:PORT/);
});

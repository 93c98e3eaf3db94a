import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { watchExec } from '../src/watch.js';
import { build, decl } from './engine-harness.js';
import { harness, tempDir, waitFor } from './harness.js';

// Real directories, real processes, generous timeouts: inotify is fast, CI machines are not.
const WAIT = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('creates: deleting the path is an event; the watch is live when it resolves', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'made');
  await writeFile(made, '');
  const h = harness({ cmd: 'true', creates: made });
  const stop = await watchExec(h.watchCtx);
  t.teardown(stop);
  await rm(made);
  t.true(await waitFor(() => h.events.length > 0, WAIT));
  t.regex(h.events[0] ?? '', /^creates: rename /);
  t.deepEqual(h.errors, []);
});

test('creates: events for other entries of the directory are not ours', async (t) => {
  const dir = await tempDir(t);
  const h = harness({ cmd: 'true', creates: join(dir, 'made') });
  const stop = await watchExec(h.watchCtx);
  t.teardown(stop);
  await writeFile(join(dir, 'other'), 'x');
  await writeFile(join(dir, 'made'), 'x');
  t.true(await waitFor(() => h.events.length > 0, WAIT));
  t.true(h.events.every((e) => e.endsWith(join(dir, 'made'))), h.events.join('\n'));
});

test('creates: a missing parent is watched from the nearest ancestor, down as it appears', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'a', 'b', 'made');
  const h = harness({ cmd: 'true', creates: made });
  const stop = await watchExec(h.watchCtx);
  t.teardown(stop);
  await mkdir(join(dir, 'a', 'b'), { recursive: true });
  t.true(await waitFor(() => h.events.length > 0, WAIT), 'creating the missing directories is an event');
  // mkdir -p runs off the main thread: `b` may appear after the event for `a`, and then comes
  // an event of its own. Once those have passed, the watch is on a/b itself.
  await sleep(200);
  const before = h.events.length;
  await writeFile(made, '');
  t.true(await waitFor(() => h.events.some((e, i) => i >= before && e.endsWith(made)), WAIT), [...h.events, ...h.errors.map(String)].join('\n'));
  // The directory is moved away: the watch climbs back up and says so. (Only the parent's own
  // move or deletion is seen: inotify watches one directory, not its ancestors.)
  const seen = h.events.length;
  await rename(join(dir, 'a', 'b'), join(dir, 'a', 'gone'));
  t.true(await waitFor(() => h.events.length > seen, WAIT));
  await mkdir(join(dir, 'a', 'b'));
  await sleep(200); // let the events of the mkdir pass
  const again = h.events.length;
  await writeFile(made, '');
  t.true(await waitFor(() => h.events.some((e, i) => i >= again && e.endsWith(made)), WAIT), h.events.join('\n'));
  const last = h.events.length;
  await rm(join(dir, 'a', 'b'), { recursive: true });
  t.true(await waitFor(() => h.events.length > last, WAIT), 'deleting the parent is an event');
  t.deepEqual(h.errors, []);
});

test('creates: stop and abort end the watch; no events after', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'made');
  const h = harness({ cmd: 'true', creates: made });
  const stop = await watchExec(h.watchCtx);
  h.controller.abort();
  await stop();
  await writeFile(made, '');
  await sleep(300);
  t.deepEqual(h.events, []);
});

test('creates with watchcmd: both are watched', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'made');
  const h = harness({ cmd: 'true', creates: made, watchcmd: 'echo tick; exec sleep 30' });
  const stop = await watchExec(h.watchCtx);
  t.teardown(stop);
  t.true(await waitFor(() => h.events.includes('watchcmd'), WAIT));
  await writeFile(made, '');
  t.true(await waitFor(() => h.events.some((e) => e.startsWith('creates: ')), WAIT));
});

test('through the engine: deleting the created file makes the exec run again', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'made');
  const runs = join(dir, 'runs');
  const { engine, graph } = build(t, [
    decl('file', `${dir}/`, { state: 'exists' }),
    decl('exec', 'make', { cmd: `echo run >> '${runs}'; touch '${made}'`, creates: made }),
  ]);
  const count = async (): Promise<number> => (await readFile(runs, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  const converged = new Promise<void>((resolve) => engine.hooks.converged.tap('plugin-exec-test', () => resolve()));
  const running = engine.run(graph); // an agent: until stop()
  await converged;
  t.is(await count(), 1);
  t.true(existsSync(made));

  for (const expected of [2, 3]) {
    await rm(made);
    t.true(await waitFor(async () => (await count()) === expected && existsSync(made), WAIT), `run ${expected} did not happen`);
  }
  // Touching it (it exists) checks again, but the guard refuses: no run.
  await writeFile(made, 'x');
  await sleep(500);
  t.is(await count(), 3);
  await engine.stop();
  const summary = await running;
  t.is(summary.failed, 0);
});

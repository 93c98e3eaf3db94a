import { chmod, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { atomicWrite } from '../src/atomic-write.js';
import { emptyDiff, type FileDiff } from '../src/diff.js';
import { file } from '../src/index.js';
import { isOwnEvent, recordApplied } from '../src/self-events.js';
import { createState } from '../src/state.js';
import { tempDir, until, vertex } from './helpers/context.js';

const writeDiff = (path: string, data: string, mode?: number): FileDiff => ({ ...emptyDiff(path, path, false), write: Buffer.from(data), mode });

test('the echo of our own apply is dropped; a later delete still fires', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  const v = vertex(p, { content: 'x' });
  await v.converge();
  const stop = await file.watch!(v.ctx);
  t.teardown(() => void stop());
  await rm(p);
  await until(() => v.events.length === 1);
  await v.converge(); // writes `a` again while the watch is live
  await new Promise((r) => setTimeout(r, 200));
  t.is(v.events.length, 1, `only the delete, not our rewrite: ${v.events.join(', ')}`);
  await rm(p);
  t.true(await until(() => v.events.length === 2), 'the next delete is seen');
  v.stop();
});

test('a write recorded as it was left: its events are ours until someone else touches it', async (t) => {
  const p = join(await tempDir(t), 'a');
  const state = createState();
  const diff = writeDiff(p, 'mine\n', 0o640);
  recordApplied(state, diff, await atomicWrite(p, diff.write!, diff));
  t.true(isOwnEvent(state, p));
  await chmod(p, 0o600);
  t.false(isOwnEvent(state, p), 'a chmod by someone else goes through');
  t.false(isOwnEvent(state, p), 'and the record is forgotten');
});

// Another process may act between our rename and the record: recording what it left would
// swallow the event that reports it, and the drift would stay.
for (const [what, meddle] of [
  ['deleted', (p: string) => unlink(p)],
  ['rewritten in place', (p: string) => writeFile(p, 'someone else\n')],
  ['replaced', async (p: string) => (await unlink(p), await writeFile(p, 'mine\n'))],
  ['chmod-ed', (p: string) => chmod(p, 0o666)],
] as const) {
  test(`a file ${what} between our write and the record is not taken for ours`, async (t) => {
    const p = join(await tempDir(t), 'a');
    const state = createState();
    const diff = writeDiff(p, 'mine\n', 0o640);
    const written = await atomicWrite(p, diff.write!, diff);
    await meddle(p);
    recordApplied(state, diff, written);
    t.is(state.applied, undefined);
    t.false(isOwnEvent(state, p));
  });
}

test('a removal is recorded only while the path stays gone; a directory only while it is one', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'gone');
  const state = createState();
  const remove: FileDiff = { ...emptyDiff(p, p, false), remove: true };
  recordApplied(state, remove, undefined);
  t.true(isOwnEvent(state, p));
  await writeFile(p, 'back');
  recordApplied(state, remove, undefined);
  t.is(state.applied, undefined, 'made again before the record');

  const d = join(dir, 'd');
  const mkdirDiff: FileDiff = { ...emptyDiff(d, `${d}/`, true), mkdir: true, mode: 0o750 };
  await mkdir(d, { mode: 0o700 });
  recordApplied(state, mkdirDiff, undefined);
  t.is(state.applied, undefined, 'a mode other than asked for');
  await chmod(d, 0o750);
  recordApplied(state, mkdirDiff, undefined);
  t.true(isOwnEvent(state, d));
});

import test from 'ava';
import { Engine, eventStream, type StreamEvent } from '../src/index.js';
import { driftable, edge, registryOf, res, timedKind, until } from './helpers.js';

/** A sink that keeps the lines written to it, parsed. */
const sink = () => {
  const lines: StreamEvent[] = [];
  return { lines, write: (chunk: string) => lines.push(...chunk.trimEnd().split('\n').map((l) => JSON.parse(l) as StreamEvent)) };
};

const graph = {
  resources: [res('slow', 'a'), res('slow', 'b'), res('slow', 'bad', {}, { fail: true }), res('slow', 'after')],
  edges: [edge('slow', 'bad', 'after')],
};

test('one line per transition: changed, failed, skipped, with the cause of the check', async (t) => {
  const out = sink();
  const timeline: string[] = [];
  const engine = new Engine({ registry: registryOf(timedKind(5, timeline)), hostname: 'h1' });
  eventStream(engine, out, { host: 'h1' });
  await engine.run(engine.build(graph).graph!, { convergedTimeout: 0 });

  const by = (name: string) => out.lines.filter((l) => l.name === name).map((l) => l.event);
  t.deepEqual(by('a'), ['changed']);
  t.deepEqual(by('b'), ['changed']);
  t.deepEqual(by('bad'), ['failed']);
  t.deepEqual(by('after'), ['skipped']);
  const changed = out.lines.find((l) => l.name === 'a')!;
  t.like(changed, { host: 'h1', kind: 'slow', event: 'changed', cause: 'start', changes: ['run a'] });
  t.true(typeof changed.ms === 'number' && changed.ms >= 0);
  t.false(Number.isNaN(Date.parse(changed.ts)));
  t.like(out.lines.find((l) => l.name === 'bad'), { event: 'failed', cause: 'start', error: 'bad exploded' });
  t.like(out.lines.find((l) => l.name === 'after'), { event: 'skipped', blocker: 'slow[bad]' });
  t.false(out.lines.some((l) => l.event === 'checked'));
});

test('checked lines only when asked for; noop lines in noop', async (t) => {
  const out = sink();
  const engine = new Engine({ registry: registryOf(timedKind(1, [])), noop: true });
  eventStream(engine, out, { checks: true });
  await engine.run(engine.build({ resources: [res('slow', 'x')], edges: [] }).graph!, { convergedTimeout: 0 });
  t.deepEqual(
    out.lines.map((l) => [l.event, l.host, l.changes]),
    [
      ['checked', 'localhost', ['run x']],
      ['noop', 'localhost', ['run x']],
    ],
  );
});

test('a repair after a watch event carries cause "watch"', async (t) => {
  const out = sink();
  const { def, drift } = driftable();
  const engine = new Engine({ registry: registryOf(def) });
  eventStream(engine, out, { checks: true });
  let settled = 0;
  engine.hooks.converged.tap('t', () => settled++);
  const done = engine.run(engine.build({ resources: [res('disk', 'd')], edges: [] }).graph!);
  await until(() => settled === 1);
  drift('test');
  await until(() => settled === 2);
  await engine.stop();
  await done;
  t.deepEqual(
    out.lines.map((l) => `${l.event} ${l.cause}`),
    ['checked start', 'changed start', 'checked watch', 'changed watch'],
  );
});

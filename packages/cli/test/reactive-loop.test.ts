import test from 'ava';
import { compile, type CollectedResource } from '@mgmt/lang';
import { Engine, MemoryWorld, type GraphDiff } from '@mgmt/engine';
import { createRegistry, silentLogger, type Logger } from '@mgmt/resource';
import { testPlugin } from '@mgmt/resource/testing';
import { ReactiveLoop } from '../src/reactive/loop.js';
import { until } from './helpers.js';

const registry = createRegistry([testPlugin]);

function setup(text: () => string, opts: { now?: () => number; hostname?: string; world?: MemoryWorld } = {}) {
  const hostname = opts.hostname ?? 'a';
  const world = opts.world ?? new MemoryWorld(hostname);
  const engine = new Engine({ registry, hostname });
  const errors: string[] = [];
  const log: Logger = { ...silentLogger, error: (m: string) => void errors.push(m), child: () => log };
  const loop = new ReactiveLoop({
    compile: async (collected: readonly CollectedResource[]) =>
      compile([{ path: 'main.mcl', text: text() }], { registry, hostname, collected, ...(opts.now ? { now: opts.now } : {}) }),
    build: (result) => engine.build(result.graph!),
    render: (d) => `${d.code}: ${d.message}`,
    world,
    hostname,
    log,
    debounceMs: 10,
    clockMs: 20,
  });
  return { world, engine, loop, errors };
}

test('collect: another host’s exports arrive, are swapped in, and leave again', async (t) => {
  const { world, engine, loop } = setup(() => 'test "own" {}\ncollect test\n');
  const swaps: GraphDiff[] = [];
  engine.hooks.swapped.tap('t', (d) => swaps.push(d));
  const first = await loop.first();
  const built = engine.build(first.graph!);
  const done = engine.run(built.graph!);
  loop.start(engine, built.graph!, first);
  await world.as('b').export('b', [{ kind: 'test', name: 'from-b', params: {} }]);
  await until(() => engine.vertex('test[from-b]') !== undefined, 10_000);
  t.deepEqual(swaps.at(-1)!.added, ['test[from-b]']);
  await world.as('b').export('b', []);
  await until(() => engine.vertex('test[from-b]') === undefined, 10_000);
  await loop.stop();
  await engine.stop();
  await done;
  t.deepEqual(world.collect('test').current(), []);
});

test('the clock: re-evaluated on ticks; an unchanged graph is no swap, a broken one is logged and kept', async (t) => {
  let ms = 1_000_000;
  let text = 'test "t" { }\n$x = datetime.now()\n';
  const { engine, loop, errors } = setup(() => text, { now: () => ms });
  const swaps: GraphDiff[] = [];
  engine.hooks.swapped.tap('t', (d) => swaps.push(d));
  const first = await loop.first();
  t.true(first.inputs.clock);
  const built = engine.build(first.graph!);
  const done = engine.run(built.graph!);
  loop.start(engine, built.graph!, first);
  await until(() => loop.evaluations >= 3, 10_000);
  t.is(swaps.length, 0, 'ticks that change nothing swap nothing');
  text = 'test "t" { }\ntest "n${datetime.now()}" {}\n';
  await until(() => swaps.length > 0, 10_000);
  t.deepEqual(swaps[0]!.added, ['test[n1000]']);
  ms += 1000;
  await until(() => engine.vertex('test[n1001]') !== undefined, 10_000);
  text = 'test "t" { nope => 1, }\n$x = datetime.now()\n';
  await until(() => errors.some((e) => e.includes('MCL_')), 10_000);
  t.truthy(engine.vertex('test[n1001]'), 'the last good graph keeps running');
  await loop.stop();
  await engine.stop();
  await done;
});

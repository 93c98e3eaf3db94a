import test from 'ava';
import { compile, type CollectedResource } from '@mgmt/lang';
import { Engine, MemoryWorld, type Collection, type ExportedResource, type GraphDiff, type World } from '@mgmt/engine';
import { createRegistry, silentLogger } from '@mgmt/resource';
import { testPlugin } from '@mgmt/resource/testing';
import { ReactiveLoop } from '../src/reactive/loop.js';
import { until } from './helpers.js';

const registry = createRegistry([testPlugin]);

/**
 * A world that tells collectors `delayMs` after a change, as etcd's watch does, and counts
 * export writes.
 */
class SlowWorld implements World {
  readonly writes: string[] = [];
  constructor(
    private readonly inner: MemoryWorld,
    private readonly delayMs: number,
  ) {}
  get hostname(): string {
    return this.inner.hostname;
  }
  export(host: string, resources: readonly ExportedResource[]): Promise<void> {
    this.writes.push(`${host}:${resources.map((r) => r.name).join(',')}`);
    return this.inner.export(host, resources);
  }
  collect(kind: string): Collection {
    const inner = this.inner.collect(kind);
    let first = true;
    return {
      ...inner,
      subscribe: (listener: (s: readonly CollectedResource[]) => void) =>
        inner.subscribe((s) => {
          if (first) listener(s); // the snapshot at subscription is there at once
          else setTimeout(() => listener(s), this.delayMs);
          first = false;
        }),
    };
  }
  get = (key: string) => this.inner.get(key);
  set = (key: string, value: string | undefined) => this.inner.set(key, value);
  watch = (key: string, listener: (value: string | undefined) => void) => this.inner.watch(key, listener);
  close = () => this.inner.close();
}

function setup(world: SlowWorld, text: string) {
  const engine = new Engine({ registry, hostname: 'a' });
  const loop = new ReactiveLoop({
    compile: async (collected) => compile([{ path: 'main.mcl', text }], { registry, hostname: 'a', collected }),
    build: (result) => engine.build(result.graph!),
    render: (d) => d.message,
    world,
    hostname: 'a',
    log: silentLogger,
    debounceMs: 10,
    echoMs: 5000,
  });
  return { engine, loop };
}

test('the first graph waits for this host’s own exports to come back from a world that is slow to tell', async (t) => {
  const world = new SlowWorld(new MemoryWorld('a'), 100);
  const { loop } = setup(world, 'export test "mine" {}\ncollect test\n');
  const first = await loop.first();
  t.deepEqual(first.graph!.resources.map((r) => r.name), ['mine']);
  await loop.stop();
});

test('a snapshot that lands between the first evaluation and the start is not lost; unchanged exports are not written again', async (t) => {
  const memory = new MemoryWorld('a');
  const world = new SlowWorld(memory, 50);
  const { engine, loop } = setup(world, 'test "own" {}\nexport test "mine" {}\ncollect test\n');
  const swaps: GraphDiff[] = [];
  engine.hooks.swapped.tap('t', (d) => swaps.push(d));
  const first = await loop.first();
  // Another host exports before the engine runs; the loop hears of it 50 ms later, still
  // before the engine runs, so only the start can notice that the first graph is behind.
  await memory.as('b').export('b', [{ kind: 'test', name: 'from-b', params: {} }]);
  await new Promise((r) => setTimeout(r, 150));
  const built = engine.build(first.graph!);
  const done = engine.run(built.graph!);
  loop.start(engine, built.graph!, first);
  await until(() => engine.vertex('test[from-b]') !== undefined, 10_000);
  t.deepEqual(swaps.at(-1)!.added, ['test[from-b]']);
  t.deepEqual(swaps.at(-1)!.changed, [], 'only the new vertex runs');
  t.deepEqual(world.writes, ['a:mine'], 'the re-evaluation exported the same set: nothing written');
  await loop.stop();
  await engine.stop();
  await done;
  t.deepEqual(world.writes, ['a:mine', 'a:']);
});

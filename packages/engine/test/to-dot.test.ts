import test from 'ava';
import { Engine, toDot } from '../src/index.js';
import { edge, registryOf, res, timedKind } from './helpers.js';

test('toDot fills nodes by their final status when given a status lookup', async (t) => {
  const engine = new Engine({ registry: registryOf(timedKind(1, [])) });
  const graph = engine.build({
    resources: [res('slow', 'ok'), res('slow', 'bad', {}, { fail: true }), res('slow', 'after')],
    edges: [edge('slow', 'bad', 'after')],
  }).graph!;
  const plain = toDot(graph);
  t.false(plain.includes('fillcolor'));
  await engine.run(graph, { convergedTimeout: 0 });
  const dot = toDot(graph, 'mgmt', (key) => engine.vertex(key)?.status);
  t.regex(dot, /^ {2}"slow\[ok\]" \[style=filled, fillcolor=green, tooltip="converged"\];$/m);
  t.regex(dot, /^ {2}"slow\[bad\]" \[style=filled, fillcolor=red, tooltip="failed"\];$/m);
  t.regex(dot, /^ {2}"slow\[after\]" \[style=filled, fillcolor=orange, tooltip="blocked"\];$/m);
  t.regex(dot, /^ {2}"slow\[bad\]" -> "slow\[after\]";$/m);
  t.is(toDot(graph, 'mgmt', () => undefined), plain);
});

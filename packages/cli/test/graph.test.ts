import test from 'ava';
import { mgmt } from './helpers.js';

test('mgmt graph prints the program as DOT', async (t) => {
  const r = await mgmt(['graph', 'examples/seed/parallel.mcl']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^digraph "mgmt" \{/);
  t.regex(r.stdout, /"exec\[exec1\]" -> "exec\[exec2\]";/);
  t.regex(r.stdout, /"exec\[exec2\]" -> "exec\[exec3\]";/);
  t.notRegex(r.stdout, /exec4\]" ->/);
});

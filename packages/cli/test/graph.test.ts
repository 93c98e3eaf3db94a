import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mgmt, program } from './helpers.js';

test('mgmt graph prints the program as DOT', async (t) => {
  const r = await mgmt(['graph', 'examples/seed/parallel.mcl']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^digraph "mgmt" \{/);
  t.regex(r.stdout, /"exec\[exec1\]" -> "exec\[exec2\]";/);
  t.regex(r.stdout, /"exec\[exec2\]" -> "exec\[exec3\]";/);
  t.notRegex(r.stdout, /exec4\]" ->/);
});

test('mgmt run --graphviz writes the graph it runs', async (t) => {
  const { dir, file } = await program('exec "a" { cmd => "true", }\nexec "b" { cmd => "true", }\nExec["a"] ~> Exec["b"]\n');
  const dot = join(dir, 'graph.dot');
  const r = await mgmt(['run', '--converged-timeout=0', `--graphviz=${dot}`, file]);
  t.is(r.code, 0, r.stderr);
  t.regex(await readFile(dot, 'utf8'), /"exec\[a\]" -> "exec\[b\]" \[style=bold, label="notify"\];/);
});

import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mgmt, program, tempDir } from './helpers.js';

test('--graphviz rewrites the graph at the end with nodes coloured by final status', async (t) => {
  const dir = await tempDir();
  const dot = join(dir, 'graph.dot');
  const { file } = await program(`
exec "bad" { cmd => "exit 3", }
exec "after" { cmd => "true", }
exec "good" { cmd => "true", }
Exec["bad"] -> Exec["after"]
`);
  const r = await mgmt(['run', '--converged-timeout=0', '--graphviz', dot, file]);
  t.is(r.code, 1, r.stderr);
  const text = await readFile(dot, 'utf8');
  t.regex(text, /"exec\[bad\]" \[style=filled, fillcolor=red/);
  t.regex(text, /"exec\[after\]" \[style=filled, fillcolor=orange/);
  t.regex(text, /"exec\[good\]" \[style=filled, fillcolor=green/);
  t.regex(text, /"exec\[bad\]" -> "exec\[after\]";/);
});

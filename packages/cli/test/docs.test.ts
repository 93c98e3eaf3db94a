import test from 'ava';
import { mgmt } from './helpers.js';

test('mgmt docs lists the installed kinds and prints one kind from its schema', async (t) => {
  const list = await mgmt(['docs']);
  t.is(list.code, 0, list.stderr);
  t.regex(list.stdout, /^exec +.*\(@mgmt\/plugin-exec\)$/m);
  t.regex(list.stdout, /^file +.*\(@mgmt\/plugin-file\)$/m);

  const file = await mgmt(['docs', 'exec']);
  t.is(file.code, 0);
  t.regex(file.stdout, /^ {2}cmd: str \(required\)$/m);
  t.regex(file.stdout, /^ {2}args: \[str\]$/m);
  t.regex(file.stdout, /capabilities: watch, refresh/);

  const missing = await mgmt(['docs', 'docker:container']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /no plugin provides kind `docker:container`; installed kinds: exec, file, pkg, svc/);
});

test('mgmt docs shows derived and declared capabilities: simulate for file, group for pkg', async (t) => {
  const shown = async (kind: string) => /^capabilities: (.*)$/m.exec((await mgmt(['docs', kind])).stdout)?.[1];
  t.is(await shown('file'), 'watch, autoedges, simulate');
  t.is(await shown('pkg'), 'watch, group');
  t.is(await shown('svc'), 'watch, refresh, autoedges');
});

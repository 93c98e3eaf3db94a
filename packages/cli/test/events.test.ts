import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mgmt, program, tempDir } from './helpers.js';

test('--events FILE writes one JSON line per transition, with the cause', async (t) => {
  const dir = await tempDir();
  const events = join(dir, 'events.jsonl');
  const { file } = await program(`
exec "bad" { cmd => "exit 3", }
exec "after" { cmd => "true", }
file "${join(dir, 'a')}" { content => "a\\n", }
Exec["bad"] -> Exec["after"]
`);
  const r = await mgmt(['run', '--converged-timeout=0', '--hostname=h1', '--events', events, file]);
  t.is(r.code, 1, r.stderr);
  const lines = (await readFile(events, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  t.like(lines.find((l) => l['event'] === 'changed'), { host: 'h1', kind: 'file', name: join(dir, 'a'), cause: 'start' });
  t.like(lines.find((l) => l['event'] === 'failed'), { host: 'h1', kind: 'exec', name: 'bad', cause: 'start' });
  t.like(lines.find((l) => l['event'] === 'skipped'), { kind: 'exec', name: 'after', blocker: 'exec[bad]' });
  t.false(lines.some((l) => l['event'] === 'checked'));
  for (const l of lines) t.false(Number.isNaN(Date.parse(l['ts'] as string)));
});

test('--events - writes to stdout; --events-checks adds checked lines', async (t) => {
  const dir = await tempDir();
  const { file } = await program(`file "${join(dir, 'a')}" { content => "a\\n", }\n`);
  const r = await mgmt(['run', '--converged-timeout=0', '--log-level=error', '--events', '-', '--events-checks', file]);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  // The file's own write may wake its watch for one more (clean) check.
  t.deepEqual(lines.slice(0, 2).map((l) => [l['event'], l['cause']]), [['checked', 'start'], ['changed', 'start']]);
  t.true(lines.slice(2).every((l) => l['event'] === 'checked'));
  t.is((await mgmt(['run', '--converged-timeout=0', '--events-checks', file])).code, 2);
  const unwritable = await mgmt(['run', '--converged-timeout=0', '--events', join(dir, 'no/such/dir/e.jsonl'), file]);
  t.is(unwritable.code, 2);
  t.regex(unwritable.stderr, /cannot write events to/);
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { unifiedDiff } from '../src/unified-diff.js';
import { tempDir, vertex } from './helpers/context.js';

const d = (a: string, b: string, opts: { context?: number; maxLines?: number } = {}) => unifiedDiff(a, b, { from: '/p', to: '/p', ...opts });
const lines = (n: number, f: (i: number) => string = (i) => `l${i}`) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

test('equal texts have no diff', (t) => {
  t.is(d('a\nb\n', 'a\nb\n'), '');
  t.is(d('', ''), '');
});

test('one changed line, with the headers and a hunk', (t) => {
  t.is(d('a\nb\nc\n', 'a\nB\nc\n'), ['--- /p', '+++ /p', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', ''].join('\n'));
});

test('three lines of context; changes far apart make separate hunks, close ones one', (t) => {
  const before = lines(30);
  const after = lines(30, (i) => (i === 5 || i === 12 || i === 25 ? `X${i}` : `l${i}`));
  const out = d(before, after).split('\n');
  t.deepEqual(
    out.filter((l) => l.startsWith('@@')),
    ['@@ -3,14 +3,14 @@', '@@ -23,7 +23,7 @@'],
  );
  t.deepEqual(out.slice(3, 6), [' l2', ' l3', ' l4']);
  t.is(d(before, after, { context: 0 }).split('\n').filter((l) => l.startsWith('@@')).length, 3);
});

test('a new file diffs against nothing; an emptied one against nothing too', (t) => {
  t.is(unifiedDiff('', 'x\ny\n', { from: '/dev/null', to: '/p' }), ['--- /dev/null', '+++ /p', '@@ -0,0 +1,2 @@', '+x', '+y', ''].join('\n'));
  t.is(d('x\n', ''), ['--- /p', '+++ /p', '@@ -1 +0,0 @@', '-x', ''].join('\n'));
});

test('no newline at the end of file is marked, and adding one is a change', (t) => {
  t.is(d('a\nb', 'a\nc'), ['--- /p', '+++ /p', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'));
  t.is(d('a\nb', 'a\nb\n'), ['--- /p', '+++ /p', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'));
});

test('insertions and deletions at both ends', (t) => {
  t.is(
    d('1\n2\n3\n4\n5\n6\n7\n8\n9\n', '0\n1\n2\n4\n5\n6\n7\n8\n9\n10\n'),
    // Six unchanged lines between two changes (2 × context) still make one hunk, as in diff -u.
    ['--- /p', '+++ /p', '@@ -1,9 +1,10 @@', '+0', ' 1', ' 2', '-3', ' 4', ' 5', ' 6', ' 7', ' 8', ' 9', '+10', ''].join('\n'),
  );
});

test('long diffs are capped with a note of what was left out', (t) => {
  const out = d('', lines(500), { maxLines: 200 }).split('\n');
  t.is(out.length, 202); // 200 lines, the note, the final newline
  t.is(out[200], '… 303 more lines');
});

test('a content change of a file is a detail with a unified diff of the file', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'motd');
  await writeFile(p, 'hello\nworld\n');
  const v = vertex(p, { content: 'hello\nthere\n', mode: '0600' });
  const r = await v.check();
  if (r.ok) return t.fail('expected drift');
  const content = r.details?.find((x) => x.param === 'content');
  t.is(content?.diff, [`--- ${p}`, `+++ ${p}`, '@@ -1,2 +1,2 @@', ' hello', '-world', '+there', ''].join('\n'));
  t.like(r.details?.find((x) => x.param === 'mode'), { to: '0600' });
  v.stop();
});

test('a new file diffs from /dev/null; binary content gets sizes, not a diff', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'new');
  const v = vertex(p, { content: 'x\n' });
  const r = await v.check();
  t.deepEqual(r.ok ? [] : r.details, [
    { param: 'state', from: 'absent', to: 'file' },
    { param: 'content', to: '2 bytes', diff: `--- /dev/null\n+++ ${p}\n@@ -0,0 +1 @@\n+x\n` },
  ]);
  v.stop();
  const b = join(dir, 'bin');
  await writeFile(b, Buffer.from([0, 1, 2]));
  const vb = vertex(b, { content: 'text\n' });
  const rb = await vb.check();
  t.deepEqual(rb.ok ? [] : rb.details, [{ param: 'content', from: '3 bytes', to: '5 bytes' }]);
  vb.stop();
});

import { mkdtempSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { DEBOUNCE_MS, subscribeDir, watchedDirs } from '../src/apt/dir-watch.js';

const dir = mkdtempSync(join(tmpdir(), 'mgmt-pkg-watch-'));
test.after.always(() => rm(dir, { recursive: true, force: true }));

test('one debounced event per burst, shared by subscribers, only for the filtered name', async (t) => {
  const a: string[] = [];
  const b: string[] = [];
  const filter = (n: string): boolean => n === 'status' || n === 'status-new';
  const stopA = subscribeDir(dir, filter, 'status changed', { onChange: (r) => a.push(r), onError: (e) => t.fail(e.message) });
  const stopB = subscribeDir(dir, filter, 'status changed', { onChange: (r) => b.push(r), onError: (e) => t.fail(e.message) });
  t.is(watchedDirs(), 1);
  await writeFile(join(dir, 'other'), 'x');
  // What dpkg does: write status-new, rename it over status.
  await writeFile(join(dir, 'status-new'), 'Package: sl\n');
  await rename(join(dir, 'status-new'), join(dir, 'status'));
  await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 3));
  t.is(a.length, 1);
  t.is(b.length, 1);
  t.regex(a[0] ?? '', /^status changed \(status(-new)?\)$/);
  stopA();
  stopB();
  t.is(watchedDirs(), 0, 'the last subscriber closes the watcher');
});

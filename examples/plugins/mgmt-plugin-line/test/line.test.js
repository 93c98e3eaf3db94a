// Run with `node --test` (or `npm test`) in this folder; needs @mgmt/resource installed.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { conformance, makeContext } from '@mgmt/resource/testing';
import plugin, { line } from '../index.js';

const dir = await mkdtemp(join(tmpdir(), 'mgmt-plugin-line-'));
after(() => rm(dir, { recursive: true, force: true }));
const file = join(dir, 'hosts');
const snapshot = () => readFile(file, 'utf8').catch(() => null);

// The kit's checks: meta and names, docs from the schema, check without side effects, noop,
// check → apply → check, watch firing on drift. One node:test case per check.
describe('conformance', () => {
  const checks = conformance(line, {
    valid: [
      {
        title: 'present in an existing file',
        name: 'localhost',
        params: { path: file, line: '127.0.0.1 localhost' },
        setup: () => writeFile(file, '# hosts\n10.0.0.1 db'),
        snapshot,
        drift: () => writeFile(file, '# hosts\n'),
        teardown: () => rm(file, { force: true }),
      },
      {
        title: 'present in a missing file',
        name: 'new',
        params: { path: file, line: 'first' },
        setup: () => rm(file, { force: true }),
        snapshot,
        drift: () => rm(file),
        teardown: () => rm(file, { force: true }),
      },
      {
        title: 'absent',
        name: 'gone',
        params: { path: file, line: 'PermitRootLogin yes', state: 'absent' },
        setup: () => writeFile(file, 'Port 22\nPermitRootLogin yes\nPermitRootLogin yes\n'),
        snapshot,
        drift: () => writeFile(file, 'Port 22\nPermitRootLogin yes\n'),
        teardown: () => rm(file, { force: true }),
      },
    ],
    invalid: [
      { params: { path: 'relative/hosts', line: 'x' }, message: /^path: must be an absolute path/ },
      { params: { path: '/etc/hosts', line: 'two\nlines' }, message: /^line: must be a single line/ },
      { params: { path: '/etc/hosts', line: 'x', state: 'gone' }, message: /^state: / },
      { params: { path: '/etc/hosts', line: 'x', mode: '0644' }, message: /mode/ },
    ],
  });
  for (const c of checks) it(c.name, () => c.run());
});

describe('line', () => {
  it('is the default export of a plugin named after package.json', () => {
    assert.equal(plugin.meta.name, 'mgmt-plugin-line');
    assert.deepEqual(
      plugin.resources.map((r) => r.kind),
      ['line'],
    );
  });

  it('appends after a last line that has no newline, and keeps the mode', async () => {
    await writeFile(file, 'a\nb');
    await chmod(file, 0o600);
    const ctx = makeContext(line, { path: file, line: 'c' });
    const r = await line.check(ctx);
    assert.deepEqual(r, { ok: false, diff: 'append', changes: [`append the line to ${file}`] });
    if (!r.ok) await line.apply(ctx, r.diff);
    assert.equal(await readFile(file, 'utf8'), 'a\nb\nc\n');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('removes every copy and leaves the other lines as they were', async () => {
    await writeFile(file, 'keep\r\ndrop\nkeep too\ndrop');
    const ctx = makeContext(line, { path: file, line: 'drop', state: 'absent' });
    const r = await line.check(ctx);
    assert.deepEqual(r.ok ? [] : r.changes, [`remove 2 copies of the line from ${file}`]);
    if (!r.ok) await line.apply(ctx, r.diff);
    assert.equal(await readFile(file, 'utf8'), 'keep\r\nkeep too\n');
  });

  it('treats a missing file as having no lines when the line must be absent', async () => {
    await rm(file, { force: true });
    const ctx = makeContext(line, { path: join(dir, 'missing'), line: 'x', state: 'absent' });
    assert.deepEqual(await line.check(ctx), { ok: true });
  });

  it('comes after the file resources of the path and its directory', () => {
    assert.deepEqual(line.autoEdges?.({ path: '/etc/hosts', line: 'x', state: 'present' }, 'h'), [
      { kind: 'file', id: '/etc/hosts' },
      { kind: 'file', id: '/etc/' },
    ]);
  });
});

import test from 'ava';
import plugin, { file, fileParams } from '../src/index.js';

const issues = (raw: unknown) => {
  const r = fileParams.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('defaults: recurse and purge off, everything else left unset', (t) => {
  t.deepEqual(fileParams.parse({}), { recurse: false, purge: false });
});

test('plugin meta comes from package.json', (t) => {
  t.is(plugin.meta.name, '@mgmt/plugin-file');
  t.regex(plugin.meta.version, /^\d+\.\d+\.\d+/);
  t.deepEqual(plugin.resources.map((r) => r.kind), ['file']);
});

test('id is the path, or the name when no path is given', (t) => {
  t.is(file.id?.(fileParams.parse({ path: '/etc/motd' }), 'motd'), '/etc/motd');
  t.is(file.id?.(fileParams.parse({}), '/etc/motd'), '/etc/motd');
});

test('mode must be octal, with a clear message', (t) => {
  t.deepEqual(issues({ mode: '0644' }), []);
  t.deepEqual(issues({ mode: '4755' }), []);
  t.deepEqual(issues({ mode: '644' }), []);
  t.deepEqual(issues({ mode: '0999' }), ['mode: must be an octal mode like "0644"']);
  t.deepEqual(issues({ mode: 'rw-r--r--' }), ['mode: must be an octal mode like "0644"']);
});

test('content and source together are rejected', (t) => {
  t.deepEqual(issues({ content: 'x', source: '/etc/hostname' }), ['source: content and source are mutually exclusive']);
});

test('absent with content is rejected', (t) => {
  t.deepEqual(issues({ state: 'absent', content: 'x' }), ['state: a file with state "absent" cannot have content or source']);
});

test('unknown params and bad values are rejected', (t) => {
  t.regex(issues({ mdoe: '0644' }).join(), /mdoe/);
  t.is(issues({ state: 'present' }).length, 1);
  t.deepEqual(issues({ path: 'relative/path' }), ['path: must be an absolute path']);
});

test('owner and group take names or numeric ids', (t) => {
  t.deepEqual(issues({ owner: 'root', group: 0 }), []);
  t.is(issues({ owner: -1 }).length, 1);
});

test('auto edges point at the parent directory resource', (t) => {
  const edges = (name: string) => file.autoEdges?.(fileParams.parse({}), name);
  t.deepEqual(edges('/a/b/c'), [{ kind: 'file', id: '/a/b/' }]);
  t.deepEqual(edges('/a/b/'), [{ kind: 'file', id: '/a/' }]);
  t.deepEqual(edges('/a'), [{ kind: 'file', id: '/' }]);
  t.deepEqual(edges('/'), []);
  t.deepEqual(file.autoEdges?.(fileParams.parse({ path: '/x/y' }), 'named'), [{ kind: 'file', id: '/x/' }]);
});

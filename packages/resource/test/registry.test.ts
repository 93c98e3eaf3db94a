import test from 'ava';
import { createRegistry, definePlugin, defineResource, DuplicateKindError, suggestPlugin, z } from '../src/index.js';
import { testKind } from '../src/testing/index.js';

const other = (name: string) => definePlugin({ meta: { name, version: '1.0.0' }, resources: [testKind] });

test('a kind claimed by two plugins is refused, naming both', (t) => {
  const err = t.throws(() => createRegistry([other('a-plugin'), other('b-plugin')]), { instanceOf: DuplicateKindError });
  t.regex(err!.message, /`test`.*a-plugin.*b-plugin/);
});

test('registry lists kinds and finds their plugin', (t) => {
  const reg = createRegistry([other('a-plugin')]);
  t.deepEqual(reg.kinds(), ['test']);
  t.is(reg.get('test')?.plugin.name, 'a-plugin');
  t.is(reg.get('nope'), undefined);
});

test('unknown kinds suggest a plugin package', (t) => {
  t.is(suggestPlugin('svc'), '@mgmt/plugin-svc');
  t.is(suggestPlugin('docker:container'), 'mgmt-plugin-docker');
});

test('defineResource rejects kind and param names outside the convention', (t) => {
  const base = { meta: { description: 'x' }, check: async () => ({ ok: true }) as const, apply: async () => {} };
  t.throws(() => defineResource({ ...base, kind: 'File', params: z.object({}) }), { message: /invalid resource kind/ });
  t.throws(() => defineResource({ ...base, kind: 'x', params: z.object({ sendOutput: z.string() }) }), { message: /snake_case/ });
});

test('a plugin may not declare one kind twice', (t) => {
  t.throws(() => definePlugin({ meta: { name: 'p', version: '1' }, resources: [testKind, testKind] }), { message: /twice/ });
});

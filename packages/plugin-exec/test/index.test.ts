import { readFileSync } from 'node:fs';
import { createRegistry, isPlugin, z } from '@mgmt/resource';
import test from 'ava';
import plugin, { exec } from '../src/index.js';

test('the plugin carries its package name and version, and the exec kind', (t) => {
  const pkg = z
    .object({ name: z.string(), version: z.string() })
    .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
  t.true(isPlugin(plugin));
  t.deepEqual(plugin.meta, { name: '@mgmt/plugin-exec', version: pkg.version });
  t.is(plugin.resources.length, 1);
  t.is(plugin.resources[0], exec);
  t.is(createRegistry([plugin]).get('exec')?.definition, exec);
});

test('exec opts into watch, refresh and autoedges, and needs no poll', (t) => {
  t.is(exec.kind, 'exec');
  t.is(typeof exec.watch, 'function');
  t.is(typeof exec.refresh, 'function');
  t.is(typeof exec.autoEdges, 'function');
  t.is(exec.poll, undefined);
  t.deepEqual(exec.state?.(), { ran: false, pending: false });
});

import test from 'ava';
import { pathKey } from '../src/config/json-positions.js';
import { scanYaml } from '../src/config/yaml-positions.js';

/** The text each path's key (or, for list items, value) span covers. */
function at(text: string, path: (string | number)[], part: 'key' | 'value' = 'key'): string | undefined {
  const s = scanYaml(text).get(pathKey(path));
  const span = part === 'key' ? (s?.key ?? s?.value) : s?.value;
  return span && text.slice(span.start, span.end);
}

test('top-level keys, their values, and quoted keys', (t) => {
  const text = 'hostname: web1   # the host\n"logFormat": json\n\'stateDir\': /var/lib/mgmt\n';
  t.is(at(text, ['hostname']), 'hostname');
  t.is(at(text, ['hostname'], 'value'), 'web1');
  t.is(at(text, ['logFormat']), '"logFormat"');
  t.is(at(text, ['stateDir'], 'value'), '/var/lib/mgmt');
});

test('block lists, under a key indented or not, and mappings inside list items', (t) => {
  const text = ['plugins:', '  - a', '  - - b', '    - 5', 'seeds:', '- http://a:2379', '- http://b:2379', 'x:', '  - name: one', '    size: 2', '  - name:', '      deep: 1', 'last: 1'].join('\n');
  t.is(at(text, ['plugins', 0]), 'a');
  t.is(at(text, ['plugins', 1, 0]), 'b');
  t.is(at(text, ['plugins', 1, 1]), '5');
  t.is(at(text, ['seeds', 1]), 'http://b:2379');
  t.is(at(text, ['x', 0, 'size']), 'size');
  t.is(at(text, ['x', 1, 'name', 'deep']), 'deep');
  t.is(at(text, ['last']), 'last');
});

test('flow collections and block scalars are one value; what follows them is placed again', (t) => {
  const text = ['plugins: [a,', '  {b: 1}]', 'motd: |', '  key: not a key', '  - nor an item', 'hostname: 3', 'empty:', 'seeds: []'].join('\n');
  t.is(at(text, ['plugins']), 'plugins');
  t.is(at(text, ['plugins', 1]), undefined);
  t.is(at(text, ['key']), undefined);
  t.is(at(text, ['hostname']), 'hostname');
  t.is(at(text, ['seeds']), 'seeds', 'a key with no value does not swallow its sibling');
  t.is(scanYaml(text).size, 5);
});

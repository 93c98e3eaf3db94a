import test from 'ava';
import { decodeValue } from '../src/codec.js';
import { exportKey, parseExportKey } from '../src/keys.js';
import { planExports } from '../src/publish.js';

test('keys are from-host first, one per recipient, with every segment encoded', (t) => {
  const puts = planExports('/mgmt', 'h/1', [{ kind: 'file', name: '/etc/x*', params: {}, to: ['b', 'c'] }, { kind: 'file', name: 'y', params: {} }], 1024);
  t.deepEqual(
    puts.map((p) => p.key),
    ['/mgmt/exported/h%2F1/b/file/%2Fetc%2Fx%2A', '/mgmt/exported/h%2F1/c/file/%2Fetc%2Fx%2A', '/mgmt/exported/h%2F1/*/file/y'],
  );
  t.deepEqual(JSON.parse(puts[0]!.value), { v: 1, kind: 'file', name: '/etc/x*', params: {}, to: ['b', 'c'] });
});

test('a key round-trips, and a host named "*" cannot pass for "every host"', (t) => {
  t.deepEqual(parseExportKey('/p', exportKey('/p', 'a/b', '*', 'k:x', 'n/m')), { from: 'a/b', to: '*', kind: 'k:x', name: 'n/m' });
  t.is(exportKey('/p', 'a', 'x', 'k', 'n').split('/')[4], 'x');
  t.is(exportKey('/p', '*', '*', 'k', 'n'), '/p/exported/%2A/*/k/n');
  t.is(parseExportKey('/p', '/p/exported/a/%E0%A4%A/k/n'), 'key is not percent-encoded');
});

test('a decoded value is frozen, so a collector cannot change what others see', (t) => {
  const v = decodeValue({ from: 'a', to: '*', kind: 'file', name: 'n' }, JSON.stringify({ v: 1, kind: 'file', name: 'n', params: { deep: { x: 1 } } }));
  t.true(typeof v === 'object' && Object.isFrozen(v.params) && Object.isFrozen(v.params.deep));
});

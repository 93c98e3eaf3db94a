import test from 'ava';
import { compile } from '../src/index.js';
import { registry } from './helpers/registry.js';

const run = (text: string) => compile([{ path: 'main.mcl', text }], { registry });
const cycles = (text: string) =>
  run(text)
    .diagnostics.filter((d) => d.code === 'MCL_EDGE_CYCLE')
    .map((d) => d.message.replace('this edge closes a cycle: ', ''));

test('a long chain closed at its end: one error, the whole cycle named, no stack overflow', (t) => {
  const n = 10_000;
  const text = `for $i in ${JSON.stringify([...Array(n).keys()])} {\n\ttest "t${'${i}'}" {}\n}\n${[...Array(n - 1).keys()].map((i) => `Test["t${i}"] -> Test["t${i + 1}"]`).join('\n')}\nTest["t${n - 1}"] -> Test["t0"]\n`;
  const r = run(text);
  t.deepEqual(r.diagnostics.map((d) => d.code), ['MCL_EDGE_CYCLE']);
  const [d] = r.diagnostics;
  t.is(text.slice(d!.span!.start, d!.span!.end), `Test["t${n - 1}"] -> Test["t0"]`);
  t.true(d!.message.startsWith(`this edge closes a cycle: test[t${n - 1}] -> test[t0] -> test[t1] -> `));
  t.true(d!.message.endsWith(`test[t${n - 2}] -> test[t${n - 1}]`));
  t.regex(d!.hint!, /`test\[t0\] -> test\[t1\]` at main\.mcl:\d+:1, .*, 9991 more;/);
});

test('without a cycle, nothing is reported (a diamond, merged duplicate edges)', (t) => {
  const r = run('test "a" {}\ntest "b" {}\ntest "c" {}\ntest "d" { Depend => [Test["b"], Test["c"]], }\nTest["a"] -> Test["b"]\nTest["a"] -> Test["c"]\nTest["a"] ~> Test["b"]\n');
  t.deepEqual(r.diagnostics, []);
  t.is(r.graph?.edges.length, 4);
});

test('one error per strongly connected part; the edge named is the first to close a cycle', (t) => {
  // a <-> b and b <-> c are one part: the second edge already closes a -> b -> a.
  t.deepEqual(cycles('test "a" {}\ntest "b" {}\ntest "c" {}\nTest["a"] -> Test["b"]\nTest["b"] -> Test["a"]\nTest["b"] -> Test["c"] -> Test["b"]\n'), [
    'test[b] -> test[a] -> test[b]',
  ]);
  t.deepEqual(cycles('test "a" {}\ntest "b" {}\ntest "c" {}\ntest "d" {}\nTest["a"] -> Test["b"] -> Test["a"]\nTest["c"] -> Test["d"] -> Test["c"]\n'), [
    'test[b] -> test[a] -> test[b]',
    'test[d] -> test[c] -> test[d]',
  ]);
});

test('a cycle through a class and a loop points into the class body', (t) => {
  const r = run('class pair($x) {\n\ttest "${x}-1" {}\n\ttest "${x}-2" { Before => Test["${x}-1"], }\n\tTest["${x}-1"] -> Test["${x}-2"]\n}\nfor $x in ["p", "q"] {\n\tinclude pair($x)\n}\n');
  // The same statement closes both cycles, once per include: reported once, at it.
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.span?.start}`),
    [`MCL_EDGE_CYCLE@${'class pair($x) {\n\ttest "${x}-1" {}\n\ttest "${x}-2" { Before => Test["${x}-1"], }\n\t'.length}`],
  );
});

test('a cycle is still found beside an edge to an undeclared resource', (t) => {
  const r = run('test "a" {}\ntest "b" {}\nTest["a"] -> Test["b"] -> Test["a"]\nTest["a"] -> Test["nope"]\n');
  t.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['MCL_EDGE_CYCLE', 'MCL_UNKNOWN_EDGE_TARGET']);
});

test('a collected resource whose override closes a cycle', (t) => {
  const collected = [{ host: 'h', kind: 'file', name: 'f', params: { content: 'x' } }];
  const r = compile([{ path: 'main.mcl', text: 'test "t" { Depend => File["f"], }\ncollect file where true { Depend => Test["t"], }\n' }], { registry, collected });
  t.deepEqual(r.diagnostics.map((d) => d.code), ['MCL_EDGE_CYCLE']);
  t.is(r.diagnostics[0]?.message, 'this edge closes a cycle: test[t] -> file[f] -> test[t]');
});

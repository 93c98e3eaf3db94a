import test from 'ava';
import type { Diagnostic } from '@mgmt/resource';
import { renderDiagnostic } from '../src/index.js';

const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'MCL_TEST', severity: 'error', message: 'something is wrong', ...over });
const sources = (text: string) => new Map([['x.mcl', text]]);

test('the lesson-7 frame: header, two context lines, > marker, caret, hint', (t) => {
  const text = 'a\nb\nc\n  mdoe => 1\n';
  const start = text.indexOf('mdoe');
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start, end: start + 4 }, hint: 'did you mean `mode`?' }), sources(text));
  t.is(out, ['x.mcl:4:3 - error MCL_TEST: something is wrong', '  2 | b', '  3 | c', '> 4 |   mdoe => 1', '    |   ^~~~', 'hint: did you mean `mode`?'].join('\n'));
});

test('an error on the first line has no context above it', (t) => {
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start: 0, end: 3 } }), sources('bad stuff\nnext\n'));
  t.is(out, ['x.mcl:1:1 - error MCL_TEST: something is wrong', '> 1 | bad stuff', '    | ^~~'].join('\n'));
});

test('tabs are expanded to the next multiple of 4 and the caret follows; the column counts characters', (t) => {
  const text = 'x {\n\t\tkey\t=> 1\n}';
  const start = text.indexOf('key');
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start, end: start + 7 } }), sources(text));
  t.is(out, ['x.mcl:2:3 - error MCL_TEST: something is wrong', '  1 | x {', '> 2 |         key => 1', '    |         ^~~~~~~'].join('\n'));
});

test('a span across lines is underlined to the end of its first line', (t) => {
  const text = 'file "a" {\n  x => 1,\n}\n';
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start: 5, end: text.length } }), sources(text));
  t.is(out, ['x.mcl:1:6 - error MCL_TEST: something is wrong', '> 1 | file "a" {', '    |      ^~~~~'].join('\n'));
});

test('an empty span gets a single caret, also at the end of a line', (t) => {
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start: 3, end: 3 } }), sources('abc\n'));
  t.is(out, ['x.mcl:1:4 - error MCL_TEST: something is wrong', '> 1 | abc', '    |    ^'].join('\n'));
});

test('the gutter is as wide as the widest line number shown', (t) => {
  const text = Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join('\n');
  const start = text.indexOf('line10');
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start, end: start + 6 } }), sources(text));
  t.is(out, ['x.mcl:10:1 - error MCL_TEST: something is wrong', '   8 | line8', '   9 | line9', '> 10 | line10', '     | ^~~~~~'].join('\n'));
});

test('CRLF line endings do not leak into the frame', (t) => {
  const out = renderDiagnostic(d({ file: 'x.mcl', span: { start: 3, end: 6 } }), sources('a\r\nbad\r\n'));
  t.is(out, ['x.mcl:2:1 - error MCL_TEST: something is wrong', '  1 | a', '> 2 | bad', '    | ^~~'].join('\n'));
});

test('without a file or span there is no frame', (t) => {
  t.is(renderDiagnostic(d({ hint: 'try again' }), new Map()), 'error MCL_TEST: something is wrong\nhint: try again');
  t.is(renderDiagnostic(d({ file: 'gone.mcl' }), new Map()), 'gone.mcl - error MCL_TEST: something is wrong');
  t.is(renderDiagnostic(d({ file: 'gone.mcl', span: { start: 0, end: 1 } }), new Map()), 'gone.mcl - error MCL_TEST: something is wrong');
});

test('warnings say warning', (t) => {
  t.is(renderDiagnostic(d({ severity: 'warning' }), new Map()), 'warning MCL_TEST: something is wrong');
});

test('color wraps parts in ANSI codes and changes nothing else', (t) => {
  const diag = d({ file: 'x.mcl', span: { start: 0, end: 3 }, hint: 'h' });
  const colored = renderDiagnostic(diag, sources('bad\n'), { color: true });
  t.true(colored.includes('\x1b['));
  // eslint-disable-next-line no-control-regex
  t.is(colored.replace(/\x1b\[\d+m/g, ''), renderDiagnostic(diag, sources('bad\n')));
});

import test from 'ava';
import { parse, type Expr, type ResourceStmt } from '../src/index.js';

const text = (s: string, span: { start: number; end: number }) => s.slice(span.start, span.end);

test('every node has a 0-based span into its file', (t) => {
  const src = '$x = 1\nfile "/a/${x}" {\n  mode => "0644",\n  Meta:retry => $x + 2,\n}\nFile["/a"] ~> Exec["b"]\n';
  const { ast, diagnostics } = parse({ path: 'm.mcl', text: src });
  t.deepEqual(diagnostics, []);
  t.is(ast?.file, 'm.mcl');
  const [assign, res, edge] = ast!.stmts;
  t.is(assign?.type === 'assign' && text(src, assign.nameSpan), '$x');
  const r = res as ResourceStmt;
  t.is(text(src, r.kindSpan), 'file');
  t.is(text(src, r.name.span), '"/a/${x}"');
  t.is(text(src, r.span), src.slice(src.indexOf('file'), src.indexOf('}\n') + 1));
  t.deepEqual(r.params.map((p) => [p.key, text(src, p.keySpan), text(src, p.value.span)]), [
    ['mode', 'mode', '"0644"'],
    ['Meta:retry', 'Meta:retry', '$x + 2'],
  ]);
  // `${x}` is the variable `$x`, and its span is the name inside the braces.
  const interp = r.name.type === 'str' ? (r.name.parts[1] as Expr) : undefined;
  t.deepEqual(interp && { ...interp, at: text(src, interp.span) }, { type: 'var', name: 'x', span: interp!.span, at: 'x' });
  t.is(edge?.type === 'edge' && edge.refs.map((ref) => `${ref.kind}:${text(src, ref.span)}`).join(' '), 'file:File["/a"] exec:Exec["b"]');
  t.deepEqual(edge?.type === 'edge' && edge.notify, [true]);
});

test('spans inside a `${expr}` interpolation point into the file', (t) => {
  const src = 'test "a" { str => "n=${ $n + 1 }" }';
  const { ast } = parse({ path: 'm.mcl', text: src });
  const r = ast!.stmts[0] as ResourceStmt;
  const value = r.params[0]!.value;
  const add = value.type === 'str' ? (value.parts[1] as Expr) : undefined;
  t.is(add?.type, 'binary');
  t.is(text(src, add!.span), '$n + 1');
  t.is(add?.type === 'binary' && text(src, add.left.span), '$n');
});

test('namespaced references are lowercased to their kind', (t) => {
  const { ast } = parse({ path: 'm.mcl', text: 'Docker:Container["a"] -> Pkg_repo["b"]' });
  const edge = ast!.stmts[0]!;
  t.deepEqual(edge.type === 'edge' && edge.refs.map((r) => r.kind), ['docker:container', 'pkg_repo']);
});

test('a syntax error gives no AST and one MCL_SYNTAX diagnostic with a span', (t) => {
  const result = parse({ path: 'm.mcl', text: 'test "a" { str => }' });
  t.is(result.ast, undefined);
  t.is(result.diagnostics.length, 1);
  t.like(result.diagnostics[0], { code: 'MCL_SYNTAX', file: 'm.mcl', span: { start: 18, end: 19 } });
  t.regex(result.diagnostics[0]!.message, /expected an expression/);
});

test('an empty file is an empty program', (t) => {
  t.deepEqual(parse({ path: 'm.mcl', text: '' }).ast?.stmts, []);
  t.deepEqual(parse({ path: 'm.mcl', text: '  # only a comment' }).ast?.stmts, []);
});

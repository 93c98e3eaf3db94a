import type { MatchResult, Node } from 'ohm-js';
import grammar from '../grammar/mcl.ohm-bundle.js';
import type { MclActionDict } from '../grammar/mcl.ohm-bundle.js';
import type { AssignStmt, BinaryOp, ClassStmt, CollectStmt, ExportStmt, DefParam, EdgeField, EdgeStmt, Expr, ForStmt, FuncStmt, IfStmt, ImportStmt, IncludeStmt, MapEntry, Param, RefExpr, ResourceStmt, Span, Stmt, StrExpr, TopStmt, TypeName } from '../ast/nodes.js';
import { climb } from './precedence.js';

/** Parses the text of one `${…}` (which starts at `start` in the file) into an expression. */
export type InterpParser = (text: string, start: number) => Expr;

interface Context {
  /** Where the matched text starts in its file (a later group of statements, an interpolation). */
  readonly base: number;
  readonly interp: InterpParser;
}

// Ohm operations take no context of their own, and converting is synchronous, so the
// context of the conversion in progress lives here (saved and restored around nesting).
let ctx: Context = { base: 0, interp: () => { throw new Error('toAst called outside a conversion'); } };

const span = (n: Node): Span => ({ start: ctx.base + n.source.startIdx, end: ctx.base + n.source.endIdx });
const ast = <T>(n: Node): T => n['ast']() as T;
const listItems = <T>(list: Node): T[] => {
  // `(NonemptyListOf<X, ","> ","?)?`: an optional group whose first child is the list.
  const group = list.children[0];
  return group ? group.asIteration().children.map((c) => ast<T>(c)) : [];
};

/** One end of an edge statement, before the edge is put together. */
interface EdgeEnd {
  readonly ref: RefExpr;
  readonly field: EdgeField | null;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$' };

const actions: MclActionDict<unknown> = {
  Program(stmts): TopStmt[] {
    return stmts.children.map((s) => ast<TopStmt>(s));
  },
  Class(_kw, name, _o, list, _trailing, _c, body): ClassStmt {
    // `list` is inside the optional `( … )`: absent without parens.
    const params = list.children[0] ? listItems<DefParam>(list.children[0]) : [];
    return { type: 'class', name: name.sourceString, nameSpan: span(name), params, body: ast<Stmt[]>(body), span: span(this) };
  },
  Include(_kw, name, _o, list, _trailing, _c): IncludeStmt {
    const args = list.children[0] ? listItems<Expr>(list.children[0]) : [];
    return { type: 'include', name: name.sourceString, nameSpan: span(name), args, span: span(this) };
  },
  Func(_kw, name, _o, list, _trailing, _c, body): FuncStmt {
    return { type: 'func', name: name.sourceString, nameSpan: span(name), params: listItems<DefParam>(list), body: ast<Expr>(body), span: span(this) };
  },
  DefParam(v, type, _eq, value): DefParam {
    const t = type.children[0];
    const d = value.children[0];
    return {
      name: v.sourceString.slice(1),
      span: span(v),
      ...(t ? { type: t.sourceString as TypeName } : {}),
      ...(d ? { default: ast<Expr>(d) } : {}),
    };
  },
  Import(_kw, path, _as, alias): ImportStmt {
    const a = alias.children[0];
    return { type: 'import', path: ast<StrExpr>(path), ...(a ? { alias: a.sourceString } : {}), span: span(this) };
  },
  Assign(v, _eq, value): AssignStmt {
    return { type: 'assign', name: v.sourceString.slice(1), nameSpan: span(v), value: ast<Expr>(value), span: span(this) };
  },
  Export(_kw, _to, to, resource): ExportStmt {
    const t = to.children[0];
    return { type: 'export', ...(t ? { to: ast<Expr>(t) } : {}), resource: ast<ResourceStmt>(resource), span: span(this) };
  },
  Collect(_kw, kind, _where, where, _as, as, body): CollectStmt {
    const w = where.children[0];
    const a = as.children[0];
    const b = body.children[0];
    return {
      type: 'collect',
      kind: kind.sourceString,
      kindSpan: span(kind),
      ...(w ? { where: ast<Expr>(w) } : {}),
      ...(a ? { as: { name: a.sourceString.slice(1), span: span(a) } } : {}),
      params: b ? ast<Param[]>(b) : [],
      span: span(this),
    };
  },
  Resource(kind, name, body): ResourceStmt {
    return { type: 'resource', kind: kind.sourceString, kindSpan: span(kind), name: ast<Expr>(name), params: ast<Param[]>(body), span: span(this) };
  },
  Body(_o, list, _trailing, _c): Param[] {
    return listItems<Param>(list);
  },
  Param(key, _arrow, value): Param {
    return { key: key.sourceString, keySpan: span(key), value: ast<Expr>(value), span: span(this) };
  },
  Edge(first, ops, rest): EdgeStmt {
    const ends = [ast<EdgeEnd>(first), ...rest.children.map((r) => ast<EdgeEnd>(r))];
    const refs = ends.map((e) => e.ref);
    const notify = ops.children.map((o) => o.sourceString === '~>');
    // Plain edges keep their old shape (no `fields`), so their cached ASTs stay as they were.
    const fields = ends.some((e) => e.field) ? { fields: ends.map((e) => e.field) } : {};
    return { type: 'edge', refs, notify, ...fields, span: span(this) };
  },
  EdgeEnd(ref, field): EdgeEnd {
    const f = field.children[0];
    const at = f && span(f);
    return { ref: ast<RefExpr>(ref), field: f && at ? { name: f.sourceString.slice(1), span: { start: at.start + 1, end: at.end } } : null };
  },
  ResRef(kind, _o, name, _c): RefExpr {
    return { type: 'ref', kind: kind.sourceString.toLowerCase(), kindSpan: span(kind), name: ast<Expr>(name), span: span(this) };
  },
  If(_kw, cond, then, _else, otherwise): IfStmt {
    const alt = otherwise.children[0];
    // `else if …` is a lone IfStmt in `otherwise`; `else { … }` is the block's statements.
    const rest = alt === undefined ? undefined : alt.ctorName === 'If' ? [ast<IfStmt>(alt)] : ast<Stmt[]>(alt);
    return { type: 'if', cond: ast<Expr>(cond), then: ast<Stmt[]>(then), ...(rest ? { otherwise: rest } : {}), span: span(this) };
  },
  For(_kw, first, _comma, second, _in, iterable, body): ForStmt {
    const loopVar = (v: Node) => ({ name: v.sourceString.slice(1), span: span(v) });
    const two = second.children[0];
    return {
      type: 'for',
      ...(two ? { key: loopVar(first) } : {}),
      value: loopVar(two ?? first),
      iterable: ast<Expr>(iterable),
      body: ast<Stmt[]>(body),
      span: span(this),
    };
  },
  Block(_o, stmts, _c): Stmt[] {
    return stmts.children.map((s) => ast<Stmt>(s));
  },
  Expr(first, ops, rest): Expr {
    const operands = [ast<Expr>(first), ...rest.children.map((r) => ast<Expr>(r))];
    return ops.children.length === 0 ? operands[0]! : climb(operands, ops.children.map((o) => o.sourceString as BinaryOp));
  },
  Operand(ops, postfix): Expr {
    let e = ast<Expr>(postfix);
    for (const op of [...ops.children].reverse()) {
      e = { type: 'unary', op: op.sourceString as '!' | '-', operand: e, span: { start: span(op).start, end: e.span.end } };
    }
    return e;
  },
  Postfix(primary, suffixes): Expr {
    let e = ast<Expr>(primary);
    for (const suffix of suffixes.children) {
      const alt = suffix.children[0]!;
      const whole = { start: e.span.start, end: span(alt).end };
      const inner = alt.children[1]!;
      e =
        alt.ctorName === 'Suffix_index'
          ? { type: 'index', target: e, index: ast<Expr>(inner), span: whole }
          : { type: 'field', target: e, name: inner.sourceString, nameSpan: span(inner), span: whole };
    }
    return e;
  },
  Call(name, _o, list, _trailing, _c): Expr {
    return { type: 'call', name: name.sourceString, nameSpan: span(name), args: listItems<Expr>(list), span: span(this) };
  },
  IfExpr(_kw, cond, then, _else, otherwise): Expr {
    return { type: 'if', cond: ast<Expr>(cond), then: ast<Expr>(then), otherwise: ast<Expr>(otherwise), span: span(this) };
  },
  Branch(_o, e, _c): Expr {
    return ast<Expr>(e);
  },
  Primary_paren(_o, e, _c): Expr {
    return ast<Expr>(e);
  },
  List(_o, list, _trailing, _c): Expr {
    return { type: 'list', items: listItems<Expr>(list), span: span(this) };
  },
  Map(_o, list, _trailing, _c): Expr {
    return { type: 'map', entries: listItems<MapEntry>(list), span: span(this) };
  },
  MapEntry(key, _arrow, value): MapEntry {
    return { key: ast<Expr>(key), value: ast<Expr>(value), span: span(this) };
  },
  variable(_d, _first, _rest): Expr {
    return { type: 'var', name: this.sourceString.slice(1), span: span(this) };
  },
  bool(_b): Expr {
    return { type: 'bool', value: this.sourceString === 'true', span: span(this) };
  },
  number(_minus, _int, _dot, _frac): Expr {
    return { type: 'num', value: Number(this.sourceString), span: span(this) };
  },
  string(_o, parts, _c): Expr {
    // Text is gathered here rather than through one node per character: strings are the
    // bulk of most programs.
    const out: (string | Expr)[] = [];
    let text = '';
    for (const part of parts.children) {
      const alt = part.children[0]!;
      if (alt.ctorName === 'strPart_interp') {
        if (text) out.push(text);
        text = '';
        const body = alt.children[1]!;
        out.push(ctx.interp(body.sourceString, ctx.base + body.source.startIdx));
      } else if (alt.ctorName === 'strPart_escape') {
        text += ESCAPES[part.sourceString.slice(1)] ?? '';
      } else {
        text += part.sourceString;
      }
    }
    if (text || out.length === 0) out.push(text);
    return { type: 'str', parts: out, span: span(this) };
  },
};

const semantics = grammar.createSemantics().addOperation<unknown>('ast', actions);

/** Converts a successful match (of `Program` or `Expr`) to our AST, nothing more. */
function convert<T>(m: MatchResult, next: Context): T {
  const saved = ctx;
  ctx = next;
  try {
    return semantics(m)['ast']() as T;
  } finally {
    ctx = saved;
  }
}

/** The statements of a match of `Program` over text that starts at `base` in its file. */
export const toStmts = (m: MatchResult, base: number, interp: InterpParser): TopStmt[] => convert<TopStmt[]>(m, { base, interp });

export const toExpr = (m: MatchResult, base: number, interp: InterpParser): Expr => convert<Expr>(m, { base, interp });

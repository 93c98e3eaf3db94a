import type { Span } from '@mgmt/resource';

export type { Span };

/**
 * The mcl syntax tree. Every node carries a 0-based, end-exclusive `span` into its file;
 * lines and columns are computed only when a diagnostic is rendered.
 */

/** A string literal. Text parts are already unescaped; `${…}` parts are expressions. */
export interface StrExpr {
  readonly type: 'str';
  readonly parts: readonly (string | Expr)[];
  readonly span: Span;
}

export interface NumExpr {
  readonly type: 'num';
  readonly value: number;
  readonly span: Span;
}

export interface BoolExpr {
  readonly type: 'bool';
  readonly value: boolean;
  readonly span: Span;
}

/** `$name`, or `${name}` inside a string. `name` has no `$`. */
export interface VarExpr {
  readonly type: 'var';
  readonly name: string;
  readonly span: Span;
}

export interface ListExpr {
  readonly type: 'list';
  readonly items: readonly Expr[];
  readonly span: Span;
}

export interface MapEntry {
  readonly key: Expr;
  readonly value: Expr;
  readonly span: Span;
}

export interface MapExpr {
  readonly type: 'map';
  readonly entries: readonly MapEntry[];
  readonly span: Span;
}

/** `left + right`: string concatenation, number addition or list concatenation. */
export interface AddExpr {
  readonly type: 'add';
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `File["/tmp/a"]`: `kind` is already lowercased (`Docker:Container` → `docker:container`). */
export interface RefExpr {
  readonly type: 'ref';
  readonly kind: string;
  readonly kindSpan: Span;
  readonly name: Expr;
  readonly span: Span;
}

export type Expr = StrExpr | NumExpr | BoolExpr | VarExpr | ListExpr | MapExpr | AddExpr | RefExpr;

/** `key => value` in a resource body; `key` may be `Meta:retry` or `Before`. */
export interface Param {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: Expr;
  readonly span: Span;
}

/** `$name = value` at top level. */
export interface AssignStmt {
  readonly type: 'assign';
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: Expr;
  readonly span: Span;
}

/** `kind name { params }`. */
export interface ResourceStmt {
  readonly type: 'resource';
  readonly kind: string;
  readonly kindSpan: Span;
  readonly name: Expr;
  readonly params: readonly Param[];
  readonly span: Span;
}

/** `A -> B ~> C`: `notify[i]` says whether the arrow between refs i and i+1 is `~>`. */
export interface EdgeStmt {
  readonly type: 'edge';
  readonly refs: readonly RefExpr[];
  readonly notify: readonly boolean[];
  readonly span: Span;
}

export type Stmt = AssignStmt | ResourceStmt | EdgeStmt;

/** One parsed file. */
export interface Program {
  readonly type: 'program';
  readonly file: string;
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}

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

export type BinaryOp = '||' | '&&' | '==' | '!=' | '=~' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** `left op right`; precedence is already applied (see `binaryPrecedence` in to-ast). */
export interface BinaryExpr {
  readonly type: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `!operand` or `-operand`. (`-1` is a NumExpr.) */
export interface UnaryExpr {
  readonly type: 'unary';
  readonly op: '!' | '-';
  readonly operand: Expr;
  readonly span: Span;
}

/** `target[index]`: a list by int, or a map by string. */
export interface IndexExpr {
  readonly type: 'index';
  readonly target: Expr;
  readonly index: Expr;
  readonly span: Span;
}

/** `target.name`: a map's key written as a name. */
export interface FieldExpr {
  readonly type: 'field';
  readonly target: Expr;
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
}

/** `strings.split(a, b)`: `name` is the full dotted name. */
export interface CallExpr {
  readonly type: 'call';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `if cond { then } else { otherwise }`; `else if` nests another IfExpr in `otherwise`. */
export interface IfExpr {
  readonly type: 'if';
  readonly cond: Expr;
  readonly then: Expr;
  readonly otherwise: Expr;
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

export type Expr =
  | StrExpr
  | NumExpr
  | BoolExpr
  | VarExpr
  | ListExpr
  | MapExpr
  | BinaryExpr
  | UnaryExpr
  | IndexExpr
  | FieldExpr
  | CallExpr
  | IfExpr
  | RefExpr;

/** `key => value` in a resource body; `key` may be `Meta:retry` or `Before`. */
export interface Param {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: Expr;
  readonly span: Span;
}

/** `$name = value`, at top level or in a block. */
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

/** The `.stdout` of `Exec["e"].stdout` in an edge: a send/recv field (`name` without the dot). */
export interface EdgeField {
  readonly name: string;
  /** The name, without the dot. */
  readonly span: Span;
}

/**
 * `A -> B ~> C`: `notify[i]` says whether the arrow between refs i and i+1 is `~>`.
 * `fields`, present only when some end has one, holds each ref's send/recv field or null
 * (`Exec["e"].stdout -> File["f"].content`: `[{name: 'stdout'}, {name: 'content'}]`); the
 * check allows them only on an edge of two refs, both with a field.
 */
export interface EdgeStmt {
  readonly type: 'edge';
  readonly refs: readonly RefExpr[];
  readonly notify: readonly boolean[];
  readonly fields?: readonly (EdgeField | null)[];
  readonly span: Span;
}

/** `if cond { … } else { … }`; `else if` is an IfStmt alone in `otherwise`. */
export interface IfStmt {
  readonly type: 'if';
  readonly cond: Expr;
  readonly then: readonly Stmt[];
  readonly otherwise?: readonly Stmt[];
  readonly span: Span;
}

/** A loop variable: `name` has no `$`. */
export interface LoopVar {
  readonly name: string;
  readonly span: Span;
}

/** `for $v in list { … }`, `for $i, $v in list { … }` or `for $k, $v in map { … }`. */
export interface ForStmt {
  readonly type: 'for';
  /** The index (list) or key (map); absent with one variable. */
  readonly key?: LoopVar;
  readonly value: LoopVar;
  readonly iterable: Expr;
  readonly body: readonly Stmt[];
  readonly span: Span;
}

/** A param's type, as written (`str`, `[]str`, …); see `declaredType` in types/type.ts. */
export type TypeName = '[]str' | 'str' | 'int' | 'float' | 'bool' | 'list' | 'map';

/** A param of a class or a function: `$name`, optionally typed, optionally (classes) with a default. */
export interface DefParam {
  readonly name: string;
  readonly span: Span;
  readonly type?: TypeName;
  readonly default?: Expr;
}

/** `class name($a, $b = default) { … }`, top level only. */
export interface ClassStmt {
  readonly type: 'class';
  readonly name: string;
  readonly nameSpan: Span;
  readonly params: readonly DefParam[];
  readonly body: readonly Stmt[];
  readonly span: Span;
}

/** `include name(args)`, `include name`, or `include ns.name(args)` for an imported class. */
export interface IncludeStmt {
  readonly type: 'include';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `func name($x, $y) { expr }`, top level only. */
export interface FuncStmt {
  readonly type: 'func';
  readonly name: string;
  readonly nameSpan: Span;
  readonly params: readonly DefParam[];
  readonly body: Expr;
  readonly span: Span;
}

/** `import "path"`, `import "path" as name` or `import "path" as *` (`alias` is `*`). */
export interface ImportStmt {
  readonly type: 'import';
  readonly path: StrExpr;
  readonly alias?: string;
  readonly span: Span;
}

/** `export [to LIST] kind name { params }`: published to the world, not declared here. */
export interface ExportStmt {
  readonly type: 'export';
  /** The hosts that may collect it (a list of strings); absent: every host. */
  readonly to?: Expr;
  readonly resource: ResourceStmt;
  readonly span: Span;
}

/** `collect kind [where cond] [as $r] [{ overrides }]`: realizes matching exported resources. */
export interface CollectStmt {
  readonly type: 'collect';
  readonly kind: string;
  readonly kindSpan: Span;
  /** Evaluated once per exported resource, with `$host` (and `$r`) bound; must be a bool. */
  readonly where?: Expr;
  /** `$r`: the collected resource (`host`, `kind`, `name`, `params`) in `where` and the overrides. */
  readonly as?: LoopVar;
  /** Params set over the exported ones; absent without a body. */
  readonly params: readonly Param[];
  readonly span: Span;
}

export type Stmt = AssignStmt | ResourceStmt | EdgeStmt | IfStmt | ForStmt | IncludeStmt | ExportStmt | CollectStmt;

/** What may appear at the top of a file only. */
export type TopStmt = Stmt | ClassStmt | FuncStmt | ImportStmt;

/** One parsed file. */
export interface Program {
  readonly type: 'program';
  readonly file: string;
  readonly stmts: readonly TopStmt[];
  readonly span: Span;
}

import type { TypeName } from '../ast/nodes.js';

/**
 * The static type of an mcl value, as the checker infers it before evaluation (see the
 * Types section of docs/language.md). Values are JSON values, so there is one number type at
 * run time; statically a number is `int` (certainly whole), `float` (certainly not) or `num`
 * (either: `7 / 2`, `math.min(…)`).
 *
 * - `unknown`: cannot be known before running (a collected resource's params, a param of a
 *   loose schema). Nothing about it is ever reported.
 * - `never`: the element of `[]` or `{}`; joins with anything, never reported either.
 * - `mixed`: the element of a list or map literal whose elements have several kinds
 *   (`["a", 1]`). It fits no single element type, and reading an element gives `unknown`.
 * - `union`: one of several types; only expected types have it (a schema's `z.union`).
 * - `record`: a map with known keys (`$r` of `collect … as $r`); reading another key is an error.
 * - `var`: a type variable, for an untyped param of a function or class (see compat.ts).
 */
export type Type =
  | { readonly k: 'unknown' }
  | { readonly k: 'never' }
  | { readonly k: 'bool' }
  | { readonly k: 'str' }
  | { readonly k: 'int' }
  | { readonly k: 'float' }
  | { readonly k: 'num' }
  | { readonly k: 'ref' }
  | { readonly k: 'mixed' }
  | { readonly k: 'list'; readonly elem: Type }
  | { readonly k: 'map'; readonly value: Type }
  | { readonly k: 'record'; readonly fields: Readonly<Record<string, Type>> }
  | { readonly k: 'union'; readonly of: readonly Type[] }
  | TypeVar;

/**
 * A type variable. `param` marks the variable of an untyped param during the check of its
 * function or class body (it stays generic afterwards); other variables are made fresh for
 * one call. `bound` is set once, when a use tells what the type must be.
 */
export interface TypeVar {
  readonly k: 'var';
  readonly id: number;
  readonly param: boolean;
  bound?: Type;
}

/** The type of a function: a user function's signature, or a standard function's. */
export interface FuncType {
  readonly params: readonly Type[];
  /** The type of any further arguments (`fmt.printf`, `path.join`). */
  readonly rest?: Type;
  readonly ret: Type;
}

const simple = <K extends string>(k: K) => ({ k }) as const;

export const T = {
  unknown: simple('unknown'),
  never: simple('never'),
  bool: simple('bool'),
  str: simple('str'),
  int: simple('int'),
  float: simple('float'),
  num: simple('num'),
  ref: simple('ref'),
  mixed: simple('mixed'),
  list: (elem: Type): Type => ({ k: 'list', elem }),
  map: (value: Type): Type => ({ k: 'map', value }),
  record: (fields: Readonly<Record<string, Type>>): Type => ({ k: 'record', fields }),
  union: (of: readonly Type[]): Type => ({ k: 'union', of }),
} as const;

let nextVar = 0;

export const freshVar = (param = false): TypeVar => ({ k: 'var', id: nextVar++, param });

/** `t` with bound variables followed: a concrete type or an unbound variable. */
export function resolve(t: Type): Type {
  let r = t;
  while (r.k === 'var' && r.bound) r = r.bound;
  return r;
}

/** Nothing can be said about a value of this type. */
export const isVague = (t: Type): boolean => ['unknown', 'never', 'var', 'mixed'].includes(resolve(t).k);

export const isNumber = (t: Type): boolean => ['int', 'float', 'num'].includes(resolve(t).k);

/** What reading one element of a collection gives: a `mixed` or `never` element is `unknown`. */
export function element(t: Type): Type {
  const r = resolve(t);
  return r.k === 'mixed' || r.k === 'never' ? T.unknown : t;
}

/**
 * The kind of a value as operators see it (`number` for ints and floats), as in the
 * evaluator's messages; undefined when it is not known.
 */
export function kindName(t: Type): string | undefined {
  const r = resolve(t);
  switch (r.k) {
    case 'str':
      return 'string';
    case 'int':
    case 'float':
    case 'num':
      return 'number';
    case 'bool':
    case 'list':
    case 'map':
      return r.k;
    case 'record':
      return 'map';
    case 'ref':
      return 'resource reference';
    default:
      return undefined;
  }
}

/** The least type with the kind of `t`: what a use of a value tells about a generic param. */
export function kindType(t: Type): Type {
  const r = resolve(t);
  switch (r.k) {
    case 'int':
    case 'float':
    case 'num':
      return T.num;
    case 'list':
      return T.list(T.unknown);
    case 'map':
    case 'record':
      return T.map(T.unknown);
    case 'str':
    case 'bool':
    case 'ref':
      return r;
    default:
      return T.unknown;
  }
}

/** A type in words, for messages: `string`, `list of int`, `string or int`. */
export function show(t: Type): string {
  const r = resolve(t);
  switch (r.k) {
    case 'unknown':
    case 'never':
    case 'var':
      return 'any';
    case 'str':
      return 'string';
    case 'num':
      return 'number';
    case 'ref':
      return 'resource reference';
    case 'mixed':
      return 'mixed values';
    case 'list':
      return isVague(r.elem) ? 'list' : `list of ${inner(r.elem)}`;
    case 'map':
      return isVague(r.value) ? 'map' : `map of ${inner(r.value)}`;
    case 'record':
      return 'map';
    case 'union':
      return r.of.map(show).join(' or ');
    default:
      return r.k;
  }
}

const inner = (t: Type): string => (resolve(t).k === 'union' ? `(${show(t)})` : show(t));

/** A param's declared type (the Go mgmt's names); `float` takes ints too, as numbers are one type. */
export function declaredType(name: TypeName): Type {
  switch (name) {
    case '[]str':
      return T.list(T.str);
    case 'float':
      return T.num;
    case 'list':
      return T.list(T.unknown);
    case 'map':
      return T.map(T.unknown);
    default:
      return T[name];
  }
}

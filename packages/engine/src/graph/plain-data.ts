/**
 * Exact copies and comparisons of plain data (params and metaparams as the language, YAML or
 * the world give them), so that `BuildCache` can tell that a raw declaration is the very input
 * an earlier build validated.
 */

/** A copy made by `plainCopy`, only for `samePlain`; a primitive is its own copy. */
export type PlainCopy = { readonly __plainCopy: true } | string | number | boolean | bigint | null | undefined;

/** What `plainCopy` gives for a value that is not plain data. */
export const NOT_PLAIN: unique symbol = Symbol('not plain');

/** Deeper than any params a kind takes; also stops a self-referencing object. */
const MAX_DEPTH = 64;

/** A copied object: its keys in order and their values, in arrays (fast to walk, no prototype). */
class CopiedObject {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/**
 * A deep copy of `value` if it is plain data, else `NOT_PLAIN` (never reused: validated every
 * time). Plain is what a schema reads the same way every time: primitives, arrays without
 * holes, and objects whose prototype is Object.prototype with own enumerable string keys
 * only (zod reads symbol keys and a shape's non-enumerable keys too, which Object.keys
 * would not show). Not plain: a Date, a Map, a class instance, a function, a symbol, a
 * null-prototype object. A getter is read as its value once; no params source makes one.
 * Strings are shared, not copied, so a copy costs a few objects per resource.
 */
export function plainCopy(value: unknown): PlainCopy | typeof NOT_PLAIN {
  return copy(value, 0) as PlainCopy | typeof NOT_PLAIN;
}

/**
 * Whether `value` is plain data equal to what `copy` was copied from: the same primitives
 * (by Object.is, so -0 is not 0), the same keys in the same order (a key holding undefined is
 * not a missing key: a strict object refuses the one, not the other), the same array lengths.
 * Keys in another order count as different: only a validation is lost.
 */
export function samePlain(value: unknown, copy: PlainCopy): boolean {
  return same(value, copy, 0);
}

function copy(v: unknown, depth: number): unknown {
  if (typeof v === 'function' || typeof v === 'symbol') return NOT_PLAIN;
  if (typeof v !== 'object' || v === null) return v;
  if (depth >= MAX_DEPTH) return NOT_PLAIN;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === Array.prototype) {
    const a = v as readonly unknown[];
    const out: unknown[] = new Array<unknown>(a.length);
    for (let i = 0; i < a.length; i++) {
      if (!(i in a)) return NOT_PLAIN;
      const e = copy(a[i], depth + 1);
      if (e === NOT_PLAIN) return NOT_PLAIN;
      out[i] = e;
    }
    return out;
  }
  if (proto !== Object.prototype) return NOT_PLAIN;
  const o = v as Readonly<Record<string, unknown>>;
  let keys = Object.keys(o);
  if (Reflect.ownKeys(o).length !== keys.length) return NOT_PLAIN;
  const values: unknown[] = new Array<unknown>(keys.length);
  // Resources of one kind mostly have the same keys: consecutive copies share one key list.
  if (sameKeys(keys, lastKeys)) keys = lastKeys;
  else lastKeys = keys;
  for (let i = 0; i < keys.length; i++) {
    const e = copy(o[keys[i]!], depth + 1);
    if (e === NOT_PLAIN) return NOT_PLAIN;
    values[i] = e;
  }
  return new CopiedObject(keys, values);
}

/** The key list of the last object copied (copies are never changed, so they can share it). */
let lastKeys: string[] = [];

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function same(a: unknown, b: unknown, depth: number): boolean {
  if (typeof a === 'function' || typeof a === 'symbol') return false;
  if (typeof a !== 'object' || a === null) return Object.is(a, b);
  if (typeof b !== 'object' || b === null || depth >= MAX_DEPTH) return false;
  const proto: unknown = Object.getPrototypeOf(a);
  if (proto === Array.prototype) {
    const x = a as readonly unknown[];
    if (!Array.isArray(b) || x.length !== b.length) return false;
    // A copied array is a plain array (a copied object is a CopiedObject, never an array).
    for (let i = 0; i < x.length; i++) if (!(i in x) || !same(x[i], b[i], depth + 1)) return false;
    return true;
  }
  if (proto !== Object.prototype || !(b instanceof CopiedObject)) return false;
  const o = a as Readonly<Record<string, unknown>>;
  const keys = Object.keys(o);
  if (keys.length !== b.keys.length || Reflect.ownKeys(o).length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k !== b.keys[i] || !same(o[k], b.values[i], depth + 1)) return false;
  }
  return true;
}

import type { Span } from '@mgmt/resource';

/** A value of `Kind["name"]`: kept apart from strings so only relationships accept it. */
export class RefValue {
  constructor(
    readonly kind: string,
    readonly name: string,
    /** Where the reference is written, for MCL_UNKNOWN_EDGE_TARGET. */
    readonly file: string,
    readonly span: Span,
  ) {}

  get display(): string {
    return `${this.kind}[${this.name}]`;
  }
}

/** What an mcl expression evaluates to: JSON-like data, as zod schemas expect. */
export type Value = string | number | boolean | readonly Value[] | ValueMap | RefValue;

export interface ValueMap {
  readonly [key: string]: Value;
}

/**
 * The value of an expression whose error was already reported. Anything computed from it
 * is poison too, and is never reported again: one mistake, one diagnostic.
 */
export const POISON: unique symbol = Symbol('poison');

export type Result = Value | typeof POISON;

/** The mcl name of a value's type, for messages ("expected string, found int"). */
export function typeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (v instanceof RefValue) return 'resource reference';
  if (v === undefined || v === null) return 'nothing';
  return 'map';
}

/** Deep equality of two values (references by kind and name; numbers by value). */
export function equal(a: Value, b: Value): boolean {
  if (a instanceof RefValue || b instanceof RefValue) return a instanceof RefValue && b instanceof RefValue && a.display === b.display;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return (a as Value[]).every((x, i) => equal(x, (b as Value[])[i]!));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal((a as ValueMap)[k]!, (b as ValueMap)[k]!));
  }
  return a === b;
}

/** Same kind of value, for `==`: ints and floats are both numbers. */
export const sameType = (a: Value, b: Value): boolean => typeName(a).replace('int', 'float') === typeName(b).replace('int', 'float');

/** A value as text, for `%v` (and nothing else): scalars as in `${…}`, the rest as mcl literals. */
export function show(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object') return String(v);
  if (v instanceof RefValue) return v.display;
  const quote = (x: Value): string => (typeof x === 'string' ? JSON.stringify(x) : show(x));
  if (Array.isArray(v)) return `[${(v as Value[]).map(quote).join(', ')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)} => ${quote((v as ValueMap)[k]!)}`)
    .join(', ')}}`;
}

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

import type { z } from '@mgmt/resource';
import { T, type Type } from './type.js';

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly values?: readonly unknown[];
}

const cache = new WeakMap<z.ZodType, Type>();

/**
 * The type a value must have to pass a zod schema, as far as types go: the schema's own rules
 * (a pattern, a range, the values of an enum) are left to zod, which checks constants before
 * running and every value while evaluating. What has no mcl type (a transform's output, a
 * lazy schema, `z.any()`) is `unknown`, so it is never reported.
 */
export function schemaType(schema: z.ZodType): Type {
  let t = cache.get(schema);
  if (!t) cache.set(schema, (t = compute(schema)));
  return t;
}

function compute(schema: z.ZodType): Type {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case 'string':
    case 'template_literal':
      return T.str;
    case 'number':
      return (schema as { isInt?: unknown }).isInt === true ? T.int : T.num;
    case 'boolean':
      return T.bool;
    case 'array':
      return T.list(def.element ? schemaType(def.element) : T.unknown);
    case 'tuple':
      return T.list(T.unknown);
    case 'record':
      return T.map(def.valueType ? schemaType(def.valueType) : T.unknown);
    case 'object':
      return T.map(T.unknown);
    case 'enum':
      return valuesType(Object.values(def.entries ?? {}));
    case 'literal':
      return valuesType(def.values ?? []);
    case 'union':
      return unionOf((def.options ?? []).map(schemaType));
    case 'pipe':
      return def.in ? schemaType(def.in) : T.unknown;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? schemaType(def.innerType) : T.unknown;
    default:
      return T.unknown;
  }
}

function valuesType(values: readonly unknown[]): Type {
  return unionOf(
    values.map((v) => (typeof v === 'string' ? T.str : typeof v === 'boolean' ? T.bool : typeof v === 'number' ? (Number.isInteger(v) ? T.int : T.num) : T.unknown)),
  );
}

/** One type for several: the same one once, `unknown` if any is, else a union. */
function unionOf(types: readonly Type[]): Type {
  if (types.length === 0 || types.some((t) => t.k === 'unknown')) return T.unknown;
  const distinct = types.filter((t, i) => types.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i);
  return distinct.length === 1 ? distinct[0]! : T.union(distinct);
}

const required = new WeakMap<z.ZodObject, readonly string[]>();

/**
 * Keys of an object schema that must be given: parsing `undefined` fails with a wrong type
 * (what the evaluator reports as MCL_MISSING_PARAM).
 */
export function requiredKeys(schema: z.ZodObject): readonly string[] {
  let keys = required.get(schema);
  if (!keys) {
    keys = Object.entries(schema.shape as Record<string, z.ZodType>)
      .filter(([, s]) => {
        const r = s.safeParse(undefined);
        return !r.success && r.error.issues.some((i) => i.code === 'invalid_type' && i.path.length === 0);
      })
      .map(([k]) => k);
    required.set(schema, keys);
  }
  return keys;
}

/** Whether an object schema takes keys it does not name (`z.looseObject`, a catchall). */
export function allowsUnknownKeys(schema: z.ZodObject): boolean {
  const catchall = schema._zod.def.catchall;
  return catchall !== undefined && catchall._zod.def.type !== 'never';
}

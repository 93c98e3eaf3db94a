import { z } from 'zod';
import type { ChangeDetail } from './check-result.js';
import type { ParamsSchema } from './define-resource.js';

/** What a secret value is replaced with wherever it would be shown. */
export const SECRET = '(secret)';

type Schema = z.core.$ZodType;

/**
 * True if the schema, or a schema it wraps (`.optional()`, `.default()`, `.nullable()`,
 * `.readonly()`, `.catch()`, a pipe's either side), carries `.meta({ secret: true })`.
 * zod keeps metadata per schema instance, so `z.string().meta({ secret: true }).optional()`
 * has no metadata of its own: the wrapped string has it.
 */
export function isSecretSchema(schema: Schema): boolean {
  let s: Schema | undefined = schema;
  for (let depth = 0; s !== undefined && depth < 32; depth++) {
    if (z.globalRegistry.get(s)?.['secret'] === true) return true;
    const def = s._zod.def as { type: string; innerType?: Schema; in?: Schema; out?: Schema };
    if (def.type === 'pipe') return (def.in !== undefined && isSecretSchema(def.in)) || (def.out !== undefined && isSecretSchema(def.out));
    s = def.innerType;
  }
  return false;
}

const cache = new WeakMap<ParamsSchema, ReadonlySet<string>>();

/**
 * The names of the params a kind marks secret with `.meta({ secret: true })` in its schema.
 * Computed once per schema.
 */
export function secretParams(def: { readonly params: ParamsSchema }): ReadonlySet<string> {
  let set = cache.get(def.params);
  if (!set) {
    const names = new Set<string>();
    for (const [key, schema] of Object.entries(def.params.shape)) if (isSecretSchema(schema)) names.add(key);
    set = names;
    cache.set(def.params, set);
  }
  return set;
}

/** A copy of `params` with the value of every secret param (that is set) replaced by `"(secret)"`. */
export function redact(def: { readonly params: ParamsSchema }, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const secrets = secretParams(def);
  const out: Record<string, unknown> = { ...params };
  for (const key of secrets) if (out[key] !== undefined) out[key] = SECRET;
  return out;
}

/** Redacts what a vertex reports: change lines, details, error messages. */
export interface Redactor {
  /** False when there is nothing to redact (no secret param is set): every method is then the identity. */
  readonly active: boolean;
  /** The text with every occurrence of a secret value replaced by `"(secret)"`. */
  text(text: string): string;
  changes(changes: readonly string[]): readonly string[];
  /** Details about a secret param keep only their shape; every other value is scrubbed as text. */
  details(details: readonly ChangeDetail[]): readonly ChangeDetail[];
}

/** The string forms of a secret value: strings and numbers, inside arrays and records too. */
function leaves(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const v of value) leaves(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) leaves(v, out);
  }
}

const identity: Redactor = { active: false, text: (t) => t, changes: (c) => c, details: (d) => d };

/**
 * A redactor for one resource: `secrets` from `secretParams(def)`, `params` its validated
 * params. Free text is scrubbed by value, because a kind's message may quote a secret by
 * accident; a short secret may so blank unrelated text too, which is the safe way to fail.
 */
export function redactor(secrets: ReadonlySet<string>, params: Readonly<Record<string, unknown>>): Redactor {
  const values: string[] = [];
  for (const key of secrets) leaves(params[key], values);
  if (values.length === 0 && secrets.size === 0) return identity;
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...new Set(values)].sort((a, b) => b.length - a.length);
  const text = (t: string): string => sorted.reduce((acc, v) => (acc.includes(v) ? acc.split(v).join(SECRET) : acc), t);
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (typeof v === 'number' || typeof v === 'bigint') return sorted.includes(String(v)) ? SECRET : v;
    if (Array.isArray(v)) return v.map(scrub);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  const detail = (d: ChangeDetail): ChangeDetail => {
    const secret = secrets.has(d.param);
    const value = (v: unknown) => (secret ? SECRET : scrub(v));
    return {
      param: d.param,
      ...(d.from !== undefined ? { from: value(d.from) } : {}),
      ...(d.to !== undefined ? { to: value(d.to) } : {}),
      ...(d.diff !== undefined ? { diff: secret ? SECRET : text(d.diff) } : {}),
    };
  };
  return {
    active: true,
    text,
    changes: (c) => c.map(text),
    details: (d) => d.map(detail),
  };
}

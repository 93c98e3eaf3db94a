import type { Diagnostic, Span, z } from '@mgmt/resource';
import type { Param } from '../ast/nodes.js';
import { spanAt } from '../ast/query.js';
import { invalidParam, missingParam, typeMismatch, unknownParam, type MismatchSubject } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { POISON, RefValue, type Result } from '../eval/values.js';
import { RELATIONSHIPS } from './relationships.js';
import { explainIssue, schemaAt, type Issue } from './zod-issue.js';

/** One `key => value` to validate; `key` is the schema key (`retry` for `Meta:retry`). */
export interface Field {
  readonly key: string;
  readonly param: Param;
  readonly value: Result;
}

/** A kind's params (with its name), or the metaparams (no kind). */
export interface Target {
  readonly schema: z.ZodObject;
  readonly kind?: string;
}

/** The resource being checked, for errors about it as a whole. */
export interface Subject {
  readonly file: string;
  readonly head: Span;
  readonly ref: string;
}

// A reference is never a valid param value; zod sees this instead of the object, so it
// reports "expected string" rather than crawling the reference's fields.
const REF = Symbol('resource reference');
const toInput = (v: unknown): unknown =>
  v instanceof RefValue ? REF : Array.isArray(v) ? v.map(toInput) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toInput(x)])) : v;

const valueAt = (v: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((cur, key) => (cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[key] : undefined), v);

const display = (t: Target, key: string): string => (t.kind ? key : `Meta:${key}`);
const showPath = (key: string, rest: readonly PropertyKey[]): string =>
  key + rest.map((p) => (typeof p === 'number' ? `[${p}]` : `[${JSON.stringify(String(p))}]`)).join('');

const explainReason = (issue: Issue): string => {
  const e = explainIssue(issue, undefined);
  return e.mismatch ? `expected ${e.expected}` : e.reason;
};

function allowsUnknownKeys(schema: z.ZodObject): boolean {
  const catchall = schema._zod.def.catchall;
  return catchall !== undefined && catchall._zod.def.type !== 'never';
}

/**
 * Validates fields against a zod object and maps every issue back to the span of the value
 * it is about. Returns the parsed output, or undefined if anything was wrong (all reported).
 */
export function validateFields(t: Target, fields: readonly Field[], s: Subject, report: (d: Diagnostic) => void): Record<string, unknown> | undefined {
  const shape = t.schema.shape;
  const open = allowsUnknownKeys(t.schema);
  const input: Record<string, unknown> = {};
  const byKey = new Map<string, Field>();
  let ok = true;
  for (const f of fields) {
    if (!open && !Object.hasOwn(shape, f.key)) {
      // A kind's params may also be a miscapitalised relationship (`before`).
      const near = closest(f.key, [...Object.keys(shape), ...(t.kind ? Object.keys(RELATIONSHIPS) : [])]);
      const known = Object.keys(shape).map((k) => display(t, k));
      report(unknownParam({ file: s.file, span: f.param.keySpan }, t.kind, f.param.key, near && display(t, near), known));
      ok = false;
    } else if (f.value === POISON) {
      ok = false; // already reported; leave it out, and ignore zod's complaint that it is missing
      byKey.set(f.key, f);
    } else {
      byKey.set(f.key, f);
      input[f.key] = toInput(f.value);
    }
  }
  const result = t.schema.safeParse(input);
  if (result.success) return ok ? result.data : undefined;
  for (const issue of result.error.issues) {
    const [key, ...rest] = issue.path;
    const field = typeof key === 'string' ? byKey.get(key) : undefined;
    if (field?.value === POISON) continue;
    const clean = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const path = t.kind || clean.length === 0 ? clean : [`Meta:${String(clean[0])}`, ...clean.slice(1)];
    if (!field) {
      const head = { file: s.file, span: s.head };
      if (typeof key === 'string' && rest.length === 0 && issue.code === 'invalid_type') report(missingParam(head, t.kind ?? 'meta', s.ref, key));
      else report(invalidParam(head, { resource: s.ref }, explainReason(issue), path));
      continue;
    }
    const at = { file: s.file, span: spanAt(field.param.value, rest) };
    const subject: MismatchSubject = t.kind ? { param: showPath(field.key, rest), kind: t.kind } : { metaparam: showPath(field.key, rest) };
    const e = explainIssue(issue, valueAt(field.value, rest), schemaAt(t.schema, issue.path));
    report(e.mismatch ? typeMismatch(at, subject, e.expected, e.found, path) : invalidParam(at, subject, e.reason, path));
  }
  return undefined;
}

import type { Diagnostic, Span, z } from '@mgmt/resource';
import type { Param } from '../ast/nodes.js';
import { spanAt } from '../ast/query.js';
import { invalidParam, missingParam, typeMismatch, unknownParam, type MismatchSubject } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { POISON, RefValue, type Result } from '../eval/values.js';
import { allowsUnknownKeys } from '../types/schema.js';
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
export const showPath = (key: string, rest: readonly PropertyKey[]): string =>
  key + rest.map((p) => (typeof p === 'number' ? `[${p}]` : `[${JSON.stringify(String(p))}]`)).join('');

const explainReason = (issue: Issue): string => {
  const e = explainIssue(issue, undefined);
  return e.mismatch ? `expected ${e.expected}` : e.reason;
};

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
      report(unknownField(t, f.key, f.param, s.file));
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
    if (!field) {
      const head = { file: s.file, span: s.head };
      if (typeof key === 'string' && rest.length === 0 && issue.code === 'invalid_type') report(missingParam(head, t.kind ?? 'meta', s.ref, key));
      else report(invalidParam(head, { resource: s.ref }, explainReason(issue), fullPath(t, issue.path)));
      continue;
    }
    report(fieldIssue(t, field, rest, issue, s.file));
  }
  return undefined;
}

/** The path of a diagnostic about a field: `Meta:` names a metaparam. */
function fullPath(t: Target, issuePath: readonly PropertyKey[]): (string | number)[] {
  const clean = issuePath.filter((p): p is string | number => typeof p !== 'symbol');
  return t.kind || clean.length === 0 ? clean : [`Meta:${String(clean[0])}`, ...clean.slice(1)];
}

/** A key the target does not have: MCL_UNKNOWN_PARAM at the key, with the nearest one. */
export function unknownField(t: Target, key: string, param: Param, file: string): Diagnostic {
  // A kind's params may also be a miscapitalised relationship (`before`).
  const near = closest(key, [...Object.keys(t.schema.shape), ...(t.kind ? Object.keys(RELATIONSHIPS) : [])]);
  const known = Object.keys(t.schema.shape).map((k) => display(t, k));
  return unknownParam({ file, span: param.keySpan }, t.kind, param.key, near && display(t, near), known);
}

/**
 * A zod issue about one field's value (`rest` is its path inside the value) at the part of
 * the written value it is about: MCL_TYPE_MISMATCH or MCL_INVALID_PARAM. Used while
 * evaluating and, for literal values, before.
 */
export function fieldIssue(t: Target, field: Field, rest: readonly PropertyKey[], issue: Issue, file: string): Diagnostic {
  const at = { file, span: spanAt(field.param.value, rest) };
  const subject: MismatchSubject = t.kind ? { param: showPath(field.key, rest), kind: t.kind } : { metaparam: showPath(field.key, rest) };
  const e = explainIssue(issue, valueAt(field.value, rest), schemaAt(t.schema, [field.key, ...rest]));
  const path = fullPath(t, [field.key, ...rest]);
  return e.mismatch ? typeMismatch(at, subject, e.expected, e.found, path) : invalidParam(at, subject, e.reason, path);
}

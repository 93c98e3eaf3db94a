import { metaparamsSchema, suggestPlugin, type RegisteredKind, type Span, type z } from '@mgmt/resource';
import { constantOf } from '../ast/constant.js';
import type { CollectStmt, Expr, Param, ResourceStmt } from '../ast/nodes.js';
import { headSpan, literalText } from '../ast/query.js';
import { fieldIssue, showPath, unknownField, type Target } from '../check/params.js';
import { RELATIONSHIPS } from '../check/relationships.js';
import { duplicateKey, exportUnsupported, missingParam, typeMismatch, unknownKind } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { locationOf } from '../diagnostics/position.js';
import { fits } from '../types/compat.js';
import { allowsUnknownKeys, requiredKeys, schemaType } from '../types/schema.js';
import { kindName, resolve, show, T, type Type } from '../types/type.js';
import { expectType, type Ctx } from './context.js';
import { checkCondition, infer, inferMap } from './expr.js';

/** A resource statement (or an exported one): its name, kind, params, metaparams and relationships. */
export function checkResource(stmt: ResourceStmt, ctx: Ctx, opts: { exported?: boolean } = {}): void {
  expectType(ctx, stmt.name.span, infer(stmt.name, ctx), T.str, { role: 'resource name' });
  const registered = knownKind(stmt.kind, stmt.kindSpan, ctx);
  const keys = checkParams(stmt.kind, registered, stmt.params, ctx, opts.exported ?? false);
  // A required param left out; the message names the resource, so only a literal name can tell.
  const name = literalText(stmt.name);
  if (!registered || name === undefined) return;
  for (const key of requiredKeys(registered.definition.params)) {
    if (!keys.has(key)) ctx.run.report(missingParam({ file: ctx.file, span: headSpan(stmt) }, stmt.kind, `${stmt.kind}[${name}]`, key));
  }
}

/** The overrides of a `collect`: checked like a resource's params, whatever is collected. */
export function checkCollectParams(stmt: CollectStmt, ctx: Ctx): void {
  checkParams(stmt.kind, knownKind(stmt.kind, stmt.kindSpan, ctx), stmt.params, ctx, false);
}

function knownKind(kind: string, span: Span, ctx: Ctx): RegisteredKind | undefined {
  const registered = ctx.run.registry.get(kind);
  if (!registered) ctx.run.report(unknownKind({ file: ctx.file, span }, kind, suggestPlugin(kind), closest(kind, ctx.run.registry.kinds())));
  return registered;
}

/** Checks each `key => value` (as eval/resource.ts sorts them); returns the keys given. */
function checkParams(kind: string, registered: RegisteredKind | undefined, params: readonly Param[], ctx: Ctx, exported: boolean): Set<string> {
  const seen = new Map<string, number>();
  for (const param of params) {
    const first = seen.get(param.key);
    if (first !== undefined) {
      ctx.run.report(duplicateKey({ file: ctx.file, span: param.keySpan }, 'param', param.key, locationOf(ctx.file, ctx.source, first)));
      continue;
    }
    seen.set(param.key, param.keySpan.start);
    const rel = Object.hasOwn(RELATIONSHIPS, param.key);
    const meta = param.key.startsWith('Meta:');
    if (exported && (rel || meta)) ctx.run.report(exportUnsupported({ file: ctx.file, span: param.keySpan }, param.key));
    else if (rel) checkRelationship(param, ctx);
    else if (meta) checkField({ schema: metaparamsSchema }, param.key.slice('Meta:'.length), param, ctx);
    else if (registered) checkField({ schema: registered.definition.params, kind }, param.key, param, ctx);
    else infer(param.value, ctx);
  }
  return new Set(seen.keys());
}

/**
 * One param against its schema. A literal value is parsed by zod itself, as evaluation
 * will, so patterns, ranges and enums are checked too (in words shared with evaluation);
 * any other value by its type, into the elements of list and map literals.
 */
function checkField(t: Target, key: string, param: Param, ctx: Ctx): void {
  const shape = t.schema.shape as Record<string, z.ZodType>;
  // A key the schema does not name takes its catchall, if it has one (`z.looseObject`: anything).
  const schema = Object.hasOwn(shape, key) ? shape[key]! : allowsUnknownKeys(t.schema) ? (t.schema._zod.def.catchall as z.ZodType | undefined) : undefined;
  if (!schema) {
    ctx.run.report(unknownField(t, key, param, ctx.file));
    infer(param.value, ctx);
    return;
  }
  const constant = constantOf(param.value);
  if (constant === undefined) return expectValue(param.value, schemaType(schema), [], { t, key, ctx });
  const parsed = schema.safeParse(constant);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    ctx.run.report(fieldIssue(t, { key, param, value: constant }, issue.path, issue, ctx.file));
  }
}

interface FieldCheck {
  readonly t: Target;
  readonly key: string;
  readonly ctx: Ctx;
}

/** `e` against the type `want` at `path` in the field: list and map literals and `if` branches are followed, as zod's paths are. */
function expectValue(e: Expr, want: Type, path: readonly (string | number)[], c: FieldCheck): void {
  const w = resolve(want);
  const { ctx } = c;
  if (e.type === 'list' && w.k === 'list') return e.items.forEach((item, i) => expectValue(item, w.elem, [...path, i], c));
  if (e.type === 'if') {
    checkCondition(e.cond, ctx);
    expectValue(e.then, want, path, c);
    return expectValue(e.otherwise, want, path, c);
  }
  if (e.type === 'map' && w.k === 'map') {
    inferMap(e, ctx, (entry) => {
      const k = literalText(entry.key);
      expectValue(entry.value, w.value, k === undefined ? path : [...path, k], c);
      return T.unknown;
    });
    return;
  }
  const found = infer(e, ctx);
  const words = show(want);
  if (fits(found, want) !== 'no') return;
  const { t, key } = c;
  const subject = t.kind ? { param: showPath(key, path), kind: t.kind } : { metaparam: showPath(key, path) };
  const full = t.kind ? [key, ...path] : [`Meta:${key}`, ...path];
  ctx.run.report(typeMismatch({ file: ctx.file, span: e.span }, subject, words, show(found), full));
}

const REFS = 'a resource reference like File["x"] or a list of them';

/** `Before => X`: a reference or a list of them; the message names the first element that is not one. */
function checkRelationship(param: Param, ctx: Ctx): void {
  const v = param.value;
  const notRef = (t: Type): boolean => kindName(t) !== undefined && resolve(t).k !== 'ref';
  let found: string | undefined;
  if (v.type === 'list') {
    const bad = v.items.map((item) => infer(item, ctx)).find(notRef);
    if (bad) found = `list of ${show(bad)}`;
  } else {
    const t = resolve(infer(v, ctx));
    if (t.k === 'list' && notRef(t.elem)) found = `list of ${show(t.elem)}`;
    else if (t.k !== 'list' && notRef(t)) found = show(t);
  }
  if (found) ctx.run.report(typeMismatch({ file: ctx.file, span: v.span }, { relationship: param.key }, REFS, found));
}

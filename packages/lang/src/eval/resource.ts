import { metaparamsSchema, resourceId, suggestPlugin, type Diagnostic, type KindRegistry, type Metaparams, type ResourceDecl, type SendRecv, type Span } from '@mgmt/resource';
import type { Expr, Param, ResourceStmt } from '../ast/nodes.js';
import { headSpan } from '../ast/query.js';
import { validateFields, type Field } from '../check/params.js';
import { RELATIONSHIPS } from '../check/relationships.js';
import { duplicateKey, exportUnsupported, typeMismatch, unknownKind } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { locationOf } from '../diagnostics/position.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import { POISON, RefValue, typeName, type Value } from './values.js';

/** An edge waiting for every resource to be known, so its ends can be checked. */
export interface PendingEdge {
  readonly from: RefValue;
  readonly to: RefValue;
  readonly notify: boolean;
  /** Where it is declared (`A -> B`, or a relationship param), for MCL_EDGE_CYCLE. */
  readonly at: { readonly file: string; readonly span: Span };
  /** `A.x -> B.y`: the sender's output `x` becomes the receiver's param `y`. */
  readonly sendRecv?: SendRecv;
}

/** A declared resource, valid or not: even an invalid one counts for duplicates and edges. */
export interface ResourceInfo {
  readonly kind: string;
  readonly name: string;
  /** The identity from the kind's `id`, when its params are valid. */
  readonly id?: string;
  readonly file: string;
  readonly head: Span;
  /** Set only when the resource has no error at all. */
  readonly decl?: ResourceDecl;
  readonly edges: readonly PendingEdge[];
  /** The `include` that declared it, when a class did (the innermost one). */
  readonly via?: { readonly file: string; readonly span: Span };
  /** The host that exported it, when a `collect` realized it. */
  readonly exportedBy?: string;
}

/** Evaluates one resource statement; undefined if its name could not be evaluated. */
export function evalResource(stmt: ResourceStmt, env: Env, registry: KindRegistry, opts: { exported?: boolean } = {}): ResourceInfo | undefined {
  const name = evalExpr(stmt.name, env);
  if (name === POISON) return undefined;
  if (typeof name !== 'string') {
    env.report(typeMismatch({ file: env.file, span: stmt.name.span }, { role: 'resource name' }, 'string', typeName(name)));
    return undefined;
  }
  return buildResource({ kind: stmt.kind, kindSpan: stmt.kindSpan, name, head: headSpan(stmt), span: stmt.span, params: stmt.params, ...opts }, env, registry);
}

/** A resource to build: from a statement, or collected (exported params plus overrides). */
export interface ResourceSpec {
  readonly kind: string;
  readonly kindSpan: Span;
  readonly name: string;
  /** Where errors about the resource as a whole point. */
  readonly head: Span;
  readonly span: Span;
  readonly params: readonly Param[];
  /** Params that come from elsewhere (a collected resource's); `params` override them. Errors about them point at `head`. */
  readonly inherited?: Readonly<Record<string, Value>>;
  /** An exported resource: relationships and metaparams are refused. */
  readonly exported?: boolean;
  /** How the resource is named in messages; `kind[name]` by default. */
  readonly ref?: string;
}

/** Evaluates the params of a resource and validates them against the kind's schema. */
export function buildResource(spec: ResourceSpec, env: Env, registry: KindRegistry): ResourceInfo {
  const report = (d: Diagnostic): void => env.report(d);
  const { name, head } = spec;
  const self = new RefValue(spec.kind, name, env.file, head);
  const params: Field[] = [];
  const meta: Field[] = [];
  const edges: PendingEdge[] = [];
  const seen = new Map<string, number>();
  for (const param of spec.params) {
    const first = seen.get(param.key);
    if (first !== undefined) {
      report(duplicateKey({ file: env.file, span: param.keySpan }, 'param', param.key, locationOf(env.file, env.source, first)));
      continue;
    }
    seen.set(param.key, param.keySpan.start);
    const rel = Object.hasOwn(RELATIONSHIPS, param.key) ? RELATIONSHIPS[param.key] : undefined;
    if (spec.exported && (rel || param.key.startsWith('Meta:'))) {
      report(exportUnsupported({ file: env.file, span: param.keySpan }, param.key));
      continue;
    }
    const value = evalExpr(param.value, env);
    if (rel) {
      const refs = value === POISON ? [] : Array.isArray(value) ? value : [value];
      if (!refs.every((r): r is RefValue => r instanceof RefValue)) {
        const found = Array.isArray(value) ? `list of ${typeName(refs.find((r) => !(r instanceof RefValue)))}` : typeName(value);
        report(typeMismatch({ file: env.file, span: param.value.span }, { relationship: param.key }, 'a resource reference like File["x"] or a list of them', found));
        continue;
      }
      // In a list literal, each reference is its own edge: point at it.
      const items = param.value.type === 'list' && param.value.items.length === refs.length ? param.value.items : undefined;
      refs.forEach((ref, i) => {
        const at = { file: env.file, span: items?.[i]?.span ?? param.span };
        edges.push(rel.outgoing ? { from: self, to: ref, notify: rel.notify, at } : { from: ref, to: self, notify: rel.notify, at });
      });
    } else if (param.key.startsWith('Meta:')) {
      meta.push({ key: param.key.slice('Meta:'.length), param, value });
    } else {
      params.push({ key: param.key, param, value });
    }
  }
  for (const [key, value] of Object.entries(spec.inherited ?? {})) {
    if (seen.has(key)) continue;
    // No syntax of its own: errors about it point at the collect statement.
    const at: Expr = { type: 'str', parts: [], span: head };
    params.push({ key, param: { key, keySpan: head, value: at, span: head }, value });
  }

  const base = { kind: spec.kind, name, file: env.file, head, edges };
  const registered = registry.get(spec.kind);
  if (!registered) {
    report(unknownKind({ file: env.file, span: spec.kindSpan }, spec.kind, suggestPlugin(spec.kind), closest(spec.kind, registry.kinds())));
    return base;
  }
  const subject = { file: env.file, head, ref: spec.ref ?? self.display };
  const output = validateFields({ schema: registered.definition.params, kind: spec.kind }, params, subject, report);
  const metaOut = validateFields({ schema: metaparamsSchema }, meta, subject, report);
  if (!output || !metaOut) return base;
  const paramSpans = Object.fromEntries([...params.map((p) => [p.key, p.param.span]), ...spec.params.map((p) => [p.key, p.span])]);
  const decl: ResourceDecl = {
    kind: spec.kind,
    name,
    params: output,
    meta: metaOut as Metaparams, // the output of metaparamsSchema itself
    origin: { file: env.file, span: spec.span, paramSpans, source: env.source },
  };
  return { ...base, id: resourceId(registered.definition, output, name), decl };
}

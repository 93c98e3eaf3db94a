import { metaparamsSchema, resourceId, suggestPlugin, type Diagnostic, type KindRegistry, type Metaparams, type ResourceDecl, type Span } from '@mgmt/resource';
import type { ResourceStmt } from '../ast/nodes.js';
import { headSpan } from '../ast/query.js';
import { validateFields, type Field } from '../check/params.js';
import { RELATIONSHIPS } from '../check/relationships.js';
import { duplicateKey, typeMismatch, unknownKind } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { locationOf } from '../diagnostics/position.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import { POISON, RefValue, typeName } from './values.js';

/** An edge waiting for every resource to be known, so its ends can be checked. */
export interface PendingEdge {
  readonly from: RefValue;
  readonly to: RefValue;
  readonly notify: boolean;
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
}

/** Evaluates one resource statement; undefined if its name could not be evaluated. */
export function evalResource(stmt: ResourceStmt, env: Env, registry: KindRegistry): ResourceInfo | undefined {
  const report = (d: Diagnostic): void => env.report(d);
  const name = evalExpr(stmt.name, env);
  if (name === POISON) return undefined;
  if (typeof name !== 'string') {
    report(typeMismatch({ file: env.file, span: stmt.name.span }, { role: 'resource name' }, 'string', typeName(name)));
    return undefined;
  }
  const head = headSpan(stmt);
  const self = new RefValue(stmt.kind, name, env.file, head);
  const params: Field[] = [];
  const meta: Field[] = [];
  const edges: PendingEdge[] = [];
  const seen = new Map<string, number>();
  for (const param of stmt.params) {
    const first = seen.get(param.key);
    if (first !== undefined) {
      report(duplicateKey({ file: env.file, span: param.keySpan }, 'param', param.key, locationOf(env.file, env.source, first)));
      continue;
    }
    seen.set(param.key, param.keySpan.start);
    const value = evalExpr(param.value, env);
    const rel = Object.hasOwn(RELATIONSHIPS, param.key) ? RELATIONSHIPS[param.key] : undefined;
    if (rel) {
      const refs = value === POISON ? [] : Array.isArray(value) ? value : [value];
      if (!refs.every((r): r is RefValue => r instanceof RefValue)) {
        const found = Array.isArray(value) ? `list of ${typeName(refs.find((r) => !(r instanceof RefValue)))}` : typeName(value);
        report(typeMismatch({ file: env.file, span: param.value.span }, { relationship: param.key }, 'a resource reference like File["x"] or a list of them', found));
        continue;
      }
      for (const ref of refs) edges.push(rel.outgoing ? { from: self, to: ref, notify: rel.notify } : { from: ref, to: self, notify: rel.notify });
    } else if (param.key.startsWith('Meta:')) {
      meta.push({ key: param.key.slice('Meta:'.length), param, value });
    } else {
      params.push({ key: param.key, param, value });
    }
  }

  const base = { kind: stmt.kind, name, file: env.file, head, edges };
  const registered = registry.get(stmt.kind);
  if (!registered) {
    report(unknownKind({ file: env.file, span: stmt.kindSpan }, stmt.kind, suggestPlugin(stmt.kind), closest(stmt.kind, registry.kinds())));
    return base;
  }
  const subject = { file: env.file, head, ref: self.display };
  const output = validateFields({ schema: registered.definition.params, kind: stmt.kind }, params, subject, report);
  const metaOut = validateFields({ schema: metaparamsSchema }, meta, subject, report);
  if (!output || !metaOut) return base;
  const paramSpans = Object.fromEntries(stmt.params.map((p) => [p.key, p.span]));
  const decl: ResourceDecl = {
    kind: stmt.kind,
    name,
    params: output,
    meta: metaOut as Metaparams, // the output of metaparamsSchema itself
    origin: { file: env.file, span: stmt.span, paramSpans, source: env.source },
  };
  return { ...base, id: resourceId(registered.definition, output, name), decl };
}

import type { CollectStmt, ExportStmt } from '../ast/nodes.js';
import { collectHead } from '../ast/query.js';
import { RELATIONSHIPS } from '../check/relationships.js';
import { runsCode } from '../check/runs-code.js';
import { collectNeedsWhere, unknownKind, unknownParam } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { suggestPlugin } from '@mgmt/resource';
import type { Scope } from '../check/scope.js';
import { allowsUnknownKeys } from '../types/schema.js';
import type { Env } from './env.js';
import { evalCondition, evalExpr, mismatch } from './expr.js';
import { buildResource, evalResource } from './resource.js';
import type { ProgramState } from './stmts.js';
import { POISON, type Value, type ValueMap } from './values.js';

/** A resource as this host exports it (`export [to LIST] kind "name" { … }`). */
export interface ExportedResource {
  readonly kind: string;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The hosts that may collect it; absent: every host. */
  readonly to?: readonly string[];
}

/** An exported resource seen by this host, as the world delivers it: the input of `collect`. */
export interface CollectedResource {
  readonly host: string;
  readonly kind: string;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * `export [to LIST] RESOURCE`: the resource is checked against its kind's schema here, like
 * any resource, and added to the program's exports, not to its graph.
 */
export function evalExport(stmt: ExportStmt, env: Env, state: ProgramState): void {
  let to: string[] | undefined;
  if (stmt.to) {
    const v = evalExpr(stmt.to, env);
    if (v === POISON) return;
    if (!Array.isArray(v) || !(v as Value[]).every((h) => typeof h === 'string')) {
      mismatch(env, stmt.to.span, { role: 'export target' }, 'list of host names (strings)', v);
      return;
    }
    to = [...(v as string[])];
  }
  const info = evalResource(stmt.resource, env, state.registry, { exported: true });
  if (!info) return;
  state.exportTable.add(info);
  if (info.decl) state.exports.push({ kind: info.kind, name: info.name, params: info.decl.params, ...(to ? { to } : {}) });
}

/** JSON from the world as an mcl value (nulls left out). */
function toValue(v: unknown): Value | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toValue).filter((x): x is Value => x !== undefined);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).flatMap(([k, x]): [string, Value][] => {
      const value = toValue(x);
      return value === undefined ? [] : [[k, value]];
    });
    return Object.fromEntries(entries) as ValueMap;
  }
  return undefined;
}

/**
 * `collect KIND [where EXPR] [as $r] [{ overrides }]`: each exported resource of the kind in
 * the collected snapshot (this host's own exports included) for which `where` holds becomes a
 * resource of this program, with its params overridden by the body's. `$host` (in a `where`)
 * is the exporter; `$r` is `{host, kind, name, params}`.
 */
export function evalCollect(stmt: CollectStmt, scope: Scope, env: Env, state: ProgramState): void {
  // An edge may name a resource that has not been collected yet: it is left out quietly.
  state.collects.add(stmt.kind);
  // The check reports this too; evaluation without it (`evaluate`) must not run another host's commands either.
  if (!stmt.where && runsCode(state.registry, stmt.kind)) {
    env.report(collectNeedsWhere({ file: env.file, span: collectHead(stmt) }, stmt.kind));
    return;
  }
  const registered = state.registry.get(stmt.kind);
  if (!registered) {
    env.report(unknownKind({ file: env.file, span: stmt.kindSpan }, stmt.kind, suggestPlugin(stmt.kind), closest(stmt.kind, state.registry.kinds())));
    return;
  }
  // Unknown override params are mistakes whether or not anything is collected yet.
  const shape = registered.definition.params.shape;
  const open = allowsUnknownKeys(registered.definition.params);
  for (const p of stmt.params) {
    if (open || p.key.startsWith('Meta:') || Object.hasOwn(RELATIONSHIPS, p.key) || Object.hasOwn(shape, p.key)) continue;
    env.report(unknownParam({ file: env.file, span: p.keySpan }, stmt.kind, p.key, closest(p.key, [...Object.keys(shape), ...Object.keys(RELATIONSHIPS)]), Object.keys(shape)));
  }
  const head = { start: stmt.span.start, end: (stmt.as?.span ?? stmt.where?.span ?? stmt.kindSpan).end };
  for (const c of state.collected) {
    if (c.kind !== stmt.kind) continue;
    const params = (toValue(c.params) ?? {}) as ValueMap;
    const r: ValueMap = { host: c.host, kind: c.kind, name: c.name, params };
    const inner = scope.child();
    const innerEnv: Env = { ...env, lookup: (name, span, file) => inner.lookup(name, span, file) };
    if (stmt.where) inner.bind('host', stmt.where.span, env.file, env.source, c.host);
    if (stmt.as) inner.bind(stmt.as.name, stmt.as.span, env.file, env.source, r);
    if (stmt.where) {
      const ok = evalCondition(stmt.where, innerEnv);
      if (ok === POISON) {
        state.unnamed.add(stmt.kind);
        return; // the same mistake for every resource: once is enough
      }
      if (!ok) continue;
    }
    const ref = `${c.kind}[${c.name}]`;
    // Errors about the collected params themselves say where the resource came from.
    const about = [{ host: c.host, kind: c.kind, name: c.name }];
    const tagged: Env = {
      ...innerEnv,
      report: (d) => env.report(d.span === head && d.file === env.file ? { ...d, message: `${d.message} (${ref}, collected from host ${c.host})`, exports: about } : d),
    };
    const info = buildResource({ kind: stmt.kind, kindSpan: stmt.kindSpan, name: c.name, head, span: stmt.span, params: stmt.params, inherited: params }, tagged, state.registry);
    state.table.add({ ...info, exportedBy: c.host });
    state.pending.push(...info.edges);
  }
}

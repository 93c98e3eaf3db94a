import type { Diagnostic, EdgeDecl } from '@mgmt/resource';
import type { EdgeStmt } from '../ast/nodes.js';
import { unknownEdgeTarget } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import type { PendingEdge } from './resource.js';
import type { ResourceTable } from './resource-table.js';
import { POISON, RefValue } from './values.js';

/** The edges of `A -> B ~> C`: one per arrow. Nothing if a name could not be evaluated. */
export function evalEdgeStmt(stmt: EdgeStmt, env: Env): PendingEdge[] {
  const refs = stmt.refs.map((r) => evalExpr(r, env));
  if (!refs.every((r): r is RefValue => r instanceof RefValue)) return [];
  const span = (i: number) => ({ start: stmt.refs[i]!.span.start, end: stmt.refs[i + 1]!.span.end });
  return stmt.notify.map((notify, i) => ({ from: refs[i]!, to: refs[i + 1]!, notify, at: { file: env.file, span: span(i) } }));
}

/**
 * Checks that both ends of every edge were declared, and merges edges between the same two
 * resources (notifying if any of them does). `quiet(kind)` skips the check for a kind with
 * a resource that could not be evaluated, which might be the one meant.
 */
export function resolveEdges(
  pending: readonly PendingEdge[],
  table: ResourceTable,
  quiet: (kind: string) => boolean,
  report: (d: Diagnostic) => void,
  /** A kind the program collects: an edge to one not collected (yet) is left out, silently. */
  collected: (kind: string) => boolean = () => false,
): EdgeDecl[] {
  const edges = new Map<string, EdgeDecl>();
  const reported = new Set<string>();
  let missing = false;
  for (const e of pending) {
    const absent = (end: RefValue): boolean => !table.has(end.kind, end.name);
    if ([e.from, e.to].some((end) => absent(end) && collected(end.kind))) continue;
    for (const end of [e.from, e.to]) {
      if (!absent(end)) continue;
      missing = true;
      const at = `${end.file}\0${end.span.start}`;
      if (quiet(end.kind) || reported.has(at)) continue;
      reported.add(at);
      report(unknownEdgeTarget({ file: end.file, span: end.span }, end.display, closest(end.display, table.displays())));
    }
    const k = `${e.from.kind}\0${e.from.name}\0${e.to.kind}\0${e.to.name}`;
    const prior = edges.get(k);
    edges.set(k, { from: { kind: e.from.kind, name: e.from.name }, to: { kind: e.to.kind, name: e.to.name }, notify: e.notify || (prior?.notify ?? false) });
  }
  return missing ? [] : [...edges.values()];
}

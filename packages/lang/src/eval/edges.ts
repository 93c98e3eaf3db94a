import type { Diagnostic, EdgeDecl, SendRecv } from '@mgmt/resource';
import type { EdgeStmt } from '../ast/nodes.js';
import { duplicateRecv, unknownEdgeTarget } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import type { PendingEdge } from './resource.js';
import type { ResourceTable } from './resource-table.js';
import { POISON, RefValue } from './values.js';

/**
 * The edges of `A -> B ~> C`: one per arrow. Nothing if a name could not be evaluated.
 * `A.x -> B.y` carries its send/recv pair (the check refused fields anywhere else).
 */
export function evalEdgeStmt(stmt: EdgeStmt, env: Env): PendingEdge[] {
  const refs = stmt.refs.map((r) => evalExpr(r, env));
  if (!refs.every((r): r is RefValue => r instanceof RefValue)) return [];
  const span = (i: number) => ({ start: stmt.refs[i]!.span.start, end: (stmt.fields?.[i + 1] ?? stmt.refs[i + 1]!).span.end });
  const [send, recv] = stmt.fields ?? [];
  const pair = stmt.refs.length === 2 && send && recv ? { sendRecv: { send: send.name, recv: recv.name } } : {};
  return stmt.notify.map((notify, i) => ({ from: refs[i]!, to: refs[i + 1]!, notify, at: { file: env.file, span: span(i) }, ...pair }));
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
  const receivers = new Map<string, string>(); // `kind[name].param` -> `kind[name].output` sending to it
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
    let pairs = prior?.sendRecv ?? [];
    if (e.sendRecv && receives(e, e.sendRecv, receivers, report) && !pairs.some((p) => p.recv === e.sendRecv!.recv)) pairs = [...pairs, e.sendRecv];
    edges.set(k, {
      from: { kind: e.from.kind, name: e.from.name },
      to: { kind: e.to.kind, name: e.to.name },
      notify: e.notify || (prior?.notify ?? false),
      ...(pairs.length > 0 ? { sendRecv: pairs } : {}),
    });
  }
  return missing ? [] : [...edges.values()];
}

/** Records that `e` fills its receiver's param; false (reported) when another sender already does. */
function receives(e: PendingEdge, pair: SendRecv, receivers: Map<string, string>, report: (d: Diagnostic) => void): boolean {
  const slot = `${e.to.display}.${pair.recv}`;
  const source = `${e.from.display}.${pair.send}`;
  const first = receivers.get(slot);
  if (first === undefined) receivers.set(slot, source);
  else if (first !== source) {
    report(duplicateRecv(e.at, slot, first, source));
    return false;
  }
  return true;
}

import type { EdgeDecl } from '@mgmt/resource';
import * as codes from './codes.js';
import { closest } from '@mgmt/lang';
import type { EdgeEnd, EdgeEntry } from './graph-file.js';
import type { YamlContext } from './yaml-nodes.js';

/** What an edge's end may name, by `kind[name]`. */
export interface EdgeScope {
  /** In the graph now: this file's resources and the collected ones. */
  readonly present: ReadonlySet<string>;
  /** Written in `resources` (those with errors too, which were reported already). */
  readonly declared: ReadonlySet<string>;
  /** Exported (`@@`): in other hosts' graphs, not this one. */
  readonly exported: ReadonlySet<string>;
  readonly collectedKinds: ReadonlySet<string>;
}

/**
 * The file's edges between resources of the graph. An end may name a collected resource;
 * one that has not been collected yet is left out quietly (the world may bring it later).
 * Any other unknown end is an error at its name.
 */
export function resolveEdges(ctx: YamlContext, entries: readonly EdgeEntry[], scope: EdgeScope): EdgeDecl[] {
  const known = (end: EdgeEnd): boolean => {
    const key = `${end.kind.name}[${end.name.name}]`;
    if (scope.present.has(key)) return true;
    if (scope.declared.has(key) || scope.collectedKinds.has(end.kind.name)) return false;
    const prefix = `${end.kind.name}[`;
    const names = [...scope.declared].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length, -1));
    ctx.report(codes.unknownEdgeTarget(ctx.at(end.name.span), key, closest(end.name.name, names), scope.exported.has(key)));
    return false;
  };
  const out: EdgeDecl[] = [];
  for (const e of entries) {
    const from = known(e.from);
    const to = known(e.to);
    if (from && to) out.push({ from: { kind: e.from.kind.name, name: e.from.name.name }, to: { kind: e.to.kind.name, name: e.to.name.name }, notify: e.notify });
  }
  return out;
}

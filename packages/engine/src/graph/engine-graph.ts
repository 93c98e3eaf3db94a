import {
  metaparamsSchema,
  resourceId,
  suggestPlugin,
  type AnyResource,
  type Diagnostic,
  type KindRegistry,
  type Metaparams,
  type Origin,
  type ResourceGraph,
} from '@mgmt/resource';
import * as codes from '../diagnostics/codes.js';
import { findCycle } from './find-cycle.js';

/** A resource ready to run: its kind resolved and its params validated. */
export interface Node {
  /** `kind[name]`: unique in the graph, used in every message. */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  /** The identity within the kind (`file`: the path). */
  readonly id: string;
  readonly def: AnyResource;
  readonly plugin: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly meta: Metaparams;
  readonly origin?: Origin;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly notify: boolean;
  /** Added by the engine from a kind's `autoEdges`, not written by the user. */
  readonly auto: boolean;
}

/** A validated, acyclic graph the executor can run. */
export interface EngineGraph {
  readonly nodes: ReadonlyMap<string, Node>;
  readonly edges: readonly GraphEdge[];
}

export type BuildResult = { graph: EngineGraph; diagnostics: Diagnostic[] } | { graph?: undefined; diagnostics: Diagnostic[] };

const issueText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');

/**
 * Resolves kinds, validates params (again: a graph may come from YAML or the world, not only
 * from the checked language), adds autoedges and refuses cycles. Returns every problem found.
 */
export function buildGraph(input: ResourceGraph, registry: KindRegistry): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, Node>();
  const byId = new Map<string, Node>(); // `${kind}\0${id}`
  for (const decl of input.resources) {
    const kind = registry.get(decl.kind);
    const key = `${decl.kind}[${decl.name}]`;
    if (!kind) {
      diagnostics.push(codes.unknownKind(decl.kind, suggestPlugin(decl.kind), decl.origin));
      continue;
    }
    const parsed = kind.definition.params.safeParse(decl.params);
    const meta = metaparamsSchema.safeParse(decl.meta ?? {});
    if (!parsed.success || !meta.success) {
      const issues = [...(parsed.error?.issues ?? []), ...(meta.error?.issues ?? [])];
      diagnostics.push(codes.invalidParams(key, issueText(issues), decl.origin));
      continue;
    }
    const params = parsed.data as Record<string, unknown>;
    const id = resourceId(kind.definition, params, decl.name);
    const node: Node = {
      key,
      kind: decl.kind,
      name: decl.name,
      id,
      def: kind.definition,
      plugin: kind.plugin.name,
      params,
      meta: meta.data,
      ...(decl.origin ? { origin: decl.origin } : {}),
    };
    if (nodes.has(key) || byId.has(`${decl.kind}\0${id}`)) {
      diagnostics.push(codes.duplicateResource(key, decl.origin));
      continue;
    }
    nodes.set(key, node);
    byId.set(`${decl.kind}\0${id}`, node);
  }

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const addEdge = (from: Node, to: Node, notify: boolean, auto: boolean): void => {
    const k = `${from.key}\0${to.key}`;
    if (seen.has(k) || from === to) return;
    seen.add(k);
    edges.push({ from: from.key, to: to.key, notify, auto });
  };
  // A ref matches by name first, then by identity, so `File["/tmp/a"]` finds a file
  // resource named differently whose path is /tmp/a.
  const lookup = (kind: string, name: string): Node | undefined =>
    nodes.get(`${kind}[${name}]`) ?? byId.get(`${kind}\0${name}`);
  for (const e of input.edges) {
    const from = lookup(e.from.kind, e.from.name);
    const to = lookup(e.to.kind, e.to.name);
    if (!from) diagnostics.push(codes.unknownEdgeTarget(e.from));
    if (!to) diagnostics.push(codes.unknownEdgeTarget(e.to));
    if (from && to) addEdge(from, to, e.notify, false);
  }
  for (const node of nodes.values()) {
    if (!node.def.autoEdges || !node.meta.autoedge) continue;
    for (const ref of node.def.autoEdges(node.params, node.name)) {
      const dep = byId.get(`${ref.kind}\0${ref.id}`);
      if (dep) addEdge(dep, node, false, true);
    }
  }

  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const loop = findCycle(nodes.keys(), (k) => out.get(k) ?? []);
  if (loop) diagnostics.push(codes.cycle(loop));

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { graph: { nodes, edges }, diagnostics };
}

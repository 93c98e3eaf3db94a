import {
  metaparamsSchema,
  resourceId,
  suggestPlugin,
  type AnyResource,
  type Diagnostic,
  type KindRegistry,
  type Metaparams,
  type Origin,
  type ResourceDecl,
  type ResourceGraph,
  type SendRecv,
} from '@mgmt/resource';
import * as codes from '../diagnostics/codes.js';
import { noCache, type BuildCache, type Resolved, type Validated } from './build-cache.js';
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
  /** Values `from` sends that become params of `to` (send/recv); absent on plain edges. */
  readonly sendRecv?: readonly SendRecv[];
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
 * With a `cache` (the Engine keeps one), a resource whose kind, name, raw params and
 * metaparams are those of a resource of the last build reuses that validation, identity and
 * autoedges, so a rebuild costs one comparison per unchanged resource; see `BuildCache`.
 */
export function buildGraph(input: ResourceGraph, registry: KindRegistry, cache?: BuildCache): BuildResult {
  const pass = cache ? cache.pass() : noCache;
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, Node>();
  const resolved: [Node, Resolved][] = [];
  const byId = new Map<string, Node>(); // `${kind}\0${id}`
  for (const decl of input.resources) {
    const kind = registry.get(decl.kind);
    const key = `${decl.kind}[${decl.name}]`;
    if (!kind) {
      diagnostics.push(codes.unknownKind(decl.kind, suggestPlugin(decl.kind), decl.origin));
      continue;
    }
    const def = kind.definition;
    const r = pass.resolve(key, def, decl.name, decl.params, decl.meta, () => validate(decl, key, def, diagnostics));
    if (!r) continue;
    const idKey = `${decl.kind}\0${r.id}`;
    if (nodes.has(key) || byId.has(idKey)) {
      diagnostics.push(codes.duplicateResource(key, decl.origin));
      continue;
    }
    const node: Node = { key, kind: decl.kind, name: decl.name, id: r.id, def, plugin: kind.plugin.name, params: r.params, meta: r.meta };
    if (decl.origin) (node as { origin?: Origin }).origin = decl.origin;
    nodes.set(key, node);
    resolved.push([node, r]);
    byId.set(idKey, node);
  }
  pass.commit();

  const edges: GraphEdge[] = [];
  const seen = new Map<Node, Map<Node, number>>(); // from -> to -> index in edges: by object, no key strings to hash
  const addEdge = (from: Node, to: Node, notify: boolean, auto: boolean, sendRecv?: readonly SendRecv[]): void => {
    if (from === to) return;
    let targets = seen.get(from);
    if (!targets) seen.set(from, (targets = new Map()));
    const at = targets.get(to);
    if (at !== undefined) {
      // A second edge between the same two adds its send/recv pairs to the first.
      const prior = edges[at]!;
      const more = (sendRecv ?? []).filter((p) => !prior.sendRecv?.some((q) => q.send === p.send && q.recv === p.recv));
      if (more.length > 0) edges[at] = { ...prior, sendRecv: [...(prior.sendRecv ?? []), ...more] };
      return;
    }
    targets.set(to, edges.length);
    edges.push({ from: from.key, to: to.key, notify, auto, ...(sendRecv?.length ? { sendRecv } : {}) });
  };
  // A ref matches by name first, then by identity, so `File["/tmp/a"]` finds a file
  // resource named differently whose path is /tmp/a.
  const lookup = (kind: string, name: string): Node | undefined =>
    nodes.get(`${kind}[${name}]`) ?? byId.get(`${kind}\0${name}`);
  const receivers = new Map<string, string>(); // `${to key}.${param}` -> the sender, for duplicates
  for (const e of input.edges) {
    const from = lookup(e.from.kind, e.from.name);
    const to = lookup(e.to.kind, e.to.name);
    if (!from) diagnostics.push(codes.unknownEdgeTarget(e.from));
    if (!to) diagnostics.push(codes.unknownEdgeTarget(e.to));
    if (from && to) {
      diagnostics.push(...sendRecvProblems(from, to, e.sendRecv ?? [], receivers));
      addEdge(from, to, e.notify, false, e.sendRecv);
    }
  }
  for (const [node, r] of resolved) {
    if (!node.def.autoEdges || !node.meta.autoedge) continue;
    for (const ref of r.autoEdges()) {
      const dep = byId.get(`${ref.kind}\0${ref.id}`);
      if (dep) addEdge(dep, node, false, true);
    }
  }

  // The whole edge set is checked every build: O(V + E), a few ms at 10,000 resources.
  // (Lists are pushed to, not copied: a directory of 10,000 files made copying quadratic.)
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const loop = findCycle(nodes.keys(), (k) => out.get(k) ?? []);
  if (loop) diagnostics.push(codes.cycle(loop));

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { graph: { nodes, edges }, diagnostics };
}

/** What is wrong with an edge's send/recv pairs: unknown outputs or params, a param received twice. */
function sendRecvProblems(from: Node, to: Node, pairs: readonly SendRecv[], receivers: Map<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of pairs) {
    const source = `${from.key}.${p.send}`;
    if (!from.def.sends?.shape[p.send]) out.push(codes.unknownSend(from.key, p.send, Object.keys(from.def.sends?.shape ?? {}), from.origin));
    if (!to.def.params.shape[p.recv]) out.push(codes.unknownRecv(to.key, p.recv, to.origin));
    const slot = `${to.key}.${p.recv}`;
    const prior = receivers.get(slot);
    if (prior !== undefined && prior !== source) out.push(codes.duplicateRecv(slot, prior, source, to.origin));
    receivers.set(slot, source);
  }
  return out;
}

/** Validates one declaration's params and metaparams; a refusal is pushed to `diagnostics`. */
function validate(decl: ResourceDecl, key: string, def: AnyResource, diagnostics: Diagnostic[]): Validated | undefined {
  const parsed = def.params.safeParse(decl.params);
  const meta = metaparamsSchema.safeParse(decl.meta ?? {});
  if (!parsed.success || !meta.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(meta.error?.issues ?? [])];
    diagnostics.push(codes.invalidParams(key, issueText(issues), decl.origin));
    return undefined;
  }
  const params = parsed.data as Record<string, unknown>;
  return { params, meta: meta.data, id: resourceId(def, params, decl.name) };
}

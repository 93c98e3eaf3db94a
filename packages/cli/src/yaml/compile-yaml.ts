import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { closest, type CollectedResource, type CompileResult, type ExportedResource } from '@mgmt/lang';
import { hasErrors, suggestPlugin, type Diagnostic, type KindRegistry, type RegisteredKind, type ResourceDecl } from '@mgmt/resource';
import { parseDocument } from 'yaml';
import * as codes from './codes.js';
import { collectResources } from './collect.js';
import { resolveEdges } from './edges.js';
import type { GraphFile, Named } from './graph-file.js';
import { mapResource } from './map-resource.js';
import { readGraphFile } from './read-graph-file.js';
import { YamlContext } from './yaml-nodes.js';

export interface YamlCompileOptions {
  readonly registry: KindRegistry;
  /** Unused by the format (a graph file is the same on every host); kept for the common signature. */
  readonly hostname: string;
  /** The exports this host sees now, from the world: what `collect` realizes. */
  readonly collected?: readonly CollectedResource[];
}

const noInputs = { files: [], clock: false };
const failed = (d: Diagnostic, sources = new Map<string, string>()): CompileResult => ({ diagnostics: [d], sources, exports: [], collects: [], inputs: noInputs });
const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Reads a Go mgmt graph file (`graph`, `resources`, `edges`, `collect`) and compiles it to
 * what the reactive loop runs, exactly like a `.mcl` program: a resource graph, the
 * resources to export (`name: "@@…"`) and the kinds to collect. Every problem is a
 * diagnostic with the file's line and column; any error means no graph, so nothing is
 * applied. The file itself is a watched input: an edit re-compiles it while the agent runs.
 */
export async function compileYaml(path: string, opts: YamlCompileOptions): Promise<CompileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return failed((err as NodeJS.ErrnoException).code === 'ENOENT' ? codes.fileNotFound(path) : codes.readFailed(path, reason(err)));
  }
  const sources = new Map([[path, text]]);
  const inputs = { files: [resolve(path)], clock: false };
  // YAML 1.1, as the Go mgmt's yaml.v2 read it: `yes` is true, `0644` is octal.
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  const ctx = new YamlContext(path, doc, (d) => diagnostics.push(d));
  // One mistake often yields several errors at one place: the first says it best.
  const places = new Set<number>();
  for (const e of doc.errors) {
    if (!places.has(e.pos[0])) diagnostics.push(codes.syntax(ctx.at({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }), firstLine(e.message)));
    places.add(e.pos[0]);
  }
  const file = diagnostics.length ? undefined : readGraphFile(ctx);
  if (!file) return { diagnostics, sources, exports: [], collects: [], inputs };

  const kinds = resolveKinds(ctx, file, opts.registry);
  const local = new Map<string, ResourceDecl>();
  const exported = new Map<string, ResourceDecl>();
  const seen = new Map<string, number>(); // offset of the first entry, by `kind[name]` (`@@` kept)
  for (const entry of file.resources) {
    const key = `${entry.kind.name}[${entry.name.name}]`;
    const id = `${entry.exported ? '@@' : ''}${key}`;
    const first = seen.get(id);
    if (first !== undefined) {
      ctx.report(codes.duplicateResource(ctx.at(entry.name.span), key, lineOf(text, first)));
      continue;
    }
    seen.set(id, entry.span.start);
    const kind = kinds.get(entry.kind.name);
    const decl = kind && mapResource(ctx, entry, kind, text);
    if (decl) (entry.exported ? exported : local).set(key, decl);
  }
  const collected = collectResources(ctx, file.collects, kinds, opts.collected ?? [], local, text);
  const collects = [...new Set(file.collects.filter((c) => kinds.has(c.kind.name)).map((c) => c.kind.name))].sort();
  const edges = resolveEdges(ctx, file.edges, {
    present: new Set([...local.keys(), ...collected.keys()]),
    declared: new Set(file.resources.filter((r) => !r.exported).map((r) => `${r.kind.name}[${r.name.name}]`)),
    exported: new Set(file.resources.filter((r) => r.exported).map((r) => `${r.kind.name}[${r.name.name}]`)),
    collectedKinds: new Set(collects),
  });

  diagnostics.sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1));
  if (hasErrors(diagnostics)) return { diagnostics, sources, exports: [], collects, inputs };
  const exports: ExportedResource[] = [...exported.values()].map((d) => ({ kind: d.kind, name: d.name, params: d.params }));
  return { graph: { resources: [...local.values(), ...collected.values()], edges }, diagnostics, sources, exports, collects, inputs };
}

/** The kinds the file uses, each looked up once; an unknown one is reported where it is first named. */
function resolveKinds(ctx: YamlContext, file: GraphFile, registry: KindRegistry): Map<string, RegisteredKind> {
  const out = new Map<string, RegisteredKind>();
  const unknown = new Set<string>();
  const names: Named[] = [...file.resources.map((r) => r.kind), ...file.collects.map((c) => c.kind)];
  for (const { name, span } of names) {
    if (out.has(name) || unknown.has(name)) continue;
    const kind = registry.get(name);
    if (kind) out.set(name, kind);
    else {
      unknown.add(name);
      ctx.report(codes.unknownKind(ctx.at(span), name, suggestPlugin(name), closest(name, registry.kinds())));
    }
  }
  return out;
}

// The yaml package's messages end with "at line L, column C"; the frame says that already.
const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

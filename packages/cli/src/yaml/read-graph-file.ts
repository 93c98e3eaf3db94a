import { isMap, isScalar, type ParsedNode, type YAMLMap } from 'yaml';
import * as codes from './codes.js';
import { closest } from '@mgmt/lang';
import type { CollectEntry, EdgeEnd, EdgeEntry, Field, GraphFile, Named, ResourceEntry } from './graph-file.js';
import { spanOf, type YamlContext } from './yaml-nodes.js';

// The Go mgmt's GraphConfig: yaml.v2 ignored unknown fields, so a typo (`edge:`) silently
// dropped every edge. Here an unknown field is an error.
const TOP = ['graph', 'version', 'comment', 'resources', 'edges', 'collect', 'remote'];
const EDGE = ['name', 'from', 'to', 'notify'];
const EDGE_END = ['kind', 'name'];
const COLLECT = ['kind', 'pattern'];

/** Exported resources are written `name: "@@NAME"`, as in the Go mgmt. */
const EXPORT_PREFIX = '@@';

/**
 * Reads the shape of a graph file: top-level fields, resource entries, edges and collects,
 * each with its span. Reports every shape problem; the result is undefined only when the
 * file is not a graph at all. Kinds and params are checked later (`mapResource`).
 */
export function readGraphFile(ctx: YamlContext): GraphFile | undefined {
  const root = ctx.deref(ctx.doc.contents);
  if (!root || !isMap(root)) {
    ctx.report(codes.notAGraph(ctx.at(root ? spanOf(root, ctx.doc) : { start: 0, end: 1 })));
    return undefined;
  }
  const out = { graph: '', resources: [] as ResourceEntry[], edges: [] as EdgeEntry[], collects: [] as CollectEntry[] };
  let graphField: Field | undefined;
  for (const f of ctx.fields(root)) {
    switch (f.key) {
      case 'graph':
        graphField = f;
        out.graph = ctx.string(f, '`graph`') ?? '';
        break;
      case 'comment':
        ctx.string(f, '`comment`');
        break;
      case 'version': {
        // The Go docs describe a version 2 (a flat list with `params`, `before`, `after`).
        const v = ctx.string(f, '`version`');
        if (v === '2') ctx.report(codes.unsupported(ctx.at(f.span), 'version 2 of the graph format', 'write the resources grouped by kind (version 1)'));
        else if (v !== undefined && v !== '1') ctx.report(codes.typeMismatch(ctx.at(f.span), '`version`', '1'));
        break;
      }
      case 'remote':
        if (ctx.string(f, '`remote`')) ctx.report(codes.unsupported(ctx.at(f.span), '`remote` (running the graph on another host over SSH)', 'run `mgmt run yaml` on that host'));
        break;
      case 'resources':
        out.resources.push(...readResources(ctx, f));
        break;
      case 'edges':
        for (const item of ctx.seq(f, '`edges`')?.items ?? []) {
          const edge = readEdge(ctx, ctx.deref(item), f);
          if (edge) out.edges.push(edge);
        }
        break;
      case 'collect':
        for (const item of ctx.seq(f, '`collect`')?.items ?? []) {
          const c = readCollect(ctx, ctx.deref(item), f);
          if (c) out.collects.push(c);
        }
        break;
      default:
        ctx.report(codes.unknownField(ctx.at(f.keySpan), 'a graph file', f.key, closest(f.key, TOP), TOP));
    }
  }
  if (out.graph === '') ctx.report(codes.notAGraph(graphField ? ctx.at(graphField.span) : ctx.at(spanOf(root, ctx.doc))));
  return out;
}

function readResources(ctx: YamlContext, field: Field): ResourceEntry[] {
  const out: ResourceEntry[] = [];
  const kinds = ctx.map(field, '`resources`');
  for (const k of kinds ? ctx.fields(kinds) : []) {
    const kind: Named = { name: k.key, span: k.keySpan };
    for (const item of ctx.seq(k, `\`resources.${k.key}\``)?.items ?? []) {
      const node = ctx.deref(item);
      if (!node || !isMap(node)) {
        ctx.report(codes.typeMismatch(ctx.at(spanOf(node, kinds!)), `an entry of \`${k.key}\``, 'a mapping with a `name`'));
        continue;
      }
      const entry = readResource(ctx, kind, node);
      if (entry) out.push(entry);
    }
  }
  return out;
}

function readResource(ctx: YamlContext, kind: Named, node: YAMLMap.Parsed): ResourceEntry | undefined {
  const span = spanOf(node, node);
  const params: Field[] = [];
  let name: Named | undefined;
  let meta: Field | undefined;
  for (const f of ctx.fields(node)) {
    if (f.key === 'name') {
      const text = ctx.string(f, '`name`');
      if (text !== undefined) name = { name: text, span: f.span };
    } else if (f.key === 'meta') {
      meta = f;
    } else if (f.key === 'kind') {
      // Some Go versions wrote the kind into each resource too: it must agree with the list.
      const k = ctx.string(f, '`kind`');
      if (k !== undefined && k.toLowerCase() !== kind.name.toLowerCase()) ctx.report(codes.typeMismatch(ctx.at(f.span), '`kind`', `\`${kind.name}\`, the list it is in`));
    } else {
      params.push(f);
    }
  }
  const exported = name?.name.startsWith(EXPORT_PREFIX) === true;
  if (name && exported) name = { name: name.name.slice(EXPORT_PREFIX.length), span: name.span };
  if (!name || name.name === '') {
    ctx.report(codes.missingField(ctx.at(name?.span ?? span), `an entry of \`${kind.name}\``, 'name'));
    return undefined;
  }
  return { kind, name, exported, span, params, ...(meta ? { meta } : {}) };
}

function readNamed(ctx: YamlContext, fields: readonly Field[], key: string, what: string, parent: YAMLMap.Parsed): Named | undefined {
  const f = fields.find((x) => x.key === key);
  const text = f ? ctx.string(f, `\`${key}\` of ${what}`) : undefined;
  if (f && text) return { name: text, span: f.span };
  // A value of the wrong type was reported as such already.
  if (!f || f.node === null || isScalar(f.node)) ctx.report(codes.missingField(ctx.at(f?.span ?? spanOf(parent, parent)), what, key));
  return undefined;
}

function checkKeys(ctx: YamlContext, fields: readonly Field[], known: readonly string[], where: string): void {
  for (const f of fields) if (!known.includes(f.key)) ctx.report(codes.unknownField(ctx.at(f.keySpan), where, f.key, closest(f.key, known), known));
}

function readEnd(ctx: YamlContext, f: Field | undefined, edge: YAMLMap.Parsed, key: 'from' | 'to'): EdgeEnd | undefined {
  if (!f) {
    ctx.report(codes.missingField(ctx.at(spanOf(edge, edge)), 'an edge', key));
    return undefined;
  }
  const map = ctx.map(f, `\`${key}\` of an edge`);
  if (!map) {
    if (map === null) ctx.report(codes.missingField(ctx.at(f.span), `\`${key}\` of an edge`, 'kind'));
    return undefined;
  }
  const fields = ctx.fields(map);
  checkKeys(ctx, fields, EDGE_END, `\`${key}\` of an edge`);
  const kind = readNamed(ctx, fields, 'kind', `\`${key}\` of an edge`, map);
  const name = readNamed(ctx, fields, 'name', `\`${key}\` of an edge`, map);
  // yaml.v2 kinds were case-insensitive here (`kind: Exec`), as in the Go mgmt's lookup.
  return kind && name ? { kind: { name: kind.name.toLowerCase(), span: kind.span }, name } : undefined;
}

function readEdge(ctx: YamlContext, node: ParsedNode | null, parent: Field): EdgeEntry | undefined {
  if (!node || !isMap(node)) {
    ctx.report(codes.typeMismatch(ctx.at(node ? spanOf(node, node) : parent.span), 'an edge', 'a mapping with `from` and `to`'));
    return undefined;
  }
  const fields = ctx.fields(node);
  checkKeys(ctx, fields, EDGE, 'an edge');
  const from = readEnd(ctx, fields.find((f) => f.key === 'from'), node, 'from');
  const to = readEnd(ctx, fields.find((f) => f.key === 'to'), node, 'to');
  const notifyField = fields.find((f) => f.key === 'notify');
  const notify = notifyField ? ctx.value(notifyField) : false;
  if (notify !== undefined && typeof notify !== 'boolean') {
    ctx.report(codes.typeMismatch(ctx.at(notifyField!.span), '`notify`', 'true or false'));
    return undefined;
  }
  return from && to ? { from, to, notify: notify === true, span: spanOf(node, node) } : undefined;
}

function readCollect(ctx: YamlContext, node: ParsedNode | null, parent: Field): CollectEntry | undefined {
  if (!node || !isMap(node)) {
    ctx.report(codes.typeMismatch(ctx.at(node ? spanOf(node, node) : parent.span), 'a `collect` entry', 'a mapping with `kind` and `pattern`'));
    return undefined;
  }
  const fields = ctx.fields(node);
  checkKeys(ctx, fields, COLLECT, 'a `collect` entry');
  const kind = readNamed(ctx, fields, 'kind', 'a `collect` entry', node);
  const p = fields.find((f) => f.key === 'pattern');
  const pattern = p ? (ctx.string(p, '`pattern`') ?? '') : '';
  if (!kind) return undefined;
  return { kind: { name: kind.name.toLowerCase(), span: kind.span }, pattern, ...(p ? { patternSpan: p.span } : {}), span: spanOf(node, node) };
}

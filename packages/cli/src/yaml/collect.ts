import { stableJson } from '@mgmt/engine';
import type { CollectedResource } from '@mgmt/lang';
import { capabilities, defaultMetaparams, type RegisteredKind, type ResourceDecl } from '@mgmt/resource';
import * as codes from './codes.js';
import type { CollectEntry } from './graph-file.js';
import { rehome } from './go-path.js';
import { checkParams } from './map-resource.js';
import type { YamlContext } from './yaml-nodes.js';

/**
 * Kinds never collected from YAML: those that run commands (`capabilities.runsCommands`).
 * Any host can export one (etcd auth only stops it from writing as another host), and the
 * format has no `where` to say whose to take.
 */
const needsWhere = (kind: RegisteredKind | undefined): boolean => kind !== undefined && capabilities(kind.definition).runsCommands;

/**
 * The resources `collect` realizes from the world's snapshot, keyed `kind[name]`: every
 * export of a collected kind (this host's own too), files re-homed under the pattern as the
 * Go mgmt did. Each is validated by its kind's schema here, whoever exported it: an invalid
 * one is an error of this graph, like a collected resource in `.mcl`. A collected resource
 * identical to one already in the graph is the same resource; a different one is a clash.
 */
export function collectResources(
  ctx: YamlContext,
  entries: readonly CollectEntry[],
  kinds: ReadonlyMap<string, RegisteredKind>,
  snapshot: readonly CollectedResource[],
  local: ReadonlyMap<string, ResourceDecl>,
  source: string,
): Map<string, ResourceDecl> {
  const byKind = new Map<string, CollectEntry>();
  for (const entry of entries) {
    if (needsWhere(kinds.get(entry.kind.name))) {
      ctx.report(codes.unsupported(ctx.at(entry.kind.span), `collecting \`${entry.kind.name}\``, `it would run whatever any host exports, and a graph file has no \`where\` to say whose; write it in .mcl: \`collect ${entry.kind.name} where $host == "…"\``));
      continue;
    }
    if (byKind.has(entry.kind.name)) ctx.report(codes.collectTwice(ctx.at(entry.kind.span), entry.kind.name));
    byKind.set(entry.kind.name, entry);
    if (entry.kind.name !== 'file' && entry.pattern !== '') {
      ctx.report(codes.dropped(ctx.at(entry.patternSpan!), `the pattern of a collected \`${entry.kind.name}\``, 'only files are re-homed under a pattern (as in the Go mgmt)'));
    }
  }
  const out = new Map<string, ResourceDecl>();
  for (const c of snapshot) {
    const entry = byKind.get(c.kind);
    const kind = kinds.get(c.kind);
    if (!entry || !kind) continue;
    const ref = `${c.kind}[${c.name}]`;
    const params: Record<string, unknown> = { ...c.params };
    if (c.kind === 'file') params['path'] = rehome(String(params['path'] ?? c.name), entry.pattern);
    const checked = checkParams(kind.definition, params);
    if ('issues' in checked) {
      const detail = checked.issues.map((i) => (i.param ? `\`${i.param}\` ${i.message}` : i.message)).join('; ');
      ctx.report(codes.collectedInvalid(ctx.at(entry.span), c, detail));
      continue;
    }
    const prior = local.get(ref) ?? out.get(ref);
    if (prior) {
      if (stableJson(prior.params) !== stableJson(checked.data)) ctx.report(codes.duplicateCollected(ctx.at(entry.span), c));
      continue;
    }
    out.set(ref, { kind: c.kind, name: c.name, params: checked.data, meta: defaultMetaparams, origin: { file: ctx.file, span: entry.span, source } });
  }
  return out;
}

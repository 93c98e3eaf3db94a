import { capabilityProblems, type Plugin } from '@mgmt/resource';
import type { LoadedPlugin } from './agent-plugins.js';

const KIND = /^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)*$/;

/** What is wrong with a freshly installed plugin's exports; empty when it can be used. */
export function pluginProblems(name: string, plugin: Plugin): string[] {
  const problems: string[] = [];
  const meta = plugin.meta as { name?: unknown; version?: unknown } | undefined;
  if (typeof meta?.name !== 'string' || typeof meta.version !== 'string') problems.push(`${name}: definePlugin() needs meta.name and meta.version (read them from package.json)`);
  if (plugin.resources.length === 0) problems.push(`${name} declares no resource kinds`);
  for (const r of plugin.resources as readonly Partial<Plugin['resources'][number]>[]) {
    const kind = typeof r?.kind === 'string' ? r.kind : undefined;
    const label = kind === undefined ? `${name}: a resource without a kind` : `${name}: kind \`${kind}\``;
    if (kind === undefined) problems.push(label);
    else if (!KIND.test(kind)) problems.push(`${label} is not a valid kind name (lowercase, digits, _ and : namespaces)`);
    if (typeof (r?.params as { shape?: unknown } | undefined)?.shape !== 'object') problems.push(`${label} has no zod object \`params\``);
    if (typeof r?.check !== 'function' || typeof r.apply !== 'function') problems.push(`${label} needs check() and apply()`);
    if (r) problems.push(...capabilityProblems(r).map((p) => `${label}: ${p}`));
  }
  return problems;
}

/** Kinds of `plugin` already provided by one of `others`, each naming both packages. */
export function kindClashes(pkg: string, plugin: Plugin, others: readonly LoadedPlugin[]): string[] {
  const clashes: string[] = [];
  for (const r of plugin.resources) {
    const owner = others.find((o) => o.plugin.resources.some((x) => x.kind === r.kind));
    if (owner) clashes.push(`kind \`${r.kind}\` of ${pkg} is already provided by ${owner.package} (${owner.source})`);
  }
  return clashes;
}

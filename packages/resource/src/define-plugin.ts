import type { AnyResource } from './define-resource.js';

/** The version of the contract this package defines; plugins record the one they built against. */
export const CONTRACT_VERSION = 1;

export interface PluginMeta {
  /** The npm package name (`@mgmt/plugin-file`, `mgmt-plugin-foo`). */
  readonly name: string;
  readonly version: string;
}

/** What a plugin package default-exports. */
export interface Plugin {
  readonly meta: PluginMeta;
  readonly contract: number;
  readonly resources: readonly AnyResource[];
}

/**
 * Declares a plugin: a package's default export. Read `meta` from package.json so the
 * name and version never drift.
 *
 * @example
 * import pkg from '../package.json' with { type: 'json' };
 * export default definePlugin({ meta: { name: pkg.name, version: pkg.version }, resources: [file] });
 */
export function definePlugin(plugin: { meta: PluginMeta; resources: readonly AnyResource[] }): Plugin {
  const seen = new Set<string>();
  for (const r of plugin.resources) {
    if (seen.has(r.kind)) throw new Error(`plugin ${plugin.meta.name} declares kind \`${r.kind}\` twice`);
    seen.add(r.kind);
  }
  return Object.freeze({ meta: plugin.meta, contract: CONTRACT_VERSION, resources: plugin.resources });
}

/** True if a value loaded from a package looks like a plugin made by `definePlugin`. */
export const isPlugin = (value: unknown): value is Plugin =>
  typeof value === 'object' &&
  value !== null &&
  'meta' in value &&
  'resources' in value &&
  Array.isArray((value as { resources: unknown }).resources);

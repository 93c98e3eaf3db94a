import type { AnyResource } from './define-resource.js';
import type { Plugin, PluginMeta } from './define-plugin.js';

/** A kind and the plugin that provides it. */
export interface RegisteredKind {
  readonly definition: AnyResource;
  readonly plugin: PluginMeta;
}

/** The kinds known to a run: the language checks against it, the engine runs from it. */
export interface KindRegistry {
  get(kind: string): RegisteredKind | undefined;
  kinds(): readonly string[];
}

/** Thrown when two plugins claim one kind: a set-up error, not a program error. */
export class DuplicateKindError extends Error {
  constructor(
    readonly kind: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(`kind \`${kind}\` is provided by both ${first} and ${second}; remove one of them`);
  }
}

/** Builds a registry from plugins, refusing a kind claimed twice. */
export function createRegistry(plugins: readonly Plugin[]): KindRegistry {
  const map = new Map<string, RegisteredKind>();
  for (const plugin of plugins) {
    for (const definition of plugin.resources) {
      const prior = map.get(definition.kind);
      if (prior) throw new DuplicateKindError(definition.kind, prior.plugin.name, plugin.meta.name);
      map.set(definition.kind, { definition, plugin: plugin.meta });
    }
  }
  return {
    get: (kind) => map.get(kind),
    kinds: () => [...map.keys()].sort(),
  };
}

/** The package a user should add for a kind nobody provides (first-party kinds by name). */
export function suggestPlugin(kind: string): string {
  const base = kind.split(':')[0] ?? kind;
  return ['file', 'exec', 'svc', 'pkg'].includes(base) ? `@mgmt/plugin-${base}` : `mgmt-plugin-${base}`;
}

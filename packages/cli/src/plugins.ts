import { CONTRACT_VERSION, createRegistry, isPlugin, type KindRegistry, type Plugin } from '@mgmt/resource';

/** First-party kinds, found with no set-up, through the same path a third-party plugin takes. */
export const DEFAULT_PLUGINS: readonly string[] = ['@mgmt/plugin-file', '@mgmt/plugin-exec'];

/** A plugin that could not be loaded: a set-up problem, reported before anything runs. */
export class PluginLoadError extends Error {}

/** Imports one plugin package by name and checks it is a plugin this agent can run. */
export async function loadPlugin(name: string): Promise<Plugin> {
  let mod: { default?: unknown };
  try {
    mod = (await import(name)) as { default?: unknown };
  } catch (err) {
    throw new PluginLoadError(`cannot load plugin ${name}: ${(err as Error).message}`);
  }
  const plugin = mod.default;
  if (!isPlugin(plugin)) throw new PluginLoadError(`${name} is not an mgmt plugin: its default export must come from definePlugin()`);
  if (plugin.contract !== CONTRACT_VERSION) {
    throw new PluginLoadError(`${name} was built for contract ${plugin.contract}; this agent speaks contract ${CONTRACT_VERSION}`);
  }
  return plugin;
}

/** Loads the named plugins into one registry, refusing a kind claimed twice. */
export async function loadRegistry(names: readonly string[] = DEFAULT_PLUGINS): Promise<KindRegistry> {
  const plugins = await Promise.all(names.map(loadPlugin));
  return createRegistry(plugins);
}

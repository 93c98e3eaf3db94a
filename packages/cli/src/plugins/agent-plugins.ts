import { createRegistry, type KindRegistry, type Plugin } from '@mgmt/resource';
import type { Settings } from '../config/settings.js';
import { DEFAULT_PLUGINS, loadPlugin } from './load-plugin.js';

/** A loaded plugin and where it came from: `first-party`, or the plugin home's path. */
export interface LoadedPlugin {
  readonly package: string;
  readonly plugin: Plugin;
  readonly source: string;
}

export const FIRST_PARTY = 'first-party';

/** The config's plugins that are not first-party (those always load, from the agent itself). */
export const configuredPlugins = (settings: Pick<Settings, 'plugins'>): string[] =>
  settings.plugins.value.filter((name) => !DEFAULT_PLUGINS.includes(name));

/**
 * The plugins an agent runs with: the first-party ones, then each plugin the config lists,
 * imported from the plugin home. Loads nothing from the home when the config lists none.
 */
export async function loadAgentPlugins(settings: Pick<Settings, 'plugins' | 'pluginHome'>, skip: readonly string[] = []): Promise<LoadedPlugin[]> {
  const home = settings.pluginHome.value;
  const firstParty = DEFAULT_PLUGINS.map(async (name) => ({ package: name, plugin: await loadPlugin(name), source: FIRST_PARTY }));
  const installed = configuredPlugins(settings)
    .filter((name) => !skip.includes(name))
    .map(async (name) => ({ package: name, plugin: await loadPlugin(name, home), source: home }));
  return Promise.all([...firstParty, ...installed]);
}

/** The agent's kind registry; a kind claimed twice is a DuplicateKindError naming both packages. */
export async function loadAgentRegistry(settings: Pick<Settings, 'plugins' | 'pluginHome'>): Promise<KindRegistry> {
  return createRegistry((await loadAgentPlugins(settings)).map((p) => p.plugin));
}

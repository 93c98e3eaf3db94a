import { CONTRACT_VERSION, isPlugin, type Plugin } from '@mgmt/resource';
import { importFromHome } from './plugin-home.js';

/** First-party kinds, found with no set-up, through the same path a third-party plugin takes. */
export const DEFAULT_PLUGINS: readonly string[] = ['@mgmt/plugin-file', '@mgmt/plugin-exec', '@mgmt/plugin-svc', '@mgmt/plugin-pkg'];

/** A plugin that could not be loaded: a set-up problem, reported before anything runs. */
export class PluginLoadError extends Error {}

/** Checks that a module's default export is a plugin this agent can run. */
export function asPlugin(name: string, mod: { default?: unknown }): Plugin {
  const plugin = mod.default;
  if (!isPlugin(plugin)) throw new PluginLoadError(`${name} is not an mgmt plugin: its default export must come from definePlugin()`);
  if (plugin.contract !== CONTRACT_VERSION) {
    throw new PluginLoadError(`${name} was built for contract ${plugin.contract}; this agent speaks contract ${CONTRACT_VERSION}`);
  }
  return plugin;
}

/**
 * Imports one plugin package and checks it is a plugin this agent can run: by name from the
 * agent's own dependencies, or, given `home`, from that plugin home's node_modules.
 */
export async function loadPlugin(name: string, home?: string): Promise<Plugin> {
  let mod: { default?: unknown };
  try {
    mod = (home === undefined ? await import(name) : await importFromHome(home, name)) as { default?: unknown };
  } catch (err) {
    const where = home === undefined ? '' : ` from the plugin home ${home}`;
    const hint = home !== undefined && (err as { code?: string }).code === 'MODULE_NOT_FOUND' ? ` (run \`mgmt plugin add ${name}\`)` : '';
    throw new PluginLoadError(`cannot load plugin ${name}${where}: ${(err as Error).message.split('\n')[0]}${hint}`);
  }
  return asPlugin(name, mod);
}

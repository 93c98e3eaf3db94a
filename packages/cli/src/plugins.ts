import { createRegistry, type KindRegistry } from '@mgmt/resource';
import { agentSettings } from './config/context.js';
import { loadAgentRegistry } from './plugins/agent-plugins.js';
import { loadPlugin } from './plugins/load-plugin.js';

export { DEFAULT_PLUGINS, PluginLoadError, loadPlugin } from './plugins/load-plugin.js';

/**
 * Loads plugins into one registry, refusing a kind claimed twice: the named packages, or by
 * default the agent's plugins (first-party, then the config's plugins from the plugin home).
 */
export async function loadRegistry(names?: readonly string[]): Promise<KindRegistry> {
  if (names === undefined) return loadAgentRegistry(await agentSettings());
  return createRegistry(await Promise.all(names.map((name) => loadPlugin(name))));
}

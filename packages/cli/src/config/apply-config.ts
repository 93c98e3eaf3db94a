import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { agentSettings, useConfigFile } from './context.js';

/** Options a config file (or the environment) may fill in when the command line did not. */
const FILLED = ['hostname', 'logFormat', 'seeds', 'etcdPrefix', 'etcdCa', 'etcdCert', 'etcdKey', 'stateDir'] as const;

/**
 * The root command's `preAction` hook: selects the `--config` file, then gives each option of
 * the command about to run that the user did not pass its value from the environment or the
 * config file. Flags always win; commander's own defaults lose.
 */
export async function applyConfig(root: CommandUnknownOpts, action: CommandUnknownOpts): Promise<void> {
  const file = root.opts()['config'];
  useConfigFile(typeof file === 'string' ? file : undefined);
  if (action.name() === 'config') return; // `mgmt config` reports flags itself
  const names = new Set(action.options.map((o) => o.attributeName()));
  if (!FILLED.some((k) => names.has(k))) return;
  const settings = await agentSettings();
  for (const key of FILLED) {
    const source = action.getOptionValueSource(key);
    if (!names.has(key) || (source !== undefined && source !== 'default')) continue;
    const setting = settings[key];
    if (setting.source === 'default' || setting.value === undefined) continue;
    action.setOptionValueWithSource(key, setting.value, setting.source.startsWith('env') ? 'env' : 'config');
  }
}

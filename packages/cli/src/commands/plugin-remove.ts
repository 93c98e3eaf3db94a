import { agentConfig } from '../config/context.js';
import { removePluginFromConfig } from '../config/edit-config.js';
import { resolveSettings } from '../config/settings.js';
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { DEFAULT_PLUGINS } from '../plugins/load-plugin.js';
import { homeDependencies, npm } from '../plugins/plugin-home.js';
import type { PluginHomeFlags } from './plugin-add.js';

/** `mgmt plugin remove NAME`: npm uninstalls it from the plugin home and the config drops it. */
export async function pluginRemoveCommand(name: string, flags: PluginHomeFlags): Promise<number> {
  if (DEFAULT_PLUGINS.includes(name)) {
    process.stderr.write(`error: ${name} is first-party and always loaded; it cannot be removed\n`);
    return EXIT_INVALID;
  }
  const loaded = await agentConfig();
  const settings = resolveSettings(loaded, flags);
  const home = settings.pluginHome.value;
  const installed = name in homeDependencies(home);
  const listed = settings.plugins.value.includes(name);
  if (!installed && !listed) {
    process.stderr.write(`error: ${name} is neither installed in the plugin home ${home} nor listed in the config\n`);
    return EXIT_INVALID;
  }
  if (installed) {
    const result = await npm(home, ['uninstall', '--no-audit', '--no-fund', name]);
    if (result.code !== 0) {
      process.stderr.write(`${result.output.trimEnd()}\nerror: npm could not uninstall ${name} from ${home}\n`);
      return EXIT_FAILED;
    }
    process.stdout.write(`removed ${name} from the plugin home ${home}\n`);
  }
  const edit = await removePluginFromConfig(loaded, name);
  if (edit.kind === 'manual') process.stdout.write(`to stop loading it, ${edit.instruction}\n`);
  else if (edit.kind === 'edited') process.stdout.write(`edited ${edit.file}: plugins -= ${JSON.stringify(name)}\n`);
  return EXIT_OK;
}

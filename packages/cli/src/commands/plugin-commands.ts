import { Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { configCommand } from './config.js';
import { pluginAddCommand } from './plugin-add.js';
import { pluginListCommand } from './plugin-list.js';
import { pluginNewCommand } from './plugin-new.js';
import { pluginRemoveCommand } from './plugin-remove.js';

const homeOption = () => new Option('--plugin-home <dir>', 'the plugin home (default: $MGMT_PLUGIN_HOME, the config, .mgmt/plugins beside the config file, ~/.local/share/mgmt/plugins)');
const seedList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

/** Adds `mgmt plugin add|list|remove|new` and `mgmt config`; each action stores its exit status in `status`. */
export function registerPluginCommands(cli: CommandUnknownOpts, status: { code: number }): void {
  const plugin = cli.command('plugin').description('add, list, remove and scaffold resource-kind plugins');
  plugin
    .command('add')
    .description('install a plugin into the plugin home with npm, verify its kinds, record it in the config')
    .argument('<spec>', 'an npm name with an optional range (mgmt-plugin-x@^1), a folder, or a tarball')
    .addOption(homeOption())
    .action(async (spec, flags) => {
      status.code = await pluginAddCommand(spec, flags);
    });
  plugin
    .command('list')
    .description('the kinds the agent runs with: kind, package, version, source')
    .addOption(homeOption())
    .option('--json', 'print JSON')
    .action(async (flags) => {
      status.code = await pluginListCommand(flags);
    });
  plugin
    .command('remove')
    .description('uninstall a plugin from the plugin home and drop it from the config')
    .argument('<name>', 'the package name')
    .addOption(homeOption())
    .action(async (name, flags) => {
      status.code = await pluginRemoveCommand(name, flags);
    });
  plugin
    .command('new')
    .description('scaffold a plugin package: a tiny kind, a passing test, a README')
    .argument('<name>', 'hello, mgmt-plugin-hello or @scope/mgmt-plugin-hello')
    .option('--dir <dir>', 'where to create the package folder (default: the cwd)')
    .option('--kind <kind>', 'the kind name (default: from the package name)')
    .action(async (name, flags) => {
      status.code = await pluginNewCommand(name, flags);
    });

  cli
    .command('config')
    .description('print the effective configuration and where each value came from')
    .option('--hostname <name>', 'as `mgmt run --hostname`')
    .addOption(new Option('--log-format <format>', 'as `mgmt run --log-format`').choices(['text', 'json'] as const))
    .option('--seeds <urls>', 'comma-separated etcd URLs', seedList)
    .option('--state-dir <dir>', "the agent's state dir")
    .addOption(homeOption())
    .option('--json', 'print JSON')
    .action(async (flags) => {
      status.code = await configCommand(flags);
    });
}

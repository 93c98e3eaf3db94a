import { capabilities, type Capabilities } from '@mgmt/resource';
import { agentConfig } from '../config/context.js';
import { resolveSettings } from '../config/settings.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { configuredPlugins, FIRST_PARTY } from '../plugins/agent-plugins.js';
import { capabilityNames } from '../plugins/capability-names.js';
import { DEFAULT_PLUGINS, loadPlugin, PluginLoadError } from '../plugins/load-plugin.js';
import { installSource } from '../plugins/plugin-home.js';
import type { PluginHomeFlags } from './plugin-add.js';

interface Row {
  kind: string;
  package: string;
  version: string;
  /** `first-party`, or how npm installed it into the home: `registry`, `folder`, `tarball`, `git`, `url`. */
  source: string;
  /** The plugin home it was loaded from (not for first-party plugins). */
  home?: string;
  capabilities?: Capabilities;
  /** `capabilities` in words, for the table. */
  caps: string;
  error?: string;
}

type Column = 'kind' | 'package' | 'version' | 'source';

/** `mgmt plugin list`: one line per kind the agent runs with: kind, package, version, source, capabilities. */
export async function pluginListCommand(flags: PluginHomeFlags & { json?: boolean }): Promise<number> {
  const settings = resolveSettings(await agentConfig(), flags);
  const home = settings.pluginHome.value;
  const wanted = [...DEFAULT_PLUGINS.map((name) => ({ name, from: undefined })), ...configuredPlugins(settings).map((name) => ({ name, from: home }))];
  const rows: Row[] = [];
  for (const { name, from } of wanted) {
    const where = from === undefined ? { source: FIRST_PARTY } : { source: installSource(from, name), home: from };
    try {
      const plugin = await loadPlugin(name, from);
      for (const r of plugin.resources) {
        rows.push({ kind: r.kind, package: name, version: plugin.meta.version, ...where, capabilities: capabilities(r), caps: capabilityNames(r).join(', ') });
      }
    } catch (err) {
      if (!(err instanceof PluginLoadError)) throw err;
      rows.push({ kind: '?', package: name, version: '?', ...where, caps: '?', error: err.message });
    }
  }
  if (flags.json) process.stdout.write(JSON.stringify(rows.map(({ caps: _, ...row }) => row), null, 2) + '\n');
  else {
    const head: Row = { kind: 'KIND', package: 'PACKAGE', version: 'VERSION', source: 'SOURCE', caps: 'CAPABILITIES' };
    const w = (k: Column) => Math.max(...[head, ...rows].map((r) => r[k].length));
    const cols: Column[] = ['kind', 'package', 'version', 'source'];
    for (const r of [head, ...rows]) process.stdout.write(`${cols.map((k) => r[k].padEnd(w(k))).join('  ')}  ${r.caps}\n`);
    process.stdout.write(`plugin home: ${home}\n`);
    for (const r of rows) if (r.error) process.stderr.write(`error: ${r.error}\n`);
  }
  return rows.some((r) => r.error) ? EXIT_FAILED : EXIT_OK;
}

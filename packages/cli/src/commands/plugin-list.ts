import { agentConfig } from '../config/context.js';
import { resolveSettings } from '../config/settings.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { configuredPlugins, FIRST_PARTY } from '../plugins/agent-plugins.js';
import { DEFAULT_PLUGINS, loadPlugin, PluginLoadError } from '../plugins/load-plugin.js';
import type { PluginHomeFlags } from './plugin-add.js';

interface Row {
  kind: string;
  package: string;
  version: string;
  source: string;
  error?: string;
}

/** `mgmt plugin list`: one line per kind the agent runs with: kind, package, version, source. */
export async function pluginListCommand(flags: PluginHomeFlags & { json?: boolean }): Promise<number> {
  const settings = resolveSettings(await agentConfig(), flags);
  const home = settings.pluginHome.value;
  const wanted = [...DEFAULT_PLUGINS.map((name) => ({ name, from: undefined })), ...configuredPlugins(settings).map((name) => ({ name, from: home }))];
  const rows: Row[] = [];
  for (const { name, from } of wanted) {
    const source = from ?? FIRST_PARTY;
    try {
      const plugin = await loadPlugin(name, from);
      for (const r of plugin.resources) rows.push({ kind: r.kind, package: name, version: plugin.meta.version, source });
    } catch (err) {
      if (!(err instanceof PluginLoadError)) throw err;
      rows.push({ kind: '?', package: name, version: '?', source, error: err.message });
    }
  }
  if (flags.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else {
    const head: Row = { kind: 'KIND', package: 'PACKAGE', version: 'VERSION', source: 'SOURCE' };
    const w = (k: 'kind' | 'package' | 'version') => Math.max(...[head, ...rows].map((r) => r[k].length));
    for (const r of [head, ...rows]) {
      process.stdout.write(`${r.kind.padEnd(w('kind'))}  ${r.package.padEnd(w('package'))}  ${r.version.padEnd(w('version'))}  ${r.source}\n`);
    }
    for (const r of rows) if (r.error) process.stderr.write(`error: ${r.error}\n`);
  }
  return rows.some((r) => r.error) ? EXIT_FAILED : EXIT_OK;
}

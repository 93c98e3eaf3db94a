import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from './load-config.js';
import type { PluginEntry } from './schema.js';

/** What happened to the config file when a plugin was recorded or dropped. */
export type ConfigEdit =
  | { readonly kind: 'created' | 'edited' | 'unchanged'; readonly file: string }
  | { readonly kind: 'manual'; readonly file: string; readonly instruction: string };

/** The file `mgmt plugin add` creates when there is no config file yet. */
export const NEW_CONFIG_NAME = 'mgmtrc.json';

type Json = Record<string, unknown>;

const indentOf = (text: string): string => /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';

/** Reads a JSON config for editing: the object that holds `plugins` and a writer. */
async function openJson(loaded: LoadedConfig & { filepath: string }) {
  const text = await readFile(loaded.filepath, 'utf8');
  const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  const target = loaded.format === 'package' ? ((doc['mgmt'] ??= {}) as Json) : doc;
  const save = () => writeFile(loaded.filepath, JSON.stringify(doc, null, indentOf(text)) + (text.endsWith('\n') ? '\n' : ''));
  return { target, save };
}

const editable = (loaded: LoadedConfig): loaded is LoadedConfig & { filepath: string } =>
  loaded.filepath !== undefined && (loaded.format === 'json' || loaded.format === 'package');

const mentions = (entries: readonly PluginEntry[], name: string): boolean =>
  entries.some((e) => e === name || (Array.isArray(e) && mentions(e as readonly PluginEntry[], name)));

/**
 * Records a plugin in the config's `plugins` list. JSON configs (and package.json#mgmt) are
 * edited in place; without a config file, `mgmtrc.json` is created in `cwd` (with `extra`
 * keys); a JS, TS or YAML config is left alone and the line to add is returned instead.
 */
export async function addPluginToConfig(loaded: LoadedConfig, name: string, cwd: string, extra: Json = {}): Promise<ConfigEdit> {
  if (loaded.filepath === undefined) {
    const file = join(cwd, NEW_CONFIG_NAME);
    await writeFile(file, JSON.stringify({ plugins: [name], ...extra }, null, 2) + '\n');
    return { kind: 'created', file };
  }
  if (!editable(loaded)) {
    return { kind: 'manual', file: loaded.filepath, instruction: `add ${JSON.stringify(name)} to the \`plugins\` list in ${loaded.filepath}` };
  }
  const { target, save } = await openJson(loaded);
  const plugins = Array.isArray(target['plugins']) ? (target['plugins'] as PluginEntry[]) : [];
  if (mentions(plugins, name)) return { kind: 'unchanged', file: loaded.filepath };
  target['plugins'] = [...plugins, name];
  await save();
  return { kind: 'edited', file: loaded.filepath };
}

/** Drops every mention of a plugin from the config's `plugins` list (nested lists too). */
export async function removePluginFromConfig(loaded: LoadedConfig, name: string): Promise<ConfigEdit> {
  if (loaded.filepath === undefined) return { kind: 'unchanged', file: '' };
  if (!editable(loaded)) {
    return { kind: 'manual', file: loaded.filepath, instruction: `remove ${JSON.stringify(name)} from the \`plugins\` list in ${loaded.filepath}` };
  }
  const { target, save } = await openJson(loaded);
  const plugins = target['plugins'];
  if (!Array.isArray(plugins) || !mentions(plugins as PluginEntry[], name)) return { kind: 'unchanged', file: loaded.filepath };
  const drop = (entries: readonly PluginEntry[]): PluginEntry[] =>
    entries.filter((e) => e !== name).map((e) => (Array.isArray(e) ? drop(e as readonly PluginEntry[]) : e));
  target['plugins'] = drop(plugins as PluginEntry[]);
  await save();
  return { kind: 'edited', file: loaded.filepath };
}

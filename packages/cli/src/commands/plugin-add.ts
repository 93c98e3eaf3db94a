import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { agentConfig } from '../config/context.js';
import { addPluginToConfig } from '../config/edit-config.js';
import { resolveSettings } from '../config/settings.js';
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { loadAgentPlugins } from '../plugins/agent-plugins.js';
import { DEFAULT_PLUGINS, loadPlugin, PluginLoadError } from '../plugins/load-plugin.js';
import { explainNpmFailure, npmLogFile } from '../plugins/npm-failure.js';
import { ensureHome, homeDependencies, homeVersion, npm } from '../plugins/plugin-home.js';
import { kindClashes, pluginProblems } from '../plugins/verify-plugin.js';

export interface PluginHomeFlags {
  pluginHome?: string;
}

/** A local folder or tarball, as npm itself tells them from registry names. */
function localPath(spec: string, cwd: string): string | undefined {
  const path = spec.startsWith('file:') ? spec.slice(5) : spec;
  const local = /^(\.{1,2}([/\\]|$)|[/\\]|~[/\\])/.test(path) || /\.(tgz|tar\.gz|tar)$/.test(path);
  if (!local) return undefined;
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(cwd, path);
}

/** The package npm installed: the dependency that is new or changed, else what the spec names. */
function installedName(spec: string, local: string | undefined, home: string, before: Record<string, string>): string | undefined {
  const after = homeDependencies(home);
  const changed = Object.keys(after).filter((k) => before[k] !== after[k]);
  if (changed.length === 1) return changed[0];
  if (local !== undefined) {
    const same = Object.keys(after).find((k) => after[k]!.startsWith('file:') && resolve(home, after[k]!.slice(5)) === local);
    if (same) return same;
    try {
      return (JSON.parse(readFileSync(join(local, 'package.json'), 'utf8')) as { name?: string }).name;
    } catch {
      return undefined;
    }
  }
  const at = spec.indexOf('@', 1);
  return at === -1 ? spec : spec.slice(0, at);
}

/** npm's failure as `error:`/`hint:` lines; for a range that matched nothing, with the versions there are. */
async function npmFailureText(output: string, spec: string, home: string): Promise<string> {
  let versions: string[] | undefined;
  if (/^npm error code ETARGET/m.test(output)) {
    const at = spec.indexOf('@', 1);
    const view = await npm(home, ['view', '--json', at === -1 ? spec : spec.slice(0, at), 'versions']);
    try {
      // One version is printed as a string, several as a list.
      versions = view.code === 0 ? ([] as string[]).concat(JSON.parse(view.stdout) as string | string[]) : undefined;
    } catch {
      versions = undefined;
    }
  }
  const failure = explainNpmFailure(output, spec, versions);
  const log = npmLogFile(output);
  return [`error: ${failure.message}`, failure.hint && `hint: ${failure.hint}`, `nothing was installed into ${home}${log ? ` (npm's log: ${log})` : ''}`].filter(Boolean).join('\n') + '\n';
}

/** Puts the home back as it was before a refused install. */
async function rollback(home: string, name: string, before: Record<string, string>, saved: Map<string, string | undefined>): Promise<void> {
  if (!(name in before)) {
    await npm(home, ['uninstall', '--no-audit', '--no-fund', name]);
    return;
  }
  for (const [file, text] of saved) {
    if (text === undefined) await rm(file, { force: true });
    else await writeFile(file, text);
  }
  await npm(home, ['install', '--no-audit', '--no-fund']);
}

/**
 * `mgmt plugin add SPEC`: npm installs SPEC (a registry name with an optional range, a folder,
 * or a tarball) into the plugin home, pinning it in the home's lockfile; the package is then
 * loaded once and refused (and uninstalled) when it is not a valid plugin or one of its kinds
 * is already provided; otherwise it is recorded in the config's `plugins`.
 */
export async function pluginAddCommand(spec: string, flags: PluginHomeFlags): Promise<number> {
  const cwd = process.cwd();
  const loaded = await agentConfig();
  const settings = resolveSettings(loaded, flags);
  const home = settings.pluginHome.value;
  await ensureHome(home);

  const before = homeDependencies(home);
  const saved = new Map<string, string | undefined>();
  for (const f of ['package.json', 'package-lock.json']) saved.set(join(home, f), await readFile(join(home, f), 'utf8').catch(() => undefined));
  const local = localPath(spec, cwd);
  if (local !== undefined && !existsSync(local)) {
    process.stderr.write(`error: ${local} does not exist\n`);
    return EXIT_INVALID;
  }
  const installed = await npm(home, ['install', '--save-exact', '--no-audit', '--no-fund', local ?? spec]);
  if (installed.code !== 0) {
    process.stderr.write(await npmFailureText(installed.output, spec, home));
    return EXIT_FAILED;
  }
  const name = installedName(spec, local, home, before);
  if (name === undefined) {
    process.stderr.write(`error: cannot tell which package npm installed for ${spec}\n`);
    return EXIT_FAILED;
  }

  let problems: string[];
  let kinds: string[] = [];
  try {
    if (DEFAULT_PLUGINS.includes(name)) throw new PluginLoadError(`${name} is first-party: it is always loaded, no \`plugin add\` needed`);
    const plugin = await loadPlugin(name, home);
    kinds = plugin.resources.map((r) => r.kind);
    problems = pluginProblems(name, plugin);
    if (!problems.length) problems = kindClashes(name, plugin, await loadAgentPlugins(settings, [name]));
  } catch (err) {
    if (!(err instanceof PluginLoadError)) throw err;
    problems = [err.message];
  }
  if (problems.length) {
    await rollback(home, name, before, saved);
    process.stderr.write(problems.map((p) => `error: ${p}\n`).join('') + `${name} was not added (npm's install in ${home} was undone)\n`);
    return EXIT_INVALID;
  }

  const fromEnv = settings.pluginHome.source.startsWith('env');
  const edit = await addPluginToConfig(loaded, name, cwd, fromEnv || loaded.filepath ? {} : { pluginHome: home });
  process.stdout.write(`added ${name}@${homeVersion(home, name) ?? '?'} (kinds: ${kinds.join(', ')}) to the plugin home ${home}\n`);
  if (edit.kind === 'manual') process.stdout.write(`to load it, ${edit.instruction}\n`);
  else if (edit.kind !== 'unchanged') process.stdout.write(`${edit.kind} ${edit.file}: plugins += ${JSON.stringify(name)}\n`);
  return EXIT_OK;
}

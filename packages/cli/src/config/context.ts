import { loadConfig, type LoadedConfig } from './load-config.js';
import { resolveSettings, type SettingFlags, type Settings } from './settings.js';

// The config of this process, chosen once by the global `--config FILE` option (or found by
// searching from the cwd) and shared by every command, so a command never re-reads it.
let file: string | undefined;
let loaded: Promise<LoadedConfig> | undefined;

/** Selects the config file for this process (undefined: search from the cwd). */
export function useConfigFile(path: string | undefined): void {
  file = path;
  loaded = undefined;
}

/** The agent's config, loaded on first use. */
export const agentConfig = (): Promise<LoadedConfig> => (loaded ??= loadConfig(file === undefined ? {} : { file }));

/** The effective settings: these flags over the environment over the config file. */
export async function agentSettings(flags: SettingFlags = {}): Promise<Settings> {
  return resolveSettings(await agentConfig(), flags);
}

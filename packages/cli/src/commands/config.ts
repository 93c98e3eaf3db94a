import { agentConfig } from '../config/context.js';
import { resolveSettings, type SettingFlags, type Settings } from '../config/settings.js';
import { EXIT_OK } from '../exit-codes.js';

export interface ConfigFlags extends SettingFlags {
  json?: boolean;
}

const show = (value: unknown): string => (value === undefined ? '(not set)' : typeof value === 'string' ? value : JSON.stringify(value));

/** `mgmt config`: every effective setting, and where it came from (default, env, config file, flag). */
export async function configCommand(flags: ConfigFlags): Promise<number> {
  const loaded = await agentConfig();
  const { json, ...settingFlags } = flags;
  const resolved: Settings = resolveSettings(loaded, settingFlags);
  // Whether a password is set, and where from, is worth showing; the password is not.
  const { etcdPassword } = resolved;
  const settings = { ...resolved, etcdPassword: etcdPassword.value === undefined ? etcdPassword : { ...etcdPassword, value: '(set, not shown)' } };
  if (json) {
    process.stdout.write(JSON.stringify({ file: loaded.filepath ?? null, settings }, null, 2) + '\n');
    return EXIT_OK;
  }
  process.stdout.write(`config file: ${loaded.filepath ?? '(none found)'}\n`);
  const entries = Object.entries(settings) as [string, { value: unknown; source: string }][];
  const keyWidth = Math.max(...entries.map(([k]) => k.length));
  const valueWidth = Math.max(...entries.map(([, s]) => show(s.value).length));
  for (const [key, s] of entries) process.stdout.write(`${key.padEnd(keyWidth)}  ${show(s.value).padEnd(valueWidth)}  ${s.source}\n`);
  return EXIT_OK;
}

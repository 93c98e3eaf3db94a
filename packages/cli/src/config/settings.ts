import { homedir, hostname as osHostname } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { configInvalidValue } from './codes.js';
import { ConfigError } from './config-error.js';
import type { LoadedConfig } from './load-config.js';
import { flattenPlugins } from './schema.js';

/** One effective value and where it came from: `default`, `env: NAME`, `config: FILE`, `flag`. */
export interface Setting<T> {
  readonly value: T;
  readonly source: string;
}

export type LogFormatSetting = 'text' | 'json';

export interface Settings {
  readonly hostname: Setting<string>;
  readonly logFormat: Setting<LogFormatSetting>;
  readonly seeds: Setting<readonly string[]>;
  readonly etcdPrefix: Setting<string>;
  readonly etcdCa: Setting<string | undefined>;
  readonly etcdCert: Setting<string | undefined>;
  readonly etcdKey: Setting<string | undefined>;
  readonly etcdUser: Setting<string | undefined>;
  /** Never printed: `mgmt config` shows only whether it is set. */
  readonly etcdPassword: Setting<string | undefined>;
  readonly stateDir: Setting<string | undefined>;
  readonly pluginHome: Setting<string>;
  readonly plugins: Setting<readonly string[]>;
}

/** Values given on the command line; they win over everything else. */
export interface SettingFlags {
  readonly hostname?: string | undefined;
  readonly logFormat?: LogFormatSetting | undefined;
  readonly seeds?: readonly string[] | undefined;
  readonly etcdPrefix?: string | undefined;
  readonly etcdCa?: string | undefined;
  readonly etcdCert?: string | undefined;
  readonly etcdKey?: string | undefined;
  readonly stateDir?: string | undefined;
  readonly pluginHome?: string | undefined;
}

/** The environment variables read, by setting. */
export const ENV = {
  hostname: 'MGMT_HOSTNAME',
  logFormat: 'MGMT_LOG_FORMAT',
  seeds: 'MGMT_SEEDS',
  etcdPrefix: 'MGMT_ETCD_PREFIX',
  etcdCa: 'MGMT_ETCD_CA',
  etcdCert: 'MGMT_ETCD_CERT',
  etcdKey: 'MGMT_ETCD_KEY',
  etcdUser: 'MGMT_ETCD_USER',
  etcdPassword: 'MGMT_ETCD_PASSWORD',
  stateDir: 'MGMT_STATE_DIR',
  pluginHome: 'MGMT_PLUGIN_HOME',
} as const;

/** `~/.local/share/mgmt` (or `$XDG_DATA_HOME/mgmt`): where per-user agent data lives. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_DATA_HOME'];
  return xdg && isAbsolute(xdg) ? join(xdg, 'mgmt') : join(homedir(), '.local', 'share', 'mgmt');
}

/**
 * `~/.local/state/mgmt` (or `$XDG_STATE_HOME/mgmt`): where per-user agent state lives when no
 * state dir is set (the data of an `--etcd-spawn`ed etcd).
 */
export function userStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_STATE_HOME'];
  return xdg && isAbsolute(xdg) ? join(xdg, 'mgmt') : join(homedir(), '.local', 'state', 'mgmt');
}

/** Where a fleet's keys live in etcd unless set otherwise (one prefix per fleet). */
export const DEFAULT_ETCD_PREFIX = '/mgmt';

const splitList = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The effective configuration: flags > environment > config file > defaults. Relative paths in
 * a config file are relative to that file; the plugin home defaults to `.mgmt/plugins` beside
 * the config file when one was found, else beside an explicitly set state dir, else to
 * `~/.local/share/mgmt/plugins`.
 */
export function resolveSettings(loaded: LoadedConfig, flags: SettingFlags = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const { config, filepath } = loaded;
  const fromConfig = `config: ${filepath}`;
  const base = filepath ? dirname(filepath) : process.cwd();
  function pick<T>(flag: T | undefined, envName: string, envValue: ((s: string) => T) | undefined, conf: T | undefined, fallback: T): Setting<T> {
    if (flag !== undefined) return { value: flag, source: 'flag' };
    const e = env[envName];
    if (e && envValue) return { value: envValue(e), source: `env: ${envName}` };
    if (conf !== undefined) return { value: conf, source: fromConfig };
    return { value: fallback, source: 'default' };
  }
  const logFormat = (s: string): LogFormatSetting => {
    if (s === 'text' || s === 'json') return s;
    throw new ConfigError([configInvalidValue(undefined, ENV.logFormat, `expected "text" or "json", got ${JSON.stringify(s)}`)]);
  };
  const path = (p: string | undefined) => (p === undefined ? undefined : resolve(base, p));

  const etcd = config.etcd ?? {};
  const stateDir = pick<string | undefined>(flags.stateDir, ENV.stateDir, (s) => resolve(s), path(config.stateDir), undefined);
  let pluginHome = pick<string | undefined>(flags.pluginHome, ENV.pluginHome, (s) => resolve(s), path(config.pluginHome), undefined);
  if (pluginHome.value === undefined) {
    if (filepath) pluginHome = { value: join(base, '.mgmt', 'plugins'), source: `${fromConfig} (project-local)` };
    else if (stateDir.value !== undefined) pluginHome = { value: join(stateDir.value, 'plugins'), source: `${stateDir.source} (beside the state dir)` };
    else pluginHome = { value: join(userDataDir(env), 'plugins'), source: 'default' };
  }
  return {
    hostname: pick(flags.hostname, ENV.hostname, (s) => s, config.hostname, osHostname()),
    logFormat: pick(flags.logFormat, ENV.logFormat, logFormat, config.logFormat, 'text'),
    seeds: pick<readonly string[]>(flags.seeds, ENV.seeds, splitList, config.seeds, []),
    etcdPrefix: pick(flags.etcdPrefix, ENV.etcdPrefix, (s) => s, etcd.prefix, DEFAULT_ETCD_PREFIX),
    etcdCa: pick<string | undefined>(flags.etcdCa, ENV.etcdCa, (s) => resolve(s), path(etcd.ca), undefined),
    etcdCert: pick<string | undefined>(flags.etcdCert, ENV.etcdCert, (s) => resolve(s), path(etcd.cert), undefined),
    etcdKey: pick<string | undefined>(flags.etcdKey, ENV.etcdKey, (s) => resolve(s), path(etcd.key), undefined),
    etcdUser: pick<string | undefined>(undefined, ENV.etcdUser, (s) => s, etcd.user, undefined),
    etcdPassword: pick<string | undefined>(undefined, ENV.etcdPassword, (s) => s, etcd.password, undefined),
    stateDir,
    pluginHome: pluginHome as Setting<string>,
    plugins: config.plugins === undefined ? { value: [], source: 'default' } : { value: flattenPlugins(config.plugins), source: fromConfig },
  };
}

import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cosmiconfig, defaultLoaders, type Loader } from 'cosmiconfig';
import type { Diagnostic, Span } from '@mgmt/resource';
import { configInvalidValue, configLoadFailed, configNotFound, configSyntax, configUnknownKey } from './codes.js';
import { ConfigError } from './config-error.js';
import { moduleSyntaxError } from './module-positions.js';
import { JsonSyntaxError, pathKey, scanJson, type JsonSpans } from './json-positions.js';
import { scanYaml } from './yaml-positions.js';
import { configSchema, type MgmtConfig } from './schema.js';

/** Where cosmiconfig looks, in each directory from the cwd up to the nearest package.json. */
export const SEARCH_PLACES: readonly string[] = [
  'package.json',
  'mgmtrc.json',
  '.mgmtrc',
  '.mgmtrc.json',
  '.mgmtrc.yaml',
  '.mgmtrc.yml',
  '.mgmtrc.js',
  '.mgmtrc.mjs',
  '.mgmtrc.cjs',
  '.mgmtrc.ts',
  'mgmt.config.ts',
  'mgmt.config.mjs',
  'mgmt.config.js',
  'mgmt.config.cjs',
  'mgmt.config.json',
];

/** How a config file is written, which decides whether `mgmt plugin add` can edit it. */
export type ConfigFormat = 'json' | 'package' | 'yaml' | 'module';

export interface LoadedConfig {
  readonly config: MgmtConfig;
  /** Absolute path of the file the config came from; undefined when none was found. */
  readonly filepath?: string;
  readonly format?: ConfigFormat;
}

export interface LoadConfigOptions {
  /** Where the search starts (default: the process cwd). */
  readonly cwd?: string;
  /** An explicit file (`--config FILE`): no search. */
  readonly file?: string;
}

/** A path as the user should read it: relative to the cwd when inside it. */
export const displayPath = (file: string, cwd: string = process.cwd()): string => {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

function formatOf(filepath: string, text: string | undefined): ConfigFormat {
  if (basename(filepath) === 'package.json') return 'package';
  const ext = extname(filepath);
  if (ext === '.json') return 'json';
  if (ext === '' && text !== undefined && text.trimStart().startsWith('{')) return 'json';
  if (ext === '' || ext === '.yaml' || ext === '.yml') return 'yaml';
  return 'module';
}

/** Loads, validates and returns the agent configuration; throws ConfigError with positions. */
export async function loadConfig(opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = opts.cwd ?? process.cwd();
  const texts = new Map<string, string>();
  const show = (file: string) => displayPath(file, cwd);

  const json: Loader = (filepath, content) => {
    const text = content.replace(/^\uFEFF/, '');
    texts.set(filepath, text);
    const sources = new Map([[show(filepath), text]]);
    try {
      scanJson(text);
      return JSON.parse(text) as unknown;
    } catch (err) {
      const at = err instanceof JsonSyntaxError ? { start: err.offset, end: err.offset + 1 } : undefined;
      throw new ConfigError([configSyntax(show(filepath), (err as Error).message, at)], sources);
    }
  };
  const yaml: Loader = async (filepath, content) => {
    texts.set(filepath, content);
    try {
      return await defaultLoaders['.yaml'](filepath, content);
    } catch (err) {
      const mark = (err as { mark?: { position?: number } }).mark;
      const at = typeof mark?.position === 'number' ? { start: mark.position, end: mark.position + 1 } : undefined;
      const reason = (err as { reason?: string }).reason ?? (err as Error).message;
      throw new ConfigError([configSyntax(show(filepath), reason, at)], new Map([[show(filepath), content]]));
    }
  };
  const noExt: Loader = (filepath, content) => (content.trimStart().startsWith('{') ? json(filepath, content) : yaml(filepath, content));
  const module = (load: Loader): Loader => async (filepath, content) => {
    try {
      return await load(filepath, content);
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      const syntax = await moduleSyntaxError(err, filepath, content);
      if (syntax) throw new ConfigError([configSyntax(show(filepath), syntax.message, syntax.span)], new Map([[show(filepath), content]]));
      throw new ConfigError([configLoadFailed(show(filepath), (err as Error).message.split('\n')[0] ?? String(err))]);
    }
  };
  // Not cosmiconfig's JS loader: when import() fails it retries with require(), whose error
  // (on node 20.19+, "Cannot require() ES Module … not yet fully loaded") then hides the real one.
  const js: Loader = async (filepath) => ((await import(pathToFileURL(await realpath(filepath)).href)) as { default?: unknown }).default;
  const ts: Loader = async (filepath) => {
    const { createJiti } = await import('jiti');
    return createJiti(import.meta.url, { moduleCache: false }).import(filepath, { default: true });
  };

  const explorer = cosmiconfig('mgmt', {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'project',
    cache: false,
    loaders: {
      '.json': json,
      '.yaml': yaml,
      '.yml': yaml,
      noExt,
      '.ts': module(ts),
      '.js': module(js),
      '.mjs': module(js),
      '.cjs': module(js),
    },
  });

  let result;
  if (opts.file !== undefined) {
    const file = resolve(cwd, opts.file);
    if (!existsSync(file)) throw new ConfigError([configNotFound(opts.file)]);
    result = await explorer.load(file);
  } else {
    result = await explorer.search(cwd);
  }
  if (!result) return { config: {} };
  const { filepath } = result;
  const format = formatOf(filepath, texts.get(filepath));
  const raw: unknown = result.isEmpty || result.config === undefined ? {} : result.config;
  return { config: validate(raw, filepath, format, texts.get(filepath), show(filepath)), filepath, format };
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly errors?: readonly (readonly Issue[])[];
}

/** The path of the innermost failure: a union (the `plugins` entries) reports the entry, not the list. */
function deepestPath(issue: Issue): readonly PropertyKey[] {
  let best = issue.path;
  for (const option of issue.code === 'invalid_union' ? (issue.errors ?? []) : []) {
    for (const sub of option) {
      const path = [...issue.path, ...deepestPath(sub)];
      if (path.length > best.length) best = path;
    }
  }
  return best;
}

/** Checks a loaded config against the schema; every problem names the file and the key. */
export function validate(raw: unknown, filepath: string, format: ConfigFormat, text: string | undefined, shown: string = filepath): MgmtConfig {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const prefix = format === 'package' ? ['mgmt'] : [];
  let spans: Map<string, JsonSpans> | undefined;
  if (text !== undefined && (format === 'json' || format === 'package')) spans = scanJson(text);
  if (text !== undefined && format === 'yaml') spans = scanYaml(text);
  /** The key (or list item) of `path`, else of its nearest placed parent: a YAML flow list is placed as a whole. */
  const spanOf = (path: readonly PropertyKey[]): Span | undefined => {
    const full = [...prefix, ...path].map((p) => (typeof p === 'number' ? p : String(p)));
    for (let n = full.length; n > 0; n--) {
      const at = spans?.get(pathKey(full.slice(0, n)));
      if (at) return at.key ?? at.value;
    }
    return undefined;
  };
  const name = (path: readonly PropertyKey[]) => [...prefix, ...path].map(String).join('.') || '(the config)';
  const diagnostics: Diagnostic[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) diagnostics.push(configUnknownKey(shown, name([...issue.path, key]), spanOf([...issue.path, key])));
      continue;
    }
    const path = deepestPath(issue);
    const expected =
      path[0] === 'plugins' && path.length > 1
        ? 'expected a package name, false or null, or a list of them'
        : issue.message.replace(/^Invalid input: /, '');
    diagnostics.push(configInvalidValue(shown, name(path), expected, spanOf(path)));
  }
  diagnostics.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  throw new ConfigError(diagnostics, new Map(text === undefined ? [] : [[shown, text]]));
}

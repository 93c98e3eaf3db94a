import { z } from '@mgmt/resource';

/** A `plugins` entry: a package name; falsy entries are ignored and nested lists flattened (vite). */
export type PluginEntry = string | false | null | undefined | readonly PluginEntry[];

const pluginEntry: z.ZodType<PluginEntry> = z.lazy(() =>
  z.union([z.string(), z.literal(false), z.null(), z.undefined(), z.array(pluginEntry)]),
);

/**
 * How the agent reaches etcd when `seeds` are given. The password may sit here (keep the file
 * 0600) or in `MGMT_ETCD_PASSWORD`; there is no flag for it, since a flag shows in `ps`.
 */
const etcdSchema = z.strictObject({
  prefix: z.string().regex(/^\//, 'must start with /').optional(),
  ca: z.string().min(1).optional(),
  cert: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
});

/** The agent configuration a config file may hold. Unknown keys are errors. */
export const configSchema = z.strictObject({
  plugins: z.array(pluginEntry).optional(),
  pluginHome: z.string().min(1).optional(),
  hostname: z.string().min(1).optional(),
  seeds: z.array(z.string().min(1)).optional(),
  etcd: etcdSchema.optional(),
  stateDir: z.string().min(1).optional(),
  logFormat: z.enum(['text', 'json']).optional(),
});

export type MgmtConfig = z.output<typeof configSchema>;

export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);

/** The package names of a `plugins` list: flattened, falsy entries dropped, duplicates once. */
export function flattenPlugins(entries: readonly PluginEntry[] | undefined): string[] {
  const out: string[] = [];
  const walk = (e: PluginEntry): void => {
    if (Array.isArray(e)) (e as readonly PluginEntry[]).forEach(walk);
    else if (typeof e === 'string' && e && !out.includes(e)) out.push(e);
  };
  (entries ?? []).forEach(walk);
  return out;
}

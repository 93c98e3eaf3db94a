import { converged, createRegistry, definePlugin, defineResource, z, type KindRegistry } from '@mgmt/resource';
import { fakeResource, testPlugin } from '@mgmt/resource/testing';

/** A file-like kind: `File["…"]` refs, an identity from `path` (the name by default), a regex param. */
export const fileKind = defineResource({
  kind: 'file',
  meta: { description: 'a file-like kind for language tests' },
  params: z.strictObject({
    path: z.string().optional(),
    content: z.string().optional(),
    mode: z.string().regex(/^0[0-7]{3}$/, 'must be an octal mode like "0644"').optional(),
  }),
  id: (p, name) => p.path ?? name,
  check: async () => converged,
  apply: async () => {},
});

/** A namespaced kind with a required param and a list of ints. */
export const containerKind = defineResource({
  kind: 'docker:container',
  meta: { description: 'a namespaced kind for language tests' },
  params: z.strictObject({
    image: z.string(),
    ports: z.array(z.int().min(1).max(65535)).optional(),
    state: z.enum(['running', 'stopped']).default('running'),
  }),
  check: async () => converged,
  apply: async () => {},
});

/**
 * An exec-like kind: it declares that it runs commands, so `collect exec` needs a `where`, and
 * it sends its output like the real exec (for send/recv edges).
 */
export const execKind = defineResource({
  kind: 'exec',
  meta: { description: 'an exec-like kind for language tests; runs nothing' },
  capabilities: { runsCommands: true },
  sends: z.object({ output: z.string(), stdout: z.string(), stderr: z.string(), exitcode: z.int() }),
  params: z.strictObject({ cmd: z.string().min(1), args: z.array(z.string()).optional(), timeout: z.number().positive().optional() }),
  check: async () => converged,
  apply: async () => {},
});

const langTestPlugin = definePlugin({
  meta: { name: '@mgmt/lang-test-kinds', version: '0.0.0' },
  // `pkg_repo` accepts any params (a loose schema) and has `_` in its name.
  resources: [fileKind, containerKind, execKind, fakeResource({ kind: 'pkg_repo' })],
});

export const registry: KindRegistry = createRegistry([testPlugin, langTestPlugin]);

import { z } from '@mgmt/resource';

const absolute = z.string().regex(/^\//, 'must be an absolute path');

/** An owner or group: a name (`root`) or a numeric id (`0` or `"0"`). */
const principal = z.union([z.string().min(1), z.int().min(0)]);

/**
 * The params of `file "PATH" { ... }`. Strict, so a typo (`mdoe`) is an error, not a no-op.
 * Every param but recurse and purge is optional because "not given" means "leave it as it
 * is" (mode, owner, group, content) or has a rule of its own (path, state). The descriptions
 * feed `mgmt docs file` through z.toJSONSchema.
 */
export const fileParams = z
  .strictObject({
    path: absolute.optional().describe('The path to manage; defaults to the resource name. A trailing / makes it a directory.'),
    content: z.string().optional().describe('The exact content of the file, as UTF-8.'),
    source: absolute.optional().describe('A local file whose bytes are copied here. Excludes content.'),
    mode: z
      .string()
      .regex(/^[0-7]{3,4}$/, 'must be an octal mode like "0644"')
      .optional()
      .describe('Permission bits in octal, like "0644"; a fourth digit sets setuid/setgid/sticky ("4755").'),
    owner: principal.optional().describe('The owning user: a name or a numeric uid.'),
    group: principal.optional().describe('The owning group: a name or a numeric gid.'),
    state: z.enum(['exists', 'absent']).optional().describe('exists (the default) or absent.'),
    recurse: z.boolean().default(false).describe('Directories with purge: also purge inside the subdirectories that are kept.'),
    purge: z.boolean().default(false).describe('Directories only: remove entries that no file resource of the graph manages.'),
  })
  .refine((p) => p.content === undefined || p.source === undefined, {
    message: 'content and source are mutually exclusive',
    path: ['source'],
  })
  .refine((p) => p.state !== 'absent' || (p.content === undefined && p.source === undefined), {
    message: 'a file with state "absent" cannot have content or source',
    path: ['state'],
  });

export type FileParams = z.output<typeof fileParams>;

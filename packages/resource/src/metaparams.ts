import { z } from 'zod';

/**
 * Per-resource engine settings, written `Meta:retry => 3` in `.mcl`. They are the same for
 * every kind, so they live in the contract, not in any plugin.
 */
export const metaparamsSchema = z.strictObject({
  /** Retries after a failed check or apply before the vertex is marked failed (-1: forever). */
  retry: z.int().min(-1).default(0),
  /** Milliseconds to wait between retries. */
  delay: z.int().min(0).default(0),
  /** Check every this many seconds, in addition to (or instead of) a watch. 0 = off. */
  poll: z.number().min(0).default(0),
  /** Never apply this resource; only report what would change. */
  noop: z.boolean().default(false),
  /** Add the kind's implicit dependencies (`autoEdges`). */
  autoedge: z.boolean().default(true),
});

export type Metaparams = z.output<typeof metaparamsSchema>;

export const defaultMetaparams: Metaparams = metaparamsSchema.parse({});

import { z } from 'zod';

/** A `Meta:sema` entry, parsed: `"pkg:2"` is the semaphore `pkg` of size 2, `"pkg"` is `pkg:1`. */
export interface SemaRef {
  readonly name: string;
  readonly size: number;
  /** `name:size`: the semaphore's identity, so `"pkg"` and `"pkg:1"` share one lock. */
  readonly id: string;
}

/**
 * Parses a `Meta:sema` entry as the Go mgmt does: the part after the last `:` is the size
 * when it is a whole number (then at least 1); otherwise the whole text is the name, size 1.
 * Undefined for an empty name or a size of 0.
 */
export function parseSema(entry: string): SemaRef | undefined {
  const m = /^(.*):(\d+)$/.exec(entry);
  const name = m ? m[1]! : entry;
  const size = m ? Number(m[2]) : 1;
  if (name === '' || !Number.isSafeInteger(size) || size < 1) return undefined;
  return { name, size, id: `${name}:${size}` };
}

/**
 * Per-resource engine settings, written `Meta:retry => 3` in `.mcl`. They are the same for
 * every kind, so they live in the contract, not in any plugin. Every default keeps the
 * engine's plain behaviour: no retries, no rate limit, no locks.
 */
export const metaparamsSchema = z.strictObject({
  /** Retries after a failed check or apply before the vertex is marked failed (-1: forever). */
  retry: z.int().min(-1).default(0),
  /** Milliseconds to wait between retries: a fixed delay, not a backoff (as in the Go mgmt). */
  delay: z.int().min(0).default(0),
  /** Check every this many seconds, in addition to (or instead of) a watch. 0 = off. */
  poll: z.number().min(0).default(0),
  /** Never apply this resource; only report what would change. */
  noop: z.boolean().default(false),
  /** Add the kind's implicit dependencies (`autoEdges`). */
  autoedge: z.boolean().default(true),
  /**
   * Events processed per second at most (a token bucket per resource); 0 = unlimited. Events
   * beyond the rate are delayed, never dropped: those arriving meanwhile coalesce into one check.
   */
  limit: z.number().min(0).default(0),
  /** With `limit`: how many events may be processed back to back before the rate applies. */
  burst: z.int().min(1).default(1),
  /**
   * Named semaphores held around each check and apply, shared by every resource of the graph
   * naming the same one: `"name:size"` (size 1 when left out), e.g. `["pkg"]` so that no two
   * package resources run at once.
   */
  sema: z
    .array(z.string().refine((s) => parseSema(s) !== undefined, 'expected NAME or NAME:SIZE with SIZE at least 1, e.g. "pkg:1"'))
    .default([]),
});

export type Metaparams = z.output<typeof metaparamsSchema>;

export const defaultMetaparams: Metaparams = metaparamsSchema.parse({});

import { z } from 'zod';
import type { DeclaredCapabilities } from '../capabilities.js';
import type { CheckResult } from '../check-result.js';
import type { ResourceContext, StopWatch, WatchContext } from '../context.js';
import { defineResource, type AnyResource } from '../define-resource.js';

type Params = Record<string, unknown>;

/** The verbs of a fake kind; any left out does nothing (check: always converged). */
export interface FakeVerbs {
  kind?: string;
  check?(ctx: ResourceContext<Params>): Promise<CheckResult<unknown>>;
  apply?(ctx: ResourceContext<Params>, diff: unknown): Promise<void>;
  watch?(ctx: WatchContext<Params>): Promise<StopWatch>;
  refresh?(ctx: ResourceContext<Params>): Promise<void>;
  poll?: number;
  capabilities?: DeclaredCapabilities;
  /** What the fake sends (`ctx.send`), for send/recv tests. */
  sends?: z.ZodObject;
}

/**
 * A kind made of functions, for engine tests: accepts any params and does what the given
 * verbs do. Pass `kind` to register several fakes side by side.
 */
export function fakeResource(verbs: FakeVerbs = {}): AnyResource {
  const def = defineResource({
    kind: verbs.kind ?? 'fake',
    meta: { description: 'a fake kind made by fakeResource() for tests' },
    params: z.looseObject({}),
    check: verbs.check ?? (async () => ({ ok: true }) as const),
    apply: verbs.apply ?? (async () => {}),
    ...(verbs.watch ? { watch: verbs.watch } : {}),
    ...(verbs.refresh ? { refresh: verbs.refresh } : {}),
    ...(verbs.poll !== undefined ? { poll: verbs.poll } : {}),
    ...(verbs.capabilities ? { capabilities: verbs.capabilities } : {}),
    ...(verbs.sends ? { sends: verbs.sends } : {}),
  });
  return def as AnyResource;
}

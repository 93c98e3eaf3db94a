import type { z } from 'zod';
import { capabilities } from '../capabilities.js';
import type { CheckResult } from '../check-result.js';
import type { StopWatch } from '../context.js';
import type { AnyResource, ParamsSchema } from '../define-resource.js';
import { makeContext, parseParams, type Sibling, type TestContext } from './context.js';
import { withTimeout } from '../with-timeout.js';

/** How long a watch's stop function may take. */
const STOP_WITHIN_MS = 5000;

/**
 * A working resource of the kind, with what the kit needs to see its real state. Every
 * check of the case calls `setup()` first and `teardown()` last, so each starts fresh.
 */
export interface ValidCase<S extends ParamsSchema = ParamsSchema> {
  /** The resource name (a file's path unless `params.path` is given). */
  readonly name: string;
  /** Used in check names instead of `name` (handy when the name is a temp path). */
  readonly title?: string;
  readonly params: z.input<S>;
  /** Other resources in the vertex's graph view (a purging directory's managed children). */
  readonly siblings?: readonly Sibling[];
  /** Puts the real state in place from scratch (it may be left over from the last check). */
  setup?(): Promise<void>;
  /** A JSON-able picture of the real state the kind manages: equal pictures mean no side effects. */
  snapshot(): Promise<unknown>;
  /** An out-of-band change to the converged state, which watch must notice. */
  drift?(): Promise<void>;
  /**
   * False when these params give the kind's watch nothing to observe (an exec without
   * `watchcmd`): the watch check then only starts and stops it. Default true.
   */
  readonly watchFires?: boolean;
  teardown?(): Promise<void>;
}

type Ctx = TestContext<Record<string, unknown>, unknown>;

export interface LifecycleCheck {
  readonly name: string;
  run(): Promise<void>;
}

/** The checks of one valid case, in the order a reader would want them. */
export function lifecycleChecks(def: AnyResource, c: ValidCase, watchWithinMs: number): LifecycleCheck[] {
  const simulates = capabilities(def).simulate;
  const fresh = async (noop: boolean, fn: (ctx: Ctx) => Promise<void>): Promise<void> => {
    await c.setup?.();
    const ctx: Ctx = makeContext(def, c.params, { name: c.name, noop, ...(c.siblings ? { siblings: c.siblings } : {}) });
    try {
      await fn(ctx);
    } finally {
      ctx.controller.abort();
      await c.teardown?.();
    }
  };
  const check = async (ctx: Ctx, when: string): Promise<CheckResult<unknown>> => validResult(def, await def.check(ctx), when);
  const converge = async (ctx: Ctx): Promise<void> => {
    const r = await check(ctx, 'on a fresh setup');
    if (r.ok) return;
    await def.apply(ctx, r.diff);
    const again = await check(ctx, 'after apply');
    if (!again.ok) {
      throw new Error(`apply does not converge in one call: check after apply is still drifted (${again.changes.join('; ')}); apply must converge or throw`);
    }
  };

  const checks: LifecycleCheck[] = [
    {
      name: 'params are accepted',
      run: async () => void parseParams(def, c.params, c.name),
    },
    {
      name: 'check has no side effects',
      run: () =>
        fresh(false, async (ctx) => {
          const before = await c.snapshot();
          await check(ctx, 'the first time');
          await check(ctx, 'the second time');
          sameState(before, await c.snapshot(), 'check changed the real state; it must only read');
        }),
    },
    {
      name: 'noop only checks',
      run: () =>
        fresh(true, async (ctx) => {
          const before = await c.snapshot();
          const r = await check(ctx, 'in noop');
          if (!r.ok && r.changes.length === 0) throw new Error('check is drifted with no `changes`: --noop would have nothing to report');
          if (!r.ok && simulates && !r.details?.length) {
            throw new Error('the kind declares `capabilities.simulate`, but check is drifted with no `details`: give each change as { param, from, to, diff? }, or drop the declaration');
          }
          sameState(before, await c.snapshot(), 'a noop run (check only) changed the real state');
        }),
    },
    {
      name: 'check → apply → check converges',
      run: () => fresh(false, converge),
    },
  ];
  if (def.watch) {
    const watch = def.watch.bind(def);
    const fires = c.watchFires ?? true;
    checks.push({
      name: fires ? `watch fires within ${watchWithinMs} ms${c.drift ? ' of drift' : ''}` : 'watch starts and stops cleanly',
      run: () =>
        fresh(false, async (ctx) => {
          await converge(ctx);
          let stop: StopWatch | undefined;
          try {
            const started = watch(ctx);
            stop = await withTimeout(started, watchWithinMs, `watch did not resolve within ${watchWithinMs} ms; it must resolve once its watcher is live`).catch((err: unknown) => {
              // Should it resolve later, stop it then rather than leak the watcher.
              started.then((s) => s(), () => {}).catch(() => {});
              throw err;
            });
            if (fires) {
              const seen = ctx.events.length;
              await c.drift?.();
              const base = c.drift ? seen : 0;
              const fired = await until(() => ctx.events.length > base || ctx.errors.length > 0, watchWithinMs);
              watchErrors(ctx);
              if (!fired) throw new Error(`watch sent no event() within ${watchWithinMs} ms ${c.drift ? 'of drift()' : 'of starting'}`);
            }
          } finally {
            if (stop) await withTimeout(Promise.resolve(stop()), STOP_WITHIN_MS, `the watch's stop function did not finish within ${STOP_WITHIN_MS} ms`);
          }
          watchErrors(ctx);
        }),
    });
  }
  if (def.refresh) {
    const refresh = def.refresh.bind(def);
    checks.push({
      name: 'refresh keeps it converged',
      run: () =>
        fresh(false, async (ctx) => {
          await converge(ctx);
          await refresh(ctx);
          const r = await check(ctx, 'after refresh');
          if (!r.ok) throw new Error(`check after refresh is drifted (${r.changes.join('; ')}); refresh of a converged resource must leave it converged`);
        }),
    });
  }
  return checks;
}

/** Throws unless `r` is `{ ok: true }` or `{ ok: false, diff, changes: string[] }`. */
function validResult(def: AnyResource, r: unknown, when: string): CheckResult<unknown> {
  const o = r as { ok?: unknown; changes?: unknown } | null;
  const fine =
    typeof o === 'object' && o !== null && (o.ok === true || (o.ok === false && 'diff' in o && Array.isArray(o.changes) && o.changes.every((x) => typeof x === 'string')));
  if (!fine) throw new Error(`${def.kind}.check ${when} returned ${show(r)}; expected converged ({ ok: true }) or drifted(diff, changes)`);
  return r as CheckResult<unknown>;
}

function watchErrors(ctx: Ctx): void {
  if (ctx.errors.length > 0) throw new Error(`watch reported error(): ${ctx.errors.map((e) => e.message).join('; ')}`);
}

function sameState(before: unknown, after: unknown, what: string): void {
  const a = canonical(before);
  const b = canonical(after);
  if (a !== b) throw new Error(`${what}.\nbefore: ${clip(a)}\nafter:  ${clip(b)}`);
}

/** JSON with object keys sorted, so two pictures compare by value. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  ) ?? 'undefined';

const clip = (s: string): string => (s.length > 1000 ? `${s.slice(0, 1000)}…` : s);

const show = (value: unknown): string => {
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
};

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

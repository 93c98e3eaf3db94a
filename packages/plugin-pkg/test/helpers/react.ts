import type { AnyResource, StopWatch } from '@mgmt/resource';
import type { TestContext } from '@mgmt/resource/testing';

/**
 * What the engine does for one vertex, in miniature: check → apply, start the watch, and
 * on every event check → apply again. Returns the watch's stop function.
 */
export async function reactLikeTheEngine(def: AnyResource, ctx: TestContext<Record<string, unknown>, unknown>): Promise<StopWatch> {
  const converge = async (): Promise<void> => {
    const r = await def.check(ctx);
    if (!r.ok) await def.apply(ctx, r.diff);
  };
  await converge();
  const stopWatch = await def.watch!(ctx);
  let handled = ctx.events.length;
  let running = true;
  const loop = (async () => {
    while (running) {
      if (ctx.events.length > handled) {
        handled = ctx.events.length;
        await converge();
      } else await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await stopWatch();
  };
}

/** Waits until `cond` holds, polling every 20 ms; throws after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

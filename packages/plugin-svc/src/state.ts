import type { ResourceContext, WatchContext } from '@mgmt/resource';
import type { SharedBus } from './bus.js';
import { stopping } from './job.js';
import { acquireBus, releaseBus } from './bus-pool.js';
import type { SvcParams } from './params.js';

/** Per-vertex memory: the vertex's reference to the shared bus, held until its signal aborts. */
export interface SvcState {
  bus: SharedBus | undefined;
}

export const createState = (): SvcState => ({ bus: undefined });

export type SvcContext = ResourceContext<SvcParams, SvcState>;
export type SvcWatchContext = WatchContext<SvcParams, SvcState>;

/**
 * The shared connection for this vertex's bus. The first verb takes a reference; the vertex's
 * stop (its signal) gives it back, so all live svc vertices share one connection per bus.
 */
export function busFor(ctx: SvcContext): SharedBus {
  if (ctx.state.bus) return ctx.state.bus;
  if (ctx.signal.aborted) throw stopping(`${ctx.kind}[${ctx.name}]`);
  const bus = acquireBus(ctx.params.session ? 'session' : 'system');
  ctx.state.bus = bus;
  ctx.signal.addEventListener(
    'abort',
    () => {
      ctx.state.bus = undefined;
      releaseBus(bus);
    },
    { once: true },
  );
  return bus;
}

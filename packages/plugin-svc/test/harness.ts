import type { z } from '@mgmt/resource';
import { makeContext, type TestContext } from '@mgmt/resource/testing';
import type { ExecutionContext } from 'ava';
import type { SvcParams } from '../src/params.js';
import type { SvcState } from '../src/state.js';
import { svc } from '../src/svc.js';
import { startBus, type PrivateBus } from './bus-daemon.js';
import { SystemdDouble } from './systemd-double.js';

/** A private bus with the systemd double on it; both bus env vars point at it. */
export interface World {
  readonly bus: PrivateBus;
  readonly double: SystemdDouble;
  stop(): void;
}

export async function startWorld(): Promise<World> {
  const bus = startBus();
  process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.address;
  process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
  const double = await SystemdDouble.start(bus.address);
  return {
    bus,
    double,
    stop: () => {
      double.stop();
      bus.stop();
    },
  };
}

export type SvcTestContext = TestContext<SvcParams, SvcState>;

/** A vertex's context for `svc NAME`, stopped (its bus reference released) when the test ends. */
export function svcContext(t: ExecutionContext, params: z.input<typeof svc.params>, name = 'test', noop = false): SvcTestContext {
  const ctx = makeContext(svc, params, { name, noop });
  t.teardown(() => ctx.controller.abort());
  return ctx;
}

/** check → apply (if drifted) → check, returning what the first check said. */
export async function converge(ctx: SvcTestContext): Promise<readonly string[]> {
  const r = await svc.check(ctx);
  if (r.ok) return [];
  await svc.apply(ctx, r.diff);
  const again = await svc.check(ctx);
  if (!again.ok) throw new Error(`not converged after apply: ${again.changes.join('; ')}`);
  return r.changes;
}

/** Polls `cond` every 10 ms; false after `ms`. */
export async function waitFor(cond: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

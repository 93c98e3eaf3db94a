import type { StopWatch } from '@mgmt/resource';
import type { Message } from '@particle/dbus-next';
import { svcUnit } from './params.js';
import { busFor, type SvcWatchContext } from './state.js';
import { MANAGER, MANAGER_PATH, PROPERTIES, subscribe, SYSTEMD } from './systemd.js';
import { unitObjectPath } from './unit-name.js';

/** Properties whose change can turn check's answer. */
const WATCHED = new Set(['ActiveState', 'SubState', 'UnitFileState', 'LoadState']);

/**
 * Listens on the shared bus for `PropertiesChanged` on the unit's object, `UnitNew`/`UnitRemoved`
 * of the unit and `UnitFilesChanged` (enable/disable by someone else), after `Subscribe`. A
 * reconnect is an event too, since signals may have been missed. Resolves once all match rules
 * are in place.
 */
export async function watch(ctx: SvcWatchContext): Promise<StopWatch> {
  const unit = svcUnit(ctx.params, ctx.name);
  const bus = busFor(ctx);
  const stops: Array<() => Promise<void>> = [];
  const offBus = bus.onEvent((e) => {
    if (e === 'lost') ctx.log.warn(`lost the ${bus.kind} bus connection; reconnecting with backoff`);
    else ctx.event(`reconnected to the ${bus.kind} bus`);
  });
  const stop = async (): Promise<void> => {
    offBus();
    await Promise.all(stops.splice(0).map((s) => s()));
  };
  try {
    stops.push(
      await bus.listen({ sender: SYSTEMD, path: unitObjectPath(unit), interface: PROPERTIES, member: 'PropertiesChanged' }, (msg: Message) => {
        const [, changed, invalidated] = msg.body as [string, Record<string, { value: unknown }>, string[]];
        const keys = [...Object.keys(changed ?? {}), ...(invalidated ?? [])].filter((k) => WATCHED.has(k));
        if (keys.length === 0) return;
        const shown = keys.map((k) => (k in (changed ?? {}) ? `${k}=${String(changed[k]?.value)}` : k));
        ctx.event(`${unit}: ${shown.join(' ')}`);
      }),
    );
    for (const member of ['UnitNew', 'UnitRemoved'] as const) {
      stops.push(
        await bus.listen({ sender: SYSTEMD, path: MANAGER_PATH, interface: MANAGER, member }, (msg: Message) => {
          if (msg.body[0] === unit) ctx.event(`${member} ${unit}`);
        }),
      );
    }
    stops.push(await bus.listen({ sender: SYSTEMD, path: MANAGER_PATH, interface: MANAGER, member: 'UnitFilesChanged' }, () => ctx.event('unit files changed')));
    await subscribe(bus);
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

import { SharedBus, type BusKind } from './bus.js';

const pool = new Map<BusKind, SharedBus>();

/** The process's connection to a bus, counted: pair each call with `releaseBus`. Connects lazily. */
export function acquireBus(kind: BusKind): SharedBus {
  let bus = pool.get(kind);
  if (!bus) {
    bus = new SharedBus(kind);
    pool.set(kind, bus);
  }
  bus.refs++;
  return bus;
}

/** Gives a reference back; the last one closes the connection. */
export function releaseBus(bus: SharedBus): void {
  bus.refs--;
  if (bus.refs > 0) return;
  if (pool.get(bus.kind) === bus) pool.delete(bus.kind);
  bus.close();
}

/** Tests only: the shared bus of a kind, if any resource holds it. */
export const sharedBusForTests = (kind: BusKind): SharedBus | undefined => pool.get(kind);

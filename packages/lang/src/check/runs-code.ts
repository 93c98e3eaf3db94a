import { capabilities, type KindRegistry } from '@mgmt/resource';

/**
 * Whether resources of `kind` run commands their params name: its definition declares
 * `capabilities.runsCommands` (`exec` does). Collecting one without a `where` would let any
 * host that can export it make this one run code, so `collect` must say whose to take
 * (MCL_COLLECT_NEEDS_WHERE). An unknown kind is reported on its own.
 */
export function runsCode(registry: KindRegistry, kind: string): boolean {
  const def = registry.get(kind)?.definition;
  return def !== undefined && capabilities(def).runsCommands;
}

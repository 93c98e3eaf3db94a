import { capabilities, type AnyResource } from '@mgmt/resource';

/**
 * A kind's capabilities in the words `mgmt docs` and `mgmt plugin list` use: `watch` (or how
 * it is polled), then `refresh`, `autoedges`, `simulate`, `group` and `runs commands` when it has them.
 */
export function capabilityNames(def: AnyResource): string[] {
  const c = capabilities(def);
  const names = [c.watch ? 'watch' : c.poll ? `poll every ${c.poll}s` : 'poll (with Meta:poll)'];
  if (c.refresh) names.push('refresh');
  if (c.autoEdges) names.push('autoedges');
  if (c.simulate) names.push('simulate');
  if (c.group) names.push('group');
  if (c.runsCommands) names.push('runs commands');
  return names;
}

import { defaultMetaparams, displayRef, displaySendRecv, type ResourceGraph } from '@mgmt/resource';

/**
 * The graph as sorted lines, for `mgmt graph --format=text` and golden tests:
 * `vertex file[/tmp/a]`, `edge exec[a] -> exec[b]` (`~>` when notifying) and
 * `field file[/tmp/a].mode = "0644"` (JSON values); metaparams show as `field …Meta:retry`
 * when they differ from the default; each send/recv pair of an edge is a line
 * `send exec[e].stdout -> file[/tmp/f].content`.
 */
export function printGraphText(graph: ResourceGraph): string {
  const lines: string[] = [];
  for (const r of graph.resources) {
    const ref = displayRef(r);
    lines.push(`vertex ${ref}`);
    for (const [key, value] of Object.entries(r.params)) {
      if (value !== undefined) lines.push(`field ${ref}.${key} = ${JSON.stringify(value)}`);
    }
    for (const [key, value] of Object.entries(r.meta)) {
      if (JSON.stringify(value) !== JSON.stringify(defaultMetaparams[key as keyof typeof defaultMetaparams])) {
        lines.push(`field ${ref}.Meta:${key} = ${JSON.stringify(value)}`);
      }
    }
  }
  for (const e of graph.edges) {
    lines.push(`edge ${displayRef(e.from)} ${e.notify ? '~>' : '->'} ${displayRef(e.to)}`);
    for (const pair of e.sendRecv ?? []) lines.push(`send ${displaySendRecv(e.from, e.to, pair)}`);
  }
  return lines.sort().join('\n');
}

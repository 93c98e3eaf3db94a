import type { Vertex, Receive } from './vertex.js';

/**
 * What a receiver's params are before a check:
 * - `ready`: the node's params with every value received, validated by the kind's schema (a
 *   pair whose sender cannot send in this run, in noop, keeps the node's own value);
 * - `waiting`: a sender has sent nothing yet (the vertex waits, as for an unconverged
 *   dependency, until that sender sends).
 */
export type Gathered =
  | { readonly type: 'ready'; readonly params: Readonly<Record<string, unknown>> }
  | { readonly type: 'waiting'; readonly on: Receive };

/** The value `r` carries now, if its sender sent one. */
const valueOf = (r: Receive): { value: unknown } | undefined =>
  r.from.sent !== undefined && Object.hasOwn(r.from.sent, r.send) ? { value: r.from.sent[r.send] } : undefined;

/** A sender that can never send in this run: nothing is applied in noop (global or its own `Meta:noop`). */
const silent = (r: Receive, noop: boolean): boolean => noop || r.from.node.meta.noop;

/** The first send/recv pair whose sender has sent nothing yet and may still, if any. */
export const awaitedValue = (v: Vertex, noop: boolean): Receive | undefined =>
  v.receives.find((r) => valueOf(r) === undefined && !silent(r, noop));

/** `exec[e].stdout -> file[/tmp/f].content`, for messages. */
export const describeReceive = (v: Vertex, r: Receive): string => `${r.from.key}.${r.send} -> ${v.key}.${r.recv}`;

/**
 * Gathers a receiver's params for its next check. A received value goes through the
 * receiver's schema again, as any param does: a refused one throws an Error naming the
 * sender (the vertex fails, after its retries, like a failed check).
 */
export function gather(v: Vertex, noop: boolean): Gathered {
  if (v.receives.length === 0) return { type: 'ready', params: v.node.params };
  const raw: Record<string, unknown> = { ...v.node.params };
  let received = false;
  for (const r of v.receives) {
    const got = valueOf(r);
    if (got) {
      raw[r.recv] = got.value;
      received = true;
    } else if (!silent(r, noop)) return { type: 'waiting', on: r };
  }
  // The node's own params passed the schema when the graph was built.
  if (!received) return { type: 'ready', params: v.node.params };
  const parsed = v.node.def.params.safeParse(raw);
  if (parsed.success) {
    // The graph was checked (duplicates, autoedges, watches) under the node's identity: a
    // value that would make it manage something else (a file's path) is refused.
    const id = v.node.def.id ? v.node.def.id(parsed.data, v.node.name) : v.node.name;
    if (id !== v.node.id) {
      const by = v.receives.filter((r) => valueOf(r) !== undefined).map((r) => `${r.from.key}.${r.send} -> ${r.recv}`);
      throw new Error(`the values received (${by.join(', ')}) would change what this resource manages from ${v.node.id} to ${id}; a param that makes its identity cannot be received`);
    }
    return { type: 'ready', params: parsed.data };
  }
  const lines = parsed.error.issues.map((issue) => {
    const param = String(issue.path[0] ?? '');
    const r = v.receives.find((x) => x.recv === param);
    const where = issue.path.map(String).join('.') || '(params)';
    return r ? `the value of \`${where}\` received from ${r.from.key}.${r.send} is refused: ${issue.message}` : `${where}: ${issue.message}`;
  });
  throw new Error(lines.join('; '));
}

import { metaparamsSchema, type Metaparams, type Span } from '@mgmt/resource';
import * as codes from './codes.js';
import { closest } from '@mgmt/lang';
import type { Field } from './graph-file.js';
import type { YamlContext } from './yaml-nodes.js';

interface GoMeta {
  /** Go's default or zero values: left out, quietly. */
  readonly unset?: readonly unknown[];
  readonly drop?: string;
  readonly refuse?: string;
  /** Go's value as ours, when they differ. */
  readonly convert?: (v: unknown) => unknown;
}

/** The Go metaparams. Those with our name and meaning (no rule fields) are copied. */
const GO_META: Readonly<Record<string, GoMeta>> = {
  autoedge: {},
  noop: {},
  retry: {},
  delay: {},
  poll: {},
  sema: {},
  // rate.Inf was Go's "no limit"; ours is 0.
  limit: { convert: (v) => (v === Number.POSITIVE_INFINITY ? 0 : v) },
  // Go's default burst was 0 (meaningless without a limit); ours is at least 1.
  burst: { unset: [0] },
  autogroup: { unset: [true, false] }, // an optimisation with no effect on the result
  rewatch: { unset: [true], drop: 'watches are restarted only for resources that changed' },
  realize: { unset: [false], drop: 'every resource is checked on each run' },
  reverse: { unset: [false], refuse: 'a resource removed from the graph is left as it is here, never reversed' },
  hidden: { unset: [false], refuse: 'every resource of the graph runs here' },
};

/** The metaparams of a resource entry's `meta:` mapping, or undefined (reported) when wrong. */
export function mapMeta(ctx: YamlContext, field: Field, ref: string): Metaparams | undefined {
  const map = ctx.map(field, '`meta`');
  if (map === undefined) return undefined;
  const meta: Record<string, unknown> = {};
  const spans: Record<string, Span> = {};
  let ok = true;
  for (const f of map ? ctx.fields(map) : []) {
    const rule = GO_META[f.key];
    if (!rule) {
      ctx.report(codes.unknownMeta(ctx.at(f.keySpan), f.key, closest(f.key, Object.keys(GO_META)), Object.keys(GO_META)));
      ok = false;
      continue;
    }
    const value = ctx.value(f);
    if (value === undefined || rule.unset?.includes(value)) continue;
    if (rule.refuse) {
      ctx.report(codes.unsupported(ctx.at(f.span), `metaparam \`${f.key}\``, rule.refuse));
      ok = false;
    } else if (rule.drop) {
      ctx.report(codes.dropped(ctx.at(f.span), `metaparam \`${f.key}\``, rule.drop));
    } else {
      meta[f.key] = rule.convert ? rule.convert(value) : value;
      spans[f.key] = f.span;
    }
  }
  const parsed = metaparamsSchema.safeParse(meta);
  for (const issue of parsed.error?.issues ?? []) {
    const key = String(issue.path[0] ?? '');
    ctx.report(codes.invalidParam(ctx.at(spans[key] ?? field.span), ref, key || undefined, issue.message, true));
    ok = false;
  }
  return ok && parsed.success ? parsed.data : undefined;
}

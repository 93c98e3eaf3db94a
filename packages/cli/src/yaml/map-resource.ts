import { defaultMetaparams, type AnyResource, type Metaparams, type RegisteredKind, type ResourceDecl, type Span } from '@mgmt/resource';
import * as codes from './codes.js';
import { closest } from '@mgmt/lang';
import { GO_KINDS, type FinishContext, type GoParam, type MappedParams } from './go-kinds.js';
import { mapMeta } from './go-meta.js';
import type { Field, ResourceEntry } from './graph-file.js';
import type { YamlContext } from './yaml-nodes.js';

/** A kind's param names, and whether it takes any other name too (a catchall). */
function paramNames(def: AnyResource): { names: string[]; open: boolean } {
  const catchall = def.params._zod.def.catchall;
  return { names: Object.keys(def.params.shape), open: catchall !== undefined && catchall._zod.def.type !== 'never' };
}

/** Validates params against the kind's schema: its output (defaults filled), or the issues. */
export function checkParams(def: AnyResource, params: Record<string, unknown>): { data: Record<string, unknown> } | { issues: { param: string | undefined; message: string }[] } {
  const parsed = def.params.safeParse(params);
  if (parsed.success) return { data: parsed.data as Record<string, unknown> };
  return { issues: parsed.error.issues.map((i) => ({ param: i.path.length ? String(i.path[0]) : undefined, message: i.message })) };
}

function readGo(ctx: YamlContext, f: Field, rule: GoParam): unknown {
  if (rule.type === 'string') return ctx.string(f, `\`${f.key}\``);
  const v = ctx.value(f);
  if (v !== undefined && typeof v !== rule.type) {
    ctx.report(codes.typeMismatch(ctx.at(f.span), `\`${f.key}\``, rule.type === 'number' ? 'a number' : 'true or false'));
    return undefined;
  }
  return v;
}

/**
 * One resource entry as a resource of our graph: its Go params mapped to ours (see
 * `GO_KINDS`), its metaparams too, all validated by the kind's schema. Every problem is
 * reported, pointing at the field; undefined when there was an error.
 */
export function mapResource(ctx: YamlContext, entry: ResourceEntry, kind: RegisteredKind, source: string): ResourceDecl | undefined {
  const def = kind.definition;
  const ref = `${entry.kind.name}[${entry.name.name}]`;
  const go = GO_KINDS[entry.kind.name] ?? { params: {} };
  const { names, open } = paramNames(def);
  const mapped: MappedParams = { name: entry.name.name, params: {}, spans: {}, go: new Map() };
  let ok = true;
  for (const f of entry.params) {
    const rule = go.params[f.key];
    if (!rule) {
      if (open || names.includes(f.key)) {
        mapped.params[f.key] = ctx.value(f);
        mapped.spans[f.key] = f.span;
      } else {
        const known = [...new Set([...Object.keys(go.params), ...names])];
        ctx.report(codes.unknownParam(ctx.at(f.keySpan), entry.kind.name, f.key, closest(f.key, known), known));
        ok = false;
      }
      continue;
    }
    const value = readGo(ctx, f, rule);
    if (value === undefined || rule.unset?.includes(value)) continue;
    if (rule.refuse) {
      ctx.report(codes.unsupported(ctx.at(f.span), `\`${f.key}\` of ${entry.kind.name}`, rule.refuse));
      ok = false;
    } else if (rule.drop) {
      ctx.report(codes.dropped(ctx.at(f.span), `\`${f.key}\` of ${entry.kind.name}`, rule.drop));
    } else if (rule.to) {
      mapped.params[rule.to] = value;
      mapped.spans[rule.to] = f.span;
    } else {
      (mapped.go as Map<string, { value: unknown; span: Span }>).set(f.key, { value, span: f.span });
    }
  }
  const finish: FinishContext = {
    warn: (span, what, why) => ctx.report(codes.dropped(ctx.at(span), what, why)),
    refuse: (span, what, why) => {
      ctx.report(codes.unsupported(ctx.at(span), what, why));
      ok = false;
    },
    invalid: (span, param, detail) => {
      ctx.report(codes.invalidParam(ctx.at(span), ref, param, detail));
      ok = false;
    },
  };
  go.finish?.(mapped, finish);

  let meta: Metaparams | undefined = defaultMetaparams;
  if (entry.meta && entry.exported) {
    ctx.report(codes.exportedMeta(ctx.at(entry.meta.keySpan), ref));
    ok = false;
  } else if (entry.meta) {
    meta = mapMeta(ctx, entry.meta, ref);
  }
  if (!ok) return undefined; // the schema's view of half-mapped params would only add noise

  const checked = checkParams(def, mapped.params);
  if ('issues' in checked) {
    for (const i of checked.issues) ctx.report(codes.invalidParam(ctx.at((i.param && mapped.spans[i.param]) || entry.name.span), ref, i.param, i.message));
    return undefined;
  }
  if (!meta) return undefined;
  return {
    kind: entry.kind.name,
    name: entry.name.name,
    params: checked.data,
    meta,
    origin: { file: ctx.file, span: entry.span, paramSpans: mapped.spans, source },
  };
}

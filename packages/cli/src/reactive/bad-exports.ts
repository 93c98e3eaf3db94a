import type { CollectedResource, CompileResult } from '@mgmt/lang';
import type { Diagnostic, ExportRef, KindRegistry, Logger } from '@mgmt/resource';

type Compile = (collected: readonly CollectedResource[]) => Promise<CompileResult>;

/** At most this many compiles per evaluation: each one after the first leaves out more resources. */
const MAX_COMPILES = 4;

const refOf = (c: ExportRef): string => `${c.kind}[${c.name}]`;
const keyOf = (c: ExportRef): string => `${c.host}\u0000${c.kind}\u0000${c.name}`;

/**
 * The message without the compilers' own note of the export (lang appends `(file[x],
 * collected from host b)`, the YAML loader starts with `file[x], collected from host b: `),
 * which the log line says in its own words.
 */
function reasonOf(d: Diagnostic, c: ExportRef): string {
  const tag = `${refOf(c)}, collected from host ${c.host}`;
  return d.message.replace(` (${tag})`, '').replace(`${tag}: `, '') + (d.hint ? ` (${d.hint.replace(/\.$/, '')})` : '');
}

/**
 * Wraps a compile so that one bad export never stops the others: every other host can export
 * anything, and a collector must not be held to its last graph because one export is of a
 * kind it does not have, has params its kind's schema refuses once the `collect`'s overrides
 * are applied (only compiling tells, since overrides are expressions), or clashes with
 * another resource's name or identity. Such a resource is left out and the program compiled
 * again without it; the reason, naming the exporter, kind and name, is logged once for as
 * long as it stays bad. Errors that are not about a collected resource remain errors of the
 * program.
 */
export function skipBadExports(compile: Compile, deps: { registry: KindRegistry; log: Logger }): Compile {
  /** The reasons already logged, by exporter, kind and name, to log each bad export once. */
  let logged = new Map<string, string>();
  return async (collected) => {
    const reasons = new Map<string, { resource: CollectedResource; reason: string }>();
    for (const c of collected) {
      if (!deps.registry.get(c.kind)) reasons.set(keyOf(c), { resource: c, reason: `kind \`${c.kind}\` is not installed here` });
    }
    let kept = collected.filter((c) => !reasons.has(keyOf(c)));
    let result = await compile(kept);
    for (let round = 1; round < MAX_COMPILES; round++) {
      const bad = blame(result.diagnostics, kept);
      if (bad.size === 0) break;
      for (const [key, entry] of bad) reasons.set(key, entry);
      kept = kept.filter((c) => !bad.has(keyOf(c)));
      result = await compile(kept);
    }
    logged = report(reasons, logged, deps.log);
    return result;
  };
}

/**
 * The collected resources that errors are about (their `exports`), with the reasons. A name
 * or identity clash is about every export it involves: the program's own resource stays,
 * and of two exports that clash neither wins, so a host cannot replace another's export by
 * choosing its name.
 */
function blame(diagnostics: readonly Diagnostic[], collected: readonly CollectedResource[]): Map<string, { resource: CollectedResource; reason: string }> {
  const byKey = new Map(collected.map((c) => [keyOf(c), c]));
  const reasons = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    for (const ref of d.exports ?? []) {
      const key = keyOf(ref);
      if (!byKey.has(key)) continue;
      reasons.set(key, [...(reasons.get(key) ?? []), reasonOf(d, ref)]);
    }
  }
  return new Map([...reasons].map(([key, list]) => [key, { resource: byKey.get(key)!, reason: list.join('; ') }]));
}

/** Logs the reasons not logged before; returns what is logged now (a fixed export is forgotten). */
function report(reasons: ReadonlyMap<string, { resource: CollectedResource; reason: string }>, before: ReadonlyMap<string, string>, log: Logger): Map<string, string> {
  const now = new Map<string, string>();
  for (const [key, { resource: c, reason }] of reasons) {
    now.set(key, reason);
    if (before.get(key) === reason) continue;
    log.warn(`ignoring ${refOf(c)} exported by host ${c.host}: ${reason}; the other exports still apply`, {
      event: 'export-ignored',
      host: c.host,
      kind: c.kind,
      name: c.name,
    });
  }
  return now;
}

import { z } from 'zod';
import { capabilityProblems } from '../capabilities.js';
import type { AnyResource, ParamsSchema, ResourceDefinition } from '../define-resource.js';
import { formatIssues } from './context.js';
import { lifecycleChecks, type ValidCase } from './lifecycle-checks.js';

export type { ValidCase } from './lifecycle-checks.js';

/** Params the schema must refuse, with a message matching `message` (tested against `path: message` lines). */
export interface InvalidCase {
  readonly params: unknown;
  readonly message: RegExp;
}

export interface ConformanceSpec<S extends ParamsSchema = ParamsSchema> {
  /** Working resources; each check of a case runs on its own fresh `setup()`. */
  readonly valid: readonly ValidCase<S>[];
  readonly invalid?: readonly InvalidCase[];
  /** How long watch may take to resolve, and then to fire after `drift()`. Default 2000. */
  readonly watchWithinMs?: number;
}

/** One named, framework-neutral check: `run()` rejects with an Error saying what is wrong. */
export interface ConformanceCheck {
  readonly name: string;
  run(): Promise<void>;
}

const KIND_NAME = /^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)*$/;
const PARAM_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The checks every kind must pass (STYLE lesson 10), as a list any test runner can run:
 * meta and names; the params schema renders docs; for each valid case, check has no side
 * effects, noop only checks, check → apply → check converges, watch fires on drift, refresh
 * keeps it converged; each invalid case is refused with its message.
 *
 * Checks of one call run one at a time, whatever the runner does, because a case's checks
 * share the real state its `setup()` makes.
 *
 * @example
 * for (const c of conformance(file, spec)) test(c.name, () => c.run());          // ava
 * for (const c of conformance(file, spec)) it(c.name, () => c.run());            // node:test
 */
export function conformance<S extends ParamsSchema, D, St>(def: ResourceDefinition<S, D, St>, spec: ConformanceSpec<S>): ConformanceCheck[] {
  const any = def as unknown as AnyResource;
  const kind = typeof any.kind === 'string' ? any.kind : String(any.kind);
  let queue: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => (): Promise<void> => {
    const next = queue.then(fn);
    queue = next.catch(() => {});
    return next;
  };
  const checks: ConformanceCheck[] = [
    { name: `${kind}: meta and names follow the rules`, run: async () => checkMeta(any) },
    { name: `${kind}: params schema renders docs`, run: async () => checkSchema(any) },
  ];
  const titles = new Set<string>();
  for (const c of spec.valid) {
    const title = c.title ?? c.name;
    if (titles.has(title)) throw new Error(`conformance(${kind}): two valid cases are titled ${JSON.stringify(title)}; give one a \`title\``);
    titles.add(title);
    for (const check of lifecycleChecks(any, c, spec.watchWithinMs ?? 2000)) {
      checks.push({ name: `${kind} [${title}]: ${check.name}`, run: serial(check.run) });
    }
  }
  for (const c of spec.invalid ?? []) {
    checks.push({ name: `${kind}: rejects ${show(c.params)} with ${String(c.message)}`, run: async () => checkInvalid(any, c) });
  }
  return checks;
}

function checkMeta(def: AnyResource): void {
  const problems: string[] = [];
  if (typeof def.kind !== 'string' || !KIND_NAME.test(def.kind)) {
    problems.push(`kind ${show(def.kind)} must be lowercase letters, digits and _, with : between namespaces (\`docker:container\`)`);
  }
  const description: unknown = def.meta?.description;
  if (typeof description !== 'string' || description.trim() === '') problems.push('meta.description must be a non-empty string (one line: what the kind manages)');
  else if (description.includes('\n')) problems.push('meta.description must be one line; put the rest in meta.docs');
  if (def.meta?.docs !== undefined && typeof def.meta.docs !== 'string') problems.push('meta.docs must be a Markdown string');
  if (!(def.params instanceof z.ZodObject)) problems.push('params must be a zod object (z.object / z.strictObject)');
  else {
    for (const key of Object.keys(def.params.shape)) {
      if (!PARAM_NAME.test(key)) problems.push(`param ${show(key)} must be lowercase snake_case (\`send_output\`, not \`sendOutput\`)`);
    }
  }
  for (const verb of ['check', 'apply'] as const) {
    if (typeof def[verb] !== 'function') problems.push(`${verb} must be a function`);
  }
  problems.push(...capabilityProblems(def));
  if (problems.length > 0) throw new Error(`kind ${show(def.kind)} breaks the contract:\n- ${problems.join('\n- ')}`);
}

function checkSchema(def: AnyResource): void {
  let schema: { properties?: Record<string, { description?: string }> };
  try {
    schema = z.toJSONSchema(def.params, { io: 'input' }) as typeof schema;
  } catch (err) {
    throw new Error(`z.toJSONSchema(${def.kind}.params) fails, so \`mgmt docs ${def.kind}\` cannot render: ${(err as Error).message}`, { cause: err });
  }
  const props = schema.properties ?? {};
  const undocumented = Object.keys(def.params.shape).filter((k) => !props[k]?.description);
  if (undocumented.length > 0) {
    throw new Error(`params of ${def.kind} without a description (add .describe(...), it feeds \`mgmt docs ${def.kind}\`): ${undocumented.join(', ')}`);
  }
}

function checkInvalid(def: AnyResource, c: InvalidCase): void {
  const result = def.params.safeParse(c.params);
  if (result.success) throw new Error(`params ${show(c.params)} were accepted by ${def.kind}, expected a rejection matching ${String(c.message)}`);
  const text = formatIssues(result.error);
  const re = new RegExp(c.message.source, c.message.flags.replace(/[gy]/g, '')); // no lastIndex carried between lines
  if (!text.split('\n').some((line) => re.test(line))) {
    throw new Error(`params ${show(c.params)} were rejected, but no message matches ${String(c.message)}; the messages were:\n${text}`);
  }
}

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

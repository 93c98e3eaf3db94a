import type { z } from 'zod';
import { capabilityProblems, type DeclaredCapabilities } from './capabilities.js';
import type { CheckResult } from './check-result.js';
import type { ResourceContext, StopWatch, WatchContext } from './context.js';

/** Param schemas are zod objects, so the language can list and check every param name. */
export type ParamsSchema = z.ZodObject;

/**
 * The schema of what a kind sends (`sends`): a zod object, one key per output, so the
 * language can check `Exec["e"].stdout -> File["f"].content` before anything runs.
 */
export type SendsSchema = z.ZodObject;

/** A reference to another resource by kind and identity, as returned by `autoEdges`. */
export interface ResourceRef {
  readonly kind: string;
  readonly id: string;
}

/** Descriptive metadata, used by `mgmt docs` and error messages. */
export interface ResourceMeta {
  /** One line: what the kind manages. */
  readonly description: string;
  /** Longer Markdown documentation. */
  readonly docs?: string;
}

/**
 * Everything a resource kind is. Only `kind`, `meta`, `params`, `check` and `apply` are
 * required; the rest are capabilities a kind opts into.
 *
 * The engine's life cycle for one vertex: `state()` once; `check` → (`apply` if drifted
 * and not noop) → `watch` once → on each event `check` → `apply` …; `refresh` when a
 * notifying dependency changed something; the watch's stop function and `signal` on stop.
 */
export interface ResourceDefinition<S extends ParamsSchema = ParamsSchema, D = unknown, St = undefined, O extends SendsSchema = SendsSchema> {
  /** The name used in `.mcl`: lowercase, `:` for namespaces (`file`, `docker:container`). */
  readonly kind: string;
  readonly meta: ResourceMeta;
  /**
   * The params: validation, defaults and docs. Unknown params are rejected.
   *
   * A param whose value must never be shown (a password, a token) is marked secret with zod
   * metadata: `password: z.string().meta({ secret: true }).optional()` (the mark may sit on
   * the param's schema or on one it wraps: `.optional()`, `.default()`…). Then:
   * - `check` must keep its value out of `changes` and `details` (say `set password`, not the
   *   password), and out of error messages and logs;
   * - the engine's reporters redact it anyway: a `details` entry about it keeps only its shape
   *   (`"(secret)"`), and its value is scrubbed from change lines, diffs and error messages;
   * - tools that show params use `redact(def, params)`; `secretParams(def)` lists the names.
   * The mark shows in `z.toJSONSchema` (as `"secret": true`), so `mgmt docs` lists it too.
   */
  readonly params: S;
  /**
   * The identity of a resource within its kind. Two resources of one kind with the same id
   * are the same thing and may not be declared twice. Defaults to the resource name.
   */
  readonly id?: (params: z.output<S>, name: string) => string;
  /**
   * What the kind sends: the schema of its output values, one key per output. A send/recv
   * edge `Exec["e"].stdout -> File["f"].content` makes the sender's last sent `stdout` the
   * receiver's `content` param before each of the receiver's checks (the edge also orders
   * the two, sender first). The language checks statically that the sender declares the
   * output, that the receiver has the param, and that the output's type fits the param's.
   *
   * A kind publishes values with `ctx.send(values)`, in `apply` (and `refresh`), or in
   * `check` when check alone learns them; the values must pass this schema (`send` throws
   * otherwise, failing the verb: a bug in the kind). The engine keeps the last values sent
   * per vertex; a send that differs from the last re-checks the receivers. Sending nothing
   * is allowed (a run that produced nothing new); receivers then keep waiting for a first
   * value. Nothing is sent in noop, since apply never runs.
   *
   * Keys are lowercase snake_case, like params.
   *
   * @example
   * sends: z.object({ stdout: z.string(), exitcode: z.number().int() }),
   * async apply(ctx) { const r = await run(); ctx.send?.({ stdout: r.stdout, exitcode: r.code }) },
   */
  readonly sends?: O;
  /** Per-vertex memory, created once before the first check. */
  readonly state?: () => St;
  /**
   * Reads the real state and compares it with the params. Must be cheap and free of side
   * effects: it runs after every event, and in `--noop`. A drifted result may carry
   * structured `details` (param, from, to, a unified `diff`) besides the `changes` lines;
   * `--noop` prints their diffs.
   */
  check(ctx: ResourceContext<z.output<S>, St, z.input<O>>): Promise<CheckResult<D>>;
  /**
   * Makes the real state match, given check's diff. Converges in one call or throws; must be
   * idempotent; file writes must be atomic (temp file + rename). Never called in noop.
   */
  apply(ctx: ResourceContext<z.output<S>, St, z.input<O>>, diff: D): Promise<void>;
  /**
   * Starts watching the real state. The returned promise must resolve only once the watcher
   * is live, or drift between the first check and the watch would be missed. Call
   * `ctx.event()` whenever the state may have changed.
   */
  watch?(ctx: WatchContext<z.output<S>, St, z.input<O>>): Promise<StopWatch>;
  /**
   * For kinds with no event source: check again every this many seconds. Ignored when
   * `watch` is given (the `Meta:poll` metaparam overrides both).
   */
  readonly poll?: number;
  /** Implicit dependencies: resources this one must come after, when they are in the graph. */
  autoEdges?(params: z.output<S>, name: string): readonly ResourceRef[];
  /**
   * What a notification does (`a ~> b`: b's refresh runs once after a changed something).
   * Services restart; execs run again. Not called in noop.
   */
  refresh?(ctx: ResourceContext<z.output<S>, St, z.input<O>>): Promise<void>;
  /**
   * What the kind promises that its functions cannot show: `simulate` (every drifted check
   * carries `details`, so noop shows exactly what would change; the conformance kit checks
   * it) and `group` (concurrent applies of this kind are batched by the kind itself).
   * Watch, poll, refresh and autoedges are not declared: they follow from the functions
   * above. `capabilities(def)` gives all of them; `mgmt docs` and `mgmt plugin list` show them.
   *
   * @example
   * capabilities: { simulate: true },
   */
  readonly capabilities?: DeclaredCapabilities;
}

/**
 * A resource definition with its types erased, as registries and the engine hold it.
 * Only the engine calls its functions, always with params that passed `params`.
 */
// The erasure is deliberate: a registry holds kinds of many param types at once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResource = ResourceDefinition<ParamsSchema, any, any, SendsSchema>;

/**
 * Declares a resource kind. An identity function: it exists so the params type flows from
 * the schema into every verb, and nothing is written twice.
 *
 * @example
 * export default defineResource({
 *   kind: 'motd',
 *   meta: { description: 'the message of the day' },
 *   params: z.object({ text: z.string() }),
 *   async check(ctx) { return (await read()) === ctx.params.text ? converged : drifted(ctx.params.text, ['rewrite']) },
 *   async apply(ctx, text) { await write(text) },
 * });
 */
export function defineResource<S extends ParamsSchema, D, St = undefined, O extends SendsSchema = SendsSchema>(
  definition: ResourceDefinition<S, D, St, O>,
): ResourceDefinition<S, D, St, O> {
  if (!/^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)*$/.test(definition.kind)) {
    throw new Error(`invalid resource kind name ${JSON.stringify(definition.kind)}: use lowercase, digits, _ and : namespaces`);
  }
  for (const key of Object.keys(definition.params.shape)) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      throw new Error(`kind \`${definition.kind}\`: param ${JSON.stringify(key)} must be lowercase snake_case`);
    }
  }
  for (const key of Object.keys(definition.sends?.shape ?? {})) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      throw new Error(`kind \`${definition.kind}\`: sent value ${JSON.stringify(key)} must be lowercase snake_case`);
    }
  }
  const problems = capabilityProblems(definition);
  if (problems.length > 0) throw new Error(`kind \`${definition.kind}\`: ${problems.join('; ')}`);
  return definition;
}

/** The id of a resource with validated params. */
export const resourceId = (def: AnyResource, params: Record<string, unknown>, name: string): string =>
  def.id ? def.id(params, name) : name;

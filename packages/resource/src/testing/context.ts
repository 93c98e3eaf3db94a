import type { z } from 'zod';
import type { GraphResource, WatchContext } from '../context.js';
import { resourceId, type AnyResource, type ParamsSchema, type ResourceDefinition } from '../define-resource.js';
import type { LogFields, Logger } from '../logger.js';

/** One line written to a test context's logger (children included). */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  /** The child bindings merged with the line's own fields. */
  readonly fields: LogFields;
}

/** Another resource of the graph the tested vertex runs in. */
export interface Sibling {
  /** Its kind's definition; defaults to the kind under test. */
  readonly def?: AnyResource;
  readonly name: string;
  /** Raw params, parsed by the sibling kind's schema as the engine would. */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface MakeContextOptions {
  /** The resource name (`file "/etc/motd"` has name `/etc/motd`). Default `test`. */
  readonly name?: string;
  /** Default `test-host`. */
  readonly hostname?: string;
  /** A `--noop` run. Default false. */
  readonly noop?: boolean;
  /** The other resources of the graph; the tested resource itself is always in it. */
  readonly siblings?: readonly Sibling[];
}

/**
 * A context as the engine builds it for one vertex, plus what the test needs to look at.
 * The engine's context has none of the extra fields; a kind must not rely on them.
 */
export interface TestContext<P, S> extends WatchContext<P, S> {
  /** The reasons passed to `event()`, in order (`''` when none was given). */
  readonly events: string[];
  /** The errors passed to `error()`, in order. */
  readonly errors: Error[];
  /** Every line logged through `log` or its children. */
  readonly lines: LogLine[];
  /** Owns `signal`: `abort()` is what the engine does when the vertex stops. */
  readonly controller: AbortController;
  /** The values passed to `send()`, in order, as parsed by the kind's `sends` schema. */
  readonly sent: Record<string, unknown>[];
}

/** A logger that records every line, children included, into `lines`. */
export function recordingLogger(lines: LogLine[], bindings: LogFields = {}): Logger {
  const at =
    (level: LogLine['level']) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, fields: { ...bindings, ...fields } });
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

/** `path: message` per issue, one per line: what a test (or a regex) reads. */
export const formatIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(params)'}: ${i.message}`).join('\n');

/** Parses raw params with a kind's schema, throwing an Error that names the resource and every issue. */
export function parseParams(def: AnyResource, raw: unknown, name: string): Record<string, unknown> {
  const result = def.params.safeParse(raw);
  if (!result.success) {
    throw new Error(`invalid params for ${def.kind}[${name}]:\n${formatIssues(result.error)}`);
  }
  return result.data;
}

/** Parses sent values with a kind's `sends` schema, throwing as the engine's `send` does. */
export function parseSent(def: AnyResource, values: unknown): Record<string, unknown> {
  if (!def.sends) throw new Error(`kind \`${def.kind}\` sends nothing: it declares no \`sends\` schema`);
  const result = def.sends.safeParse(values);
  if (!result.success) throw new Error(`${def.kind} sent invalid values:\n${formatIssues(result.error)}`);
  return result.data;
}

/**
 * Builds the context the engine gives a vertex of `def`: params parsed by the kind's schema
 * (an Error lists every issue if they are invalid), a fresh AbortController, a recording
 * logger, `state` from `def.state()`, and a graph view holding this resource and `siblings`,
 * each with the id its own kind's `id()` gives. One context serves every verb, as in the
 * engine, so `state` carries over from check to apply to watch.
 *
 * @example
 * const ctx = makeContext(file, { content: 'hi\n' }, { name: '/tmp/x/motd' });
 * const r = await file.check(ctx);
 * if (!r.ok) await file.apply(ctx, r.diff);
 */
export function makeContext<S extends ParamsSchema, D, St>(
  def: ResourceDefinition<S, D, St>,
  rawParams: z.input<S>,
  opts: MakeContextOptions = {},
): TestContext<z.output<S>, St> {
  const any = def as unknown as AnyResource;
  const name = opts.name ?? 'test';
  const params = parseParams(any, rawParams, name);
  const self: GraphResource = { kind: def.kind, name, id: resourceId(any, params, name), params };
  const others = (opts.siblings ?? []).map((s): GraphResource => {
    const sdef = s.def ?? any;
    const sparams = parseParams(sdef, s.params ?? {}, s.name);
    return { kind: sdef.kind, name: s.name, id: resourceId(sdef, sparams, s.name), params: sparams };
  });
  const graph = [self, ...others];
  const controller = new AbortController();
  const events: string[] = [];
  const errors: Error[] = [];
  const lines: LogLine[] = [];
  const sent: Record<string, unknown>[] = [];
  return {
    kind: def.kind,
    name,
    params: params as z.output<S>,
    log: recordingLogger(lines, { kind: def.kind, name }),
    signal: controller.signal,
    hostname: opts.hostname ?? 'test-host',
    noop: opts.noop ?? false,
    graph: { resources: (kind) => graph.filter((r) => r.kind === kind) },
    state: (def.state ? def.state() : undefined) as St,
    event: (reason) => void events.push(reason ?? ''),
    error: (err) => void errors.push(err),
    // As the engine does: a kind may only send what its `sends` schema declares.
    send: (values) => void sent.push(parseSent(any, values)),
    events,
    sent,
    errors,
    lines,
    controller,
  };
}

import type { Diagnostic, ExportRef, Span } from '@mgmt/resource';

// One factory per code, alphabetical. Call sites never format text.

/** Where a diagnostic points: the graph file and a span in it. */
export interface At {
  readonly file: string;
  readonly span: Span;
}

const error = (code: string, message: string, at: At | undefined, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code,
  severity: 'error',
  message,
  ...(at ? { file: at.file, span: at.span } : {}),
  ...extra,
});

const warning = (code: string, message: string, at: At, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  ...error(code, message, at, extra),
  severity: 'warning',
});

const didYouMean = (s: string | undefined): string => (s ? `did you mean \`${s}\`? ` : '');
const listed = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** Two `collect` entries for one kind: the Go mgmt let the last pattern win, so do we. */
export const collectTwice = (at: At, kind: string): Diagnostic =>
  warning('YAML_COLLECT_TWICE', `kind \`${kind}\` is collected twice; the last pattern wins`, at, { hint: 'keep one `collect` entry per kind' });

/** An export from another host (or this one) that the kind's schema refuses once collected. */
export const collectedInvalid = (at: At, c: ExportRef, detail: string): Diagnostic =>
  error('YAML_COLLECTED_INVALID', `${c.kind}[${c.name}], collected from host ${c.host}: ${detail}`, at, {
    hint: `fix the export on host ${c.host}, or stop collecting this kind`,
    exports: [{ host: c.host, kind: c.kind, name: c.name }],
  });

/** A Go param or metaparam we leave out, because nothing here can honour it. */
export const dropped = (at: At, what: string, why: string): Diagnostic =>
  warning('YAML_DROPPED', `${what} is ignored: ${why}`, at);

export const duplicateResource = (at: At, ref: string, line: number): Diagnostic =>
  error('YAML_DUPLICATE_RESOURCE', `${ref} is declared twice`, at, { hint: `the first is on line ${line}` });

/** A collected resource that clashes with a resource of this graph or another collected one. */
export const duplicateCollected = (at: At, c: ExportRef): Diagnostic =>
  error('YAML_DUPLICATE_RESOURCE', `${c.kind}[${c.name}], collected from host ${c.host}, is already in the graph with other params`, at, {
    hint: 'exported names must be unique across the hosts that collect them',
    exports: [{ host: c.host, kind: c.kind, name: c.name }],
  });

export const exportedMeta = (at: At, ref: string): Diagnostic =>
  error('YAML_EXPORTED_META', `${ref} is exported, and metaparams are not exported with it`, at, {
    hint: 'remove `meta` here; the collecting host runs the resource with its own defaults',
  });

export const fileNotFound = (path: string): Diagnostic =>
  error('YAML_FILE_NOT_FOUND', `no such file: ${path}`, undefined, { hint: 'usage: mgmt run yaml FILE.yaml' });

/** `param` undefined: the problem is in the params as a whole; `meta`: it is a metaparam. */
export const invalidParam = (at: At, ref: string, param: string | undefined, detail: string, meta = false): Diagnostic =>
  error('YAML_INVALID_PARAM', `${ref}: ${param ? `${meta ? 'metaparam ' : ''}\`${param}\`: ` : ''}${detail}`, at, param ? { path: [param] } : {});

export const missingField = (at: At, what: string, field: string): Diagnostic =>
  error('YAML_MISSING_FIELD', `${what} has no \`${field}\``, at);

export const notAGraph = (at: At): Diagnostic =>
  error('YAML_NOT_A_GRAPH', 'this is not a graph file: it needs a top-level `graph: NAME`', at, {
    hint: 'a graph file has `graph`, `resources`, and optionally `edges` and `collect`',
  });

export const readFailed = (path: string, reason: string): Diagnostic => error('YAML_READ_FAILED', `cannot read ${path}: ${reason}`, undefined);

export const syntax = (at: At, message: string): Diagnostic => error('YAML_SYNTAX', message, at);

export const typeMismatch = (at: At, what: string, expected: string): Diagnostic =>
  error('YAML_TYPE_MISMATCH', `${what} must be ${expected}`, at);

export const unknownEdgeTarget = (at: At, ref: string, suggestion: string | undefined, exported: boolean): Diagnostic =>
  error('YAML_UNKNOWN_EDGE_TARGET', `an edge names ${ref}, which is not in this graph`, at, {
    hint: exported
      ? `${ref} is exported (\`@@\`), so it is in the graph of the hosts that collect it, not here`
      : (didYouMean(suggestion).trim() || 'an edge joins two resources of `resources` (or of a collected kind)'),
  });

export const unknownField = (at: At, where: string, key: string, suggestion: string | undefined, known: readonly string[]): Diagnostic =>
  error('YAML_UNKNOWN_FIELD', `${where} has no field \`${key}\``, at, {
    hint: suggestion ? didYouMean(suggestion).trim() : `the fields are ${listed(known)}`,
  });

export const unknownKind = (at: At, kind: string, plugin: string, suggestion: string | undefined): Diagnostic =>
  error('YAML_UNKNOWN_KIND', `no plugin provides kind \`${kind}\``, at, {
    hint: `${didYouMean(suggestion)}${suggestion ? 'Otherwise run' : 'run'} \`mgmt plugin add ${plugin}\``,
  });

export const unknownMeta = (at: At, key: string, suggestion: string | undefined, known: readonly string[]): Diagnostic =>
  error('YAML_UNKNOWN_META', `unknown metaparam \`${key}\``, at, {
    hint: suggestion ? didYouMean(suggestion).trim() : `the metaparams are ${listed(known)}`,
  });

export const unknownParam = (at: At, kind: string, key: string, suggestion: string | undefined, known: readonly string[]): Diagnostic =>
  error('YAML_UNKNOWN_PARAM', `kind \`${kind}\` has no param \`${key}\``, at, {
    path: [key],
    hint: `${suggestion ? didYouMean(suggestion) : `its params are ${listed(known)}. `}See \`mgmt docs ${kind}\`.`,
  });

/** A Go field or value with no equivalent here whose loss would change what gets applied. */
export const unsupported = (at: At, what: string, why: string): Diagnostic =>
  error('YAML_UNSUPPORTED', `${what} is not supported: ${why}`, at);

import type { Span } from './diagnostic.js';
import type { Metaparams } from './metaparams.js';

/** Where a resource was declared, so runtime errors can point back at the `.mcl`. */
export interface Origin {
  readonly file: string;
  /** The whole declaration. */
  readonly span: Span;
  /** The span of each `param => value`, keyed by param name. */
  readonly paramSpans?: Readonly<Record<string, Span>>;
  /** The source text, so a runtime error can render a frame without reading the file again. */
  readonly source?: string;
}

/** One resource of an evaluated program: the input to the engine. */
export interface ResourceDecl {
  readonly kind: string;
  readonly name: string;
  /** Params as validated by the kind's schema (defaults filled). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly meta: Metaparams;
  readonly origin?: Origin;
}

/** A resource as named by an edge: kind and name, as in `File["/tmp/a"]`. */
export interface DeclRef {
  readonly kind: string;
  readonly name: string;
}

/**
 * One value carried along an edge: the sender's output `send` becomes the receiver's param
 * `recv` (`Exec["e"].stdout -> File["f"].content` is `{ send: 'stdout', recv: 'content' }`).
 */
export interface SendRecv {
  /** A key of the sender kind's `sends` schema. */
  readonly send: string;
  /** A param of the receiver kind. */
  readonly recv: string;
}

/** `from -> to` (order), or `from ~> to` (order and notify: to's refresh runs if from changed). */
export interface EdgeDecl {
  readonly from: DeclRef;
  readonly to: DeclRef;
  readonly notify: boolean;
  /**
   * Send/recv pairs: values `from` sends that become params of `to`, before each of `to`'s
   * checks. Absent or empty: a plain ordering edge. A param receives from one sender only.
   */
  readonly sendRecv?: readonly SendRecv[];
}

/** What the language produces and the engine runs. */
export interface ResourceGraph {
  readonly resources: readonly ResourceDecl[];
  readonly edges: readonly EdgeDecl[];
}

/** The display form of a resource: `kind[name]`. */
export const displayRef = (r: DeclRef): string => `${r.kind}[${r.name}]`;

/** The display form of a send/recv pair: `exec[e].stdout -> file[/tmp/f].content`. */
export const displaySendRecv = (from: DeclRef, to: DeclRef, pair: SendRecv): string =>
  `${displayRef(from)}.${pair.send} -> ${displayRef(to)}.${pair.recv}`;

/** Offsets in the template's text (0-based, end-exclusive), for errors with a line:col. */
export interface TSpan {
  readonly start: number;
  readonly end: number;
}

/** `.a.b`: keys looked up from the current value (`.`), each with its place. No keys: `.` itself. */
export interface KeyPath {
  readonly keys: readonly { readonly name: string; readonly span: TSpan }[];
  readonly span: TSpan;
}

/** A parsed template: text and the four actions of the subset, each with the span of its `{{ … }}`. */
export type TNode =
  | { readonly t: 'text'; readonly text: string; readonly span: TSpan }
  | { readonly t: 'print'; readonly path: KeyPath; readonly span: TSpan }
  | { readonly t: 'if'; readonly branches: readonly { readonly cond: KeyPath; readonly body: readonly TNode[] }[]; readonly otherwise?: readonly TNode[]; readonly span: TSpan }
  | { readonly t: 'range'; readonly over: KeyPath; readonly body: readonly TNode[]; readonly otherwise?: readonly TNode[]; readonly span: TSpan };

/** Why a template does not parse or render: words, and the part of the template at fault. */
export class TemplateProblem {
  constructor(
    readonly message: string,
    readonly span: TSpan,
  ) {}
}

/** `.a.b` as written (`.` for the current value), for messages. */
export const pathText = (keys: readonly { readonly name: string }[]): string => (keys.length === 0 ? '.' : keys.map((k) => `.${k.name}`).join(''));

import { TemplateProblem, type KeyPath, type TNode, type TSpan } from './nodes.js';

/**
 * Parses a template of Go's text/template syntax, the subset `template()` runs: `{{ .a.b }}`,
 * `{{ if }}`/`{{ else if }}`/`{{ else }}`/`{{ end }}`, `{{ range }}` (with `{{ else }}`),
 * `{{/* comments *\/}}` and the `{{- ` / ` -}}` trim markers. Anything else (functions,
 * pipes, variables, `with`, `define`) is refused here, so a template never runs code.
 * Stops at the first problem. Iterative: deep nesting cannot overflow the stack.
 */
export function parseTemplate(text: string): readonly TNode[] | TemplateProblem {
  const root: TNode[] = [];
  const stack: Frame[] = [];
  const body = (): TNode[] => (stack.length === 0 ? root : bodyOf(stack[stack.length - 1]!));
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const open = text.indexOf('{{', pos);
    let raw = text.slice(pos, open === -1 ? undefined : open);
    if (trimNext) raw = raw.replace(/^[ \t\r\n]+/, '');
    const action = open === -1 ? undefined : readAction(text, open);
    if (action instanceof TemplateProblem) return action;
    if (action?.trimLeft) raw = trimEnd(raw);
    if (raw !== '') body().push({ t: 'text', text: raw, span: { start: pos, end: open === -1 ? text.length : open } });
    if (!action) break;
    pos = action.span.end;
    trimNext = action.trimRight;
    if (action.comment) continue;
    const problem = apply(action, stack, body());
    if (problem) return problem;
  }
  const open = stack[stack.length - 1];
  return open ? new TemplateProblem(`\`{{ ${open.node.t} }}\` has no \`{{ end }}\``, open.node.span) : root;
}

type IfNode = { t: 'if'; branches: { cond: KeyPath; body: TNode[] }[]; otherwise?: TNode[]; span: TSpan };
type RangeNode = { t: 'range'; over: KeyPath; body: TNode[]; otherwise?: TNode[]; span: TSpan };

/** An `if` or `range` whose `{{ end }}` is still to come. */
interface Frame {
  readonly node: IfNode | RangeNode;
}

const bodyOf = ({ node }: Frame): TNode[] => node.otherwise ?? (node.t === 'if' ? node.branches[node.branches.length - 1]!.body : node.body);

interface Action {
  /** The whole `{{ … }}`. */
  readonly span: TSpan;
  /** The words inside, with their places. */
  readonly words: readonly Word[];
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
  readonly comment: boolean;
}

interface Word {
  readonly text: string;
  readonly span: TSpan;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

// A loop, not /\s+$/: that regex takes quadratic time on long runs of spaces that end before the end.
function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s[end - 1])) end--;
  return s.slice(0, end);
}

/** The action opened at `open`; as in Go, a trim marker is a `-` with whitespace on its inner side. */
function readAction(text: string, open: number): Action | TemplateProblem {
  const trimLeft = text[open + 2] === '-' && isSpace(text[open + 3]);
  const start = open + (trimLeft ? 3 : 2);
  let from = start;
  while (isSpace(text[from])) from++;
  const comment = text.startsWith('/*', from);
  // A comment may hold `}}`: its action ends at the first `}}` after `*/`.
  const commentEnd = comment ? text.indexOf('*/', from + 2) : from;
  if (commentEnd === -1) return new TemplateProblem('unclosed comment: `/*` has no `*/`', { start: from, end: from + 2 });
  const close = text.indexOf('}}', commentEnd);
  if (close === -1) return new TemplateProblem('unclosed action: `{{` has no `}}`', { start: open, end: open + 2 });
  const trimRight = close - 2 >= start && text[close - 1] === '-' && isSpace(text[close - 2]);
  const end = trimRight ? close - 1 : close;
  const span = { start: open, end: close + 2 };
  if (comment && text.slice(commentEnd + 2, end).trim() !== '') return new TemplateProblem('text after a comment: write `{{/* … */}}`', span);
  const words = [...text.slice(start, end).matchAll(/[^ \t\r\n]+/g)].map((m) => ({ text: m[0], span: { start: start + m.index, end: start + m.index + m[0].length } }));
  return { span, words, trimLeft, trimRight, comment };
}

/** Deeper nesting is surely a mistake, and rendering recurses once per level. */
export const MAX_DEPTH = 100;

const KEYWORDS = new Set(['with', 'define', 'template', 'block', 'break', 'continue', 'nil']);

/** Adds one action to the template being built; a problem if it is not one of the subset or is misplaced. */
function apply(action: Action, stack: Frame[], body: TNode[]): TemplateProblem | undefined {
  const [first, ...rest] = action.words;
  if (!first) return new TemplateProblem('empty action `{{ }}`', action.span);
  const pipe = action.words.find((w) => w.text.includes('|'));
  if (pipe) return new TemplateProblem('pipes (`|`) are not supported', { start: pipe.span.start + pipe.text.indexOf('|'), end: pipe.span.start + pipe.text.indexOf('|') + 1 });
  const top = stack[stack.length - 1];
  switch (first.text) {
    case 'if':
    case 'range': {
      const path = onePath(first, rest);
      if (path instanceof TemplateProblem) return path;
      if (stack.length >= MAX_DEPTH) return new TemplateProblem(`more than ${MAX_DEPTH} nested \`{{ if }}\` and \`{{ range }}\``, action.span);
      const node: IfNode | RangeNode =
        first.text === 'if' ? { t: 'if', branches: [{ cond: path, body: [] }], span: action.span } : { t: 'range', over: path, body: [], span: action.span };
      body.push(node);
      stack.push({ node });
      return undefined;
    }
    case 'else': {
      if (!top) return new TemplateProblem('`{{ else }}` without `{{ if }}` or `{{ range }}`', action.span);
      if (top.node.otherwise) return new TemplateProblem(`a second \`{{ else }}\` in one \`{{ ${top.node.t} }}\``, action.span);
      if (rest.length === 0) {
        top.node.otherwise = [];
        return undefined;
      }
      if (rest[0]!.text !== 'if') return new TemplateProblem('`{{ else }}` takes nothing, or `if` and a value: `{{ else if .key }}`', rest[0]!.span);
      if (top.node.t !== 'if') return new TemplateProblem('`{{ else if }}` belongs to an `{{ if }}`, not a `{{ range }}`', action.span);
      const cond = onePath(rest[0]!, rest.slice(1));
      if (cond instanceof TemplateProblem) return cond;
      top.node.branches.push({ cond, body: [] });
      return undefined;
    }
    case 'end':
      if (!top) return new TemplateProblem('`{{ end }}` without `{{ if }}` or `{{ range }}`', action.span);
      if (rest.length > 0) return new TemplateProblem('`{{ end }}` takes nothing', rest[0]!.span);
      stack.pop();
      return undefined;
    default: {
      if (first.text.startsWith('.')) {
        const path = onePath(undefined, action.words);
        if (path instanceof TemplateProblem) return path;
        body.push({ t: 'print', path, span: action.span });
        return undefined;
      }
      return new TemplateProblem(refusal(first.text), first.span);
    }
  }
}

/** Why a word that starts an action is not one of the subset. */
function refusal(word: string): string {
  if (word.startsWith('$')) return `variables (\`${word}\`) are not supported; write \`.key\``;
  if (KEYWORDS.has(word)) return `\`{{ ${word} }}\` is not supported`;
  if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(word)) return `function calls are not supported: \`${word}\``;
  return `unknown action \`${word}\`; write \`{{ .key }}\`, \`{{ if .key }}\`, \`{{ range .key }}\`, \`{{ else }}\` or \`{{ end }}\``;
}

/** The one key path of an action (after `keyword`, if any): no arguments, no calls. */
function onePath(keyword: Word | undefined, words: readonly Word[]): KeyPath | TemplateProblem {
  const [word, extra] = words;
  if (!word) return new TemplateProblem(`\`${keyword!.text}\` needs a value, such as \`{{ ${keyword!.text} .key }}\``, keyword!.span);
  if (extra) return new TemplateProblem(`an action takes one value: arguments and function calls are not supported (\`${extra.text}\`)`, extra.span);
  if (word.text === '.') return { keys: [], span: word.span };
  if (!/^(?:\.[\p{L}\p{N}_]+)+$/u.test(word.text)) {
    return new TemplateProblem(`invalid value \`${word.text}\`: write \`.\`, \`.key\` or \`.key.inner\` (keys of letters, digits and \`_\`)`, word.span);
  }
  const keys = [...word.text.matchAll(/\.([^.]+)/g)].map((m) => ({ name: m[1]!, span: { start: word.span.start + m.index, end: word.span.start + m.index + m[0].length } }));
  return { keys, span: word.span };
}

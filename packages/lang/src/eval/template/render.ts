import { closest } from '../../diagnostics/did-you-mean.js';
import { RefValue, typeName, type Value, type ValueMap } from '../values.js';
import { pathText, TemplateProblem, type KeyPath, type TNode, type TSpan } from './nodes.js';

/** The longest output, in characters: a template in a loop must not fill the agent's memory. */
export const MAX_OUTPUT = 1 << 20;
/** The most nodes run: nested `range`s over long lists can take long while printing nothing. */
export const MAX_STEPS = 1_000_000;

interface Run {
  out: string;
  steps: number;
}

/**
 * Runs a parsed template with `vars` as `.`. Reads only `vars`, and only their own keys
 * (`.constructor` is a missing key like any other). Stops at the first problem.
 */
export function renderTemplate(nodes: readonly TNode[], vars: ValueMap): string | TemplateProblem {
  const run: Run = { out: '', steps: 0 };
  const problem = renderNodes(nodes, vars, run);
  return problem ?? run.out;
}

function renderNodes(nodes: readonly TNode[], dot: Value, run: Run): TemplateProblem | undefined {
  for (const node of nodes) {
    const problem = renderNode(node, dot, run);
    if (problem) return problem;
  }
  return undefined;
}

function renderNode(node: TNode, dot: Value, run: Run): TemplateProblem | undefined {
  if (++run.steps > MAX_STEPS) return new TemplateProblem(`the template takes more than ${MAX_STEPS} steps`, node.span);
  switch (node.t) {
    case 'text':
      return write(run, node.text, node.span);
    case 'print': {
      const v = lookup(node.path, dot);
      if (v instanceof TemplateProblem) return v;
      // As `${…}` formats: strings, numbers and bools; a list or map has no one way to print.
      if (typeof v === 'object') return new TemplateProblem(`\`${pathText(node.path.keys)}\` is ${article(v)}: only strings, numbers and bools can be printed`, node.path.span);
      return write(run, String(v), node.span);
    }
    case 'if': {
      for (const branch of node.branches) {
        const v = lookup(branch.cond, dot);
        if (v instanceof TemplateProblem) return v;
        if (truthy(v)) return renderNodes(branch.body, dot, run);
      }
      return node.otherwise && renderNodes(node.otherwise, dot, run);
    }
    case 'range': {
      const v = lookup(node.over, dot);
      if (v instanceof TemplateProblem) return v;
      if (typeof v !== 'object' || v instanceof RefValue) {
        return new TemplateProblem(`cannot range over \`${pathText(node.over.keys)}\`, ${article(v)}: only over a list or a map`, node.over.span);
      }
      // A map's values, in the order of its sorted keys, as `map.values` gives them.
      const items = Array.isArray(v) ? (v as readonly Value[]) : Object.keys(v).sort().map((k) => (v as ValueMap)[k]!);
      if (items.length === 0) return node.otherwise && renderNodes(node.otherwise, dot, run);
      for (const item of items) {
        if (++run.steps > MAX_STEPS) return new TemplateProblem(`the template takes more than ${MAX_STEPS} steps`, node.span);
        const problem = renderNodes(node.body, item, run);
        if (problem) return problem;
      }
      return undefined;
    }
  }
}

function write(run: Run, text: string, span: TSpan): TemplateProblem | undefined {
  run.out += text;
  return run.out.length <= MAX_OUTPUT ? undefined : new TemplateProblem(`the output is longer than ${MAX_OUTPUT} characters (1 MiB)`, span);
}

/** The value of `.a.b` from `dot`: each key must be in a map, as its own key. */
function lookup(path: KeyPath, dot: Value): Value | TemplateProblem {
  let v = dot;
  for (let i = 0; i < path.keys.length; i++) {
    const key = path.keys[i]!;
    const where = pathText(path.keys.slice(0, i));
    if (typeof v !== 'object' || Array.isArray(v) || v instanceof RefValue) {
      return new TemplateProblem(`\`${where}\` is ${article(v)}, not a map: it has no key \`${key.name}\``, key.span);
    }
    const map = v as ValueMap;
    if (!Object.hasOwn(map, key.name)) {
      const near = closest(key.name, Object.keys(map));
      const inWhat = i === 0 ? '' : ` in \`${where}\``;
      return new TemplateProblem(`missing key \`${key.name}\`${inWhat}${near ? `; did you mean \`${near}\`?` : ''}`, key.span);
    }
    v = map[key.name]!;
  }
  return v;
}

/** Go's truth: false, 0, "", and an empty list or map are false; anything else is true. */
export function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  if (v instanceof RefValue) return true;
  return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
}

const article = (v: Value): string => {
  const name = typeName(v);
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
};

import { LineIndex } from '../../diagnostics/position.js';
import { T } from '../../types/type.js';
import { TemplateProblem, type TNode } from '../template/nodes.js';
import { parseTemplate } from '../template/parse.js';
import { renderTemplate } from '../template/render.js';
import type { ValueMap } from '../values.js';
import { ArgError, param, type FuncDef, type StaticArg } from './types.js';

/** A problem of the template as a refusal of argument 1, with its line:col in the template. */
function refuse(text: string, problem: TemplateProblem): ArgError {
  const { line, column } = new LineIndex(text).locate(problem.span.start);
  return new ArgError(`at ${line + 1}:${column + 1} of the template: ${problem.message}`, 0, undefined, problem.span);
}

// Templates repeat (a loop, a re-evaluation every second): each is parsed once. The bound
// keeps computed templates, which could come from a file or another host, from growing it forever.
const MAX_CACHED = 1000;
const cache = new Map<string, readonly TNode[] | TemplateProblem>();

function parsed(text: string): readonly TNode[] | TemplateProblem {
  let nodes = cache.get(text);
  if (nodes === undefined) {
    nodes = parseTemplate(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, nodes);
  }
  return nodes;
}

function run(text: string, vars: ValueMap): string | ArgError {
  const nodes = parsed(text);
  if (nodes instanceof TemplateProblem) return refuse(text, nodes);
  const out = renderTemplate(nodes, vars);
  return out instanceof TemplateProblem ? refuse(text, out) : out;
}

/** A literal template is parsed before running; with literal vars too, it is rendered (the same refusals as `call`). */
function check([text, vars]: readonly StaticArg[]): ArgError | undefined {
  if (typeof text?.constant !== 'string') return undefined;
  const known = vars?.constant;
  if (known !== undefined && typeof known === 'object' && !Array.isArray(known)) {
    const out = run(text.constant, known as ValueMap);
    return out instanceof ArgError ? out : undefined;
  }
  const nodes = parsed(text.constant);
  return nodes instanceof TemplateProblem ? refuse(text.constant, nodes) : undefined;
}

/** `template(text, vars)`: Go's text/template syntax over `vars`, and nothing else. */
export const template: FuncDef = {
  params: [param('template', T.str), param('vars', T.map(T.unknown))],
  returns: T.str,
  doc:
    'The text `template` with its actions filled from `vars`, in a subset of Go text/template: `{{ .key }}` and `{{ .key.inner }}` print a string, number or bool; ' +
    '`{{ if .key }}…{{ else if .other }}…{{ else }}…{{ end }}` (false, 0, "", and an empty list or map are false); ' +
    '`{{ range .key }}…{{ . }}…{{ else }}…{{ end }}` over a list, or over a map\'s values in the order of its keys; `{{/* comments */}}`; `{{- ` and ` -}}` trim whitespace. ' +
    'No functions, pipes or variables; a missing key, a malformed template or an output over 1 MiB is an error, with its line:col in the template.',
  call: ([text, vars]) => run(text as string, vars as ValueMap),
  check,
};

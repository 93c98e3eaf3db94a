import test from 'ava';
import { compile, evaluate, parse, renderDiagnostic, type Expr, type Program, type Span, type Stmt, type TopStmt } from '../src/index.js';
import { mutate, program, rng, seeds, type Rng } from './helpers/fuzz-programs.js';
import { registry } from './helpers/registry.js';

// The check before evaluation has no false positives (the issue: "a correct program must
// still pass"), as a property over random programs: whenever evaluation alone accepts a
// program, every error the check adds is in code that may not have run (a function or class
// body, a branch of an `if`, a loop body, the right side of `&&`/`||`, a collect), which is
// the check's job. An error anywhere else would be one the evaluator just proved wrong.
// `MCL_FUZZ_SEED` and `MCL_FUZZ_CASES` as in fuzz.test.ts.

const SEED = Number(process.env['MCL_FUZZ_SEED'] ?? 0x6d636c);
const CASES = Number(process.env['MCL_FUZZ_CASES'] ?? 1500);

/** The spans of code that may not run when the program is evaluated. */
function mayNotRun(ast: Program): Span[] {
  const out: Span[] = [];
  const expr = (e: Expr): void => {
    if (e.type === 'if') out.push(e.then.span, e.otherwise.span);
    if (e.type === 'binary' && (e.op === '&&' || e.op === '||')) out.push(e.right.span);
    for (const child of Object.values(e).flat()) if (child && typeof child === 'object' && 'type' in child) expr(child as Expr);
  };
  const stmt = (s: Stmt | TopStmt): void => {
    if (s.type === 'func' || s.type === 'class' || s.type === 'collect') out.push(s.span);
    else if (s.type === 'if') out.push(...[...s.then, ...(s.otherwise ?? [])].map((b) => b.span));
    else if (s.type === 'for') out.push(...s.body.map((b) => b.span));
    if (s.type === 'if') expr(s.cond);
    else if (s.type === 'for') expr(s.iterable);
    else if (s.type === 'assign') expr(s.value);
    else if (s.type === 'resource' || s.type === 'export') {
      const r = s.type === 'export' ? s.resource : s;
      expr(r.name);
      r.params.forEach((p) => expr(p.value));
    }
  };
  ast.stmts.forEach(stmt);
  return out;
}

function run(t: import('ava').ExecutionContext, label: string, seed: number, make: (r: Rng) => string): void {
  const r = rng(seed);
  let accepted = 0;
  let caught = 0;
  for (let i = 0; i < CASES; i++) {
    const text = make(r);
    const { ast } = parse({ path: 'main.mcl', text });
    if (!ast) continue;
    const opts = { registry, hostname: 'fuzz-host', env: {}, readFile: () => 'text', now: () => 0 };
    if (evaluate([{ ast, source: text }], opts).diagnostics.length > 0) continue;
    accepted++;
    const result = compile([{ path: 'main.mcl', text }], opts);
    if (result.diagnostics.length === 0) continue;
    caught++;
    const cold = mayNotRun(ast);
    const wrong = result.diagnostics.filter((d) => !cold.some((c) => d.span && c.start <= d.span.start && d.span.end <= c.end));
    if (wrong.length > 0) {
      const shown = wrong.map((d) => renderDiagnostic(d, result.sources)).join('\n\n');
      t.fail(`${label}: seed ${seed}, case ${i}: evaluation accepts this program, but the check reports code that ran:\n${text}\n${shown}`);
      return;
    }
  }
  t.log(`${label}: ${accepted} programs accepted by evaluation alone; the check found errors in code that did not run in ${caught}`);
  t.true(accepted > 0, 'some programs are valid');
}

test('random programs that evaluate cleanly get no error from the check outside code that did not run', (t) => {
  run(t, 'grammar', SEED + 3, program);
});

test('mutated fixtures that evaluate cleanly get no error from the check outside code that did not run', (t) => {
  const single = seeds.filter((s) => s.files.length === 1 && !s.collected);
  run(t, 'mutation', SEED + 4, (r) => {
    let text = r.pick(single).files[0]!.text;
    for (let i = 0, n = 1 + r.int(3); i < n; i++) text = mutate(text, r);
    return text;
  });
});

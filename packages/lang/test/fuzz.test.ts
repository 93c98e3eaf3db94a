import test from 'ava';
import { performance } from 'node:perf_hooks';
import { compile, renderDiagnostic, type CollectedResource, type CompileResult } from '../src/index.js';
import { registry } from './helpers/registry.js';
import { mutate, program, rng, seeds, soup, type Rng } from './helpers/fuzz-programs.js';

// Fuzzing the checker (the issue: "a property-based or fuzz test that feeds random and mutated
// programs and asserts the checker never throws an internal error, hangs, or applies
// anything"). No dependency: a seeded PRNG generates (a) soups of the language's tokens and
// (b) mutations of the valid fixture programs. For every case, `compile`
//   - returns (never throws),
//   - within CASE_LIMIT_MS,
//   - gives either a graph and no diagnostic at all, or no graph and at least one error,
//     each with an `MCL_…` code and, when it has a span, a span inside a file it was given;
//   - and every diagnostic renders.
// `compile` never applies anything by construction; what the property pins down is that a
// result with errors has no graph, so nothing can be applied from it.
//
// The seed is fixed so that CI is reproducible; `MCL_FUZZ_SEED=<n>` explores another run and
// `MCL_FUZZ_CASES=<n>` changes the number of cases of each test. A failure prints the seed,
// the case number and the program.

const SEED = Number(process.env['MCL_FUZZ_SEED'] ?? 0x6d636c);
const CASES = Number(process.env['MCL_FUZZ_CASES'] ?? 1500);
const CASE_LIMIT_MS = 2000;

interface Case {
  files: { path: string; text: string }[];
  readable?: Map<string, string>;
  collected?: CollectedResource[];
}

/** Compiles one case and returns what is wrong with the result, or undefined. */
function check(c: Case): { problem?: string; ms: number; result?: CompileResult } {
  const readable = c.readable ?? new Map<string, string>();
  const t0 = performance.now();
  let result: CompileResult;
  try {
    result = compile(c.files, {
      registry,
      hostname: 'fuzz-host',
      env: { MCL_TEST: 'from-env' },
      // never the disk: compile stays a pure function of the case
      readFile: (p) => {
        const text = readable.get(p);
        if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
        return text;
      },
      now: () => 1_700_000_000_000,
      ...(c.collected ? { collected: c.collected } : {}),
    });
  } catch (error) {
    return { problem: `compile threw: ${(error as Error)?.stack ?? String(error)}`, ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  if (ms > CASE_LIMIT_MS) return { problem: `compile took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`, ms, result };
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.graph) {
    if (result.diagnostics.length > 0) return { problem: `a graph, and diagnostics: ${JSON.stringify(result.diagnostics)}`, ms, result };
    return { ms, result };
  }
  if (errors.length === 0) return { problem: `no graph, and no error: ${JSON.stringify(result.diagnostics)}`, ms, result };
  for (const d of result.diagnostics) {
    if (!/^MCL_[A-Z_]+$/.test(d.code)) return { problem: `code ${JSON.stringify(d.code)} is not MCL_…: ${d.message}`, ms, result };
    if (d.span) {
      const text = d.file === undefined ? undefined : result.sources.get(d.file);
      if (text === undefined) return { problem: `${d.code} has a span in an unknown file ${String(d.file)}`, ms, result };
      const { start, end } = d.span;
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
        return { problem: `${d.code} has span ${start}..${end} outside ${d.file} (${text.length} chars): ${d.message}`, ms, result };
      }
    }
    try {
      renderDiagnostic(d, result.sources);
    } catch (error) {
      return { problem: `renderDiagnostic threw on ${d.code}: ${(error as Error)?.stack ?? String(error)}`, ms, result };
    }
  }
  return { ms, result };
}

function runCases(t: import('ava').ExecutionContext, label: string, seed: number, make: (r: Rng) => Case): void {
  const r = rng(seed);
  const t0 = performance.now();
  let slowest = 0;
  let graphs = 0;
  const codes = new Map<string, number>();
  for (let i = 0; i < CASES; i++) {
    const c = make(r);
    const { problem, ms, result } = check(c);
    slowest = Math.max(slowest, ms);
    if (problem) {
      const program = c.files.map((f) => `-- ${f.path} --\n${f.text}`).join('\n');
      t.fail(`${label}: seed ${seed} (MCL_FUZZ_SEED=${SEED}), case ${i}: ${problem}\n${program}`);
      return;
    }
    if (result?.graph) graphs++;
    for (const d of result?.diagnostics ?? []) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  }
  const total = performance.now() - t0;
  t.log(
    `${label}: seed ${seed}, ${CASES} cases in ${total.toFixed(0)} ms (${((CASES * 1000) / total).toFixed(0)}/s, slowest ${slowest.toFixed(1)} ms), ` +
      `${graphs} compiled; codes: ${[...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`,
  );
  t.pass();
}

test('random token soups never make compile throw, hang or return a graph with errors', (t) => {
  runCases(t, 'soup', SEED, (r) => ({ files: [{ path: 'main.mcl', text: soup(r) }] }));
});

test('random programs from the grammar never make compile throw, hang or return a graph with errors', (t) => {
  runCases(t, 'grammar', SEED + 2, (r) => ({ files: [{ path: 'main.mcl', text: program(r) }] }));
});

test('mutated fixture programs never make compile throw, hang or return a graph with errors', (t) => {
  t.true(seeds.length >= 10, 'the fixtures are found');
  runCases(t, 'mutation', SEED + 1, (r) => {
    const seed = r.pick(seeds);
    const files = seed.files.map((f) => ({ ...f }));
    const target = files[r.int(files.length)]!;
    const edits = 1 + r.int(3);
    for (let i = 0; i < edits; i++) target.text = mutate(target.text, r);
    return { files, readable: seed.readable, ...(seed.collected ? { collected: seed.collected } : {}) };
  });
});

test('the unmutated fixture programs pass the same checks (the property holds on valid input)', (t) => {
  for (const seed of seeds) {
    const { problem } = check(seed);
    t.is(problem, undefined, seed.name);
  }
});

// Found by this fuzzing: deep nesting overflowed the stack (in Ohm's matcher for ~280 nested
// parentheses, in the evaluator for a flat chain of ~2,500 `+`). It is now MCL_TOO_DEEP.
test('deeply nested parentheses are a diagnostic, not a stack overflow', (t) => {
  const { problem } = check({ files: [{ path: 'main.mcl', text: `$x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n` }] });
  t.is(problem, undefined);
});

test('a long flat chain of `+` is a diagnostic or a value, not a stack overflow', (t) => {
  const { problem } = check({ files: [{ path: 'main.mcl', text: `$x = "a"${' + "a"'.repeat(5000)}\n` }] });
  t.is(problem, undefined);
});

import test from 'ava';
import { readFileSync } from 'node:fs';
import { compile, renderDiagnostic } from '../src/index.js';
import { registry } from './helpers/registry.js';

// STYLE.md lesson 15: examples in docs are tests. In docs/errors.md, each `mcl error` block
// must fail with the code of its section; in every file, each `mcl` block must compile.
const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

for (const name of ['docs/errors.md', 'docs/language.md', 'README.md']) {
  let section = '';
  let n = 0;
  for (const m of read(name).matchAll(/^## (\S+).*$|^```(mcl(?: error)?)\n([\s\S]*?)^```$/gm)) {
    if (m[1]) {
      section = m[1];
      continue;
    }
    const [kind, code, expected] = [m[2], m[3]!, section];
    const title = `${name} #${++n}${kind === 'mcl error' ? ` (${expected})` : ''}`;
    test(title, (t) => {
      const result = compile([{ path: 'example.mcl', text: code }], { registry });
      const rendered = result.diagnostics.map((d) => renderDiagnostic(d, result.sources)).join('\n\n');
      if (kind === 'mcl') t.deepEqual(result.diagnostics, [], rendered);
      else t.true(result.diagnostics.some((d) => d.code === expected), `expected ${expected}, got:\n${rendered}`);
    });
  }
}

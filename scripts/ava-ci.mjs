#!/usr/bin/env node
// Runs ava with the TAP reporter, echoes it, and ends with the plain line CI reads:
// "ava: N passed, N failed, N skipped". Exits with ava's own exit code.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../node_modules/ava/entrypoints/cli.mjs', import.meta.url));
const child = spawn(process.execPath, [cli, '--tap', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let passed = 0;
let failed = 0;
let skipped = 0;
const rl = createInterface({ input: child.stdout });
rl.on('line', (line) => {
  console.log(line);
  const m = /^(not ok|ok) \d+\b(.*)$/.exec(line);
  if (!m) return;
  if (/# (SKIP|TODO)\b/i.test(m[2])) skipped++;
  else if (m[1] === 'ok') passed++;
  else failed++;
});
child.on('close', (code) => {
  rl.close();
  if (code !== 0 && failed === 0) failed = 1; // a crash before any test ran still counts
  console.log(`\nava: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = code ?? 1;
});

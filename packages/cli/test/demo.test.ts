import test from 'ava';
import { jsonLines, mgmt } from './helpers.js';

test('the fast parallel demo runs exec4 beside the chain and exec2 after exec1', async (t) => {
  const r = await mgmt(['run', '--converged-timeout=0', '--log-format=json', '--log-level=debug', 'examples/seed/parallel-fast.mcl']);
  t.is(r.code, 0, r.stderr);
  const lines = jsonLines(r.stdout);
  const at = (event: string, resource: string) => lines.findIndex((l) => l['event'] === event && l['resource'] === resource);
  const start = (n: string) => at('applying', `exec[${n}]`);
  const end = (n: string) => at('changed', `exec[${n}]`);
  for (const n of ['exec1', 'exec2', 'exec3', 'exec4']) {
    t.not(start(n), -1, `${n} started`);
    t.not(end(n), -1, `${n} ended`);
  }
  t.true(start('exec4') < end('exec1'), 'exec4 starts before exec1 ends');
  t.true(start('exec1') < end('exec4'), 'exec1 starts before exec4 ends');
  t.true(end('exec1') < start('exec2'), 'exec2 waits for exec1');
  t.true(end('exec2') < start('exec3'), 'exec3 waits for exec2');
  const summary = lines.find((l) => l['event'] === 'summary');
  t.like(summary, { total: 4, converged: 4, failed: 0 });
  // Four one-second sleeps in a chain of three: well under the 4 s a serial run needs.
  t.true((summary!['elapsedMs'] as number) < 3900);
});

test('--help and --version answer and exit 0', async (t) => {
  const help = await mgmt(['--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /run \[options\] <path>/);
  const runHelp = await mgmt(['run', '--help']);
  t.regex(runHelp.stdout, /--converged-timeout/);
  const version = await mgmt(['--version']);
  t.is(version.code, 0);
  t.regex(version.stdout, /^\d+\.\d+\.\d+/);
});

test('a bad flag value is a usage error with exit 2', async (t) => {
  const r = await mgmt(['run', '--converged-timeout=soon', 'examples/seed/parallel-fast.mcl']);
  t.is(r.code, 2);
  t.regex(r.stderr, /expected a number of seconds/);
});

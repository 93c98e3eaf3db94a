import test from 'ava';
import type { PackageStatus } from '../src/backend.js';
import { describe } from '../src/diff.js';
import { plan } from '../src/plan.js';
import { compareVersions } from '../src/version.js';

const apt = (installed: string | null, candidate: string | null): PackageStatus => ({ installed, candidate, available: candidate ? [{ version: candidate }] : [] });
const line = (d: ReturnType<typeof plan>): string | null => (d ? describe(d) : null);

test('apt: each state, from each starting point', (t) => {
  t.is(line(plan('apt', 'sl', 'installed', apt(null, null))), 'install sl (apt)');
  t.is(plan('apt', 'sl', 'installed', apt('5.02', null)), null);
  t.is(line(plan('apt', 'sl', 'uninstalled', apt('5.02', null))), 'remove sl 5.02 (apt)');
  t.is(plan('apt', 'sl', 'uninstalled', apt(null, null)), null);
  t.is(line(plan('apt', 'sl', 'newest', apt('5.01', '5.02'))), 'change sl 5.01 -> 5.02 (apt)');
  t.like(plan('apt', 'sl', 'newest', apt('5.01', '5.02')), { action: 'install', op: { name: 'sl', version: '5.02' } });
  t.is(plan('apt', 'sl', 'newest', apt('5.02', '5.02')), null);
  t.is(plan('apt', 'sl', 'newest', apt('5.02', null)), null, 'installed and nothing newer known');
  t.like(plan('apt', 'sl', '5.01', apt('5.02', null)), { action: 'install', op: { name: 'sl', version: '5.01' }, from: '5.02', to: '5.01' });
  t.is(plan('apt', 'sl', '5.02', apt('5.02', null)), null);
});

test('newest with no candidate and nothing installed is an error that says what to do', (t) => {
  t.throws(() => plan('apt', 'nosuch', 'newest', apt(null, null)), { message: /no installation candidate for package nosuch; .*apt-get update/ });
});

test('dpkg version order', (t) => {
  const sorted = ['1.0~rc1', '1.0', '1.0-1', '1.0a', '1.0+b1', '1.2', '1.10', '1:0.1'];
  t.deepEqual([...sorted].reverse().sort(compareVersions), sorted);
  t.is(compareVersions('2.10-3', '2.10-3'), 0);
  t.true(compareVersions('5.02-1+b1', '5.02-1') > 0);
});

import test from 'ava';
import type { Action, BackendName, PackageOp } from '../src/backend.js';
import { PackageQueue } from '../src/queue.js';

interface Ran {
  readonly backend: BackendName;
  readonly action: Action;
  readonly names: string[];
}

/** A queue whose transactions are recorded, and fail for any op named in `failing`. */
function recorder(failing: string[] = [], ms = 5) {
  const ran: Ran[] = [];
  let active = 0;
  let overlap = false;
  const queue = new PackageQueue(async (backend, action, ops: readonly PackageOp[]) => {
    overlap ||= active > 0;
    active++;
    ran.push({ backend, action, names: ops.map((o) => o.name) });
    await new Promise((r) => setTimeout(r, ms));
    active--;
    const bad = ops.find((o) => failing.includes(o.name));
    if (bad) throw new Error(`cannot install ${bad.name}`);
  }, 20);
  return { queue, ran, overlapped: () => overlap };
}

test('operations enqueued together run as one transaction per backend and action', async (t) => {
  const { queue, ran, overlapped } = recorder();
  await Promise.all([
    queue.enqueue('apt', 'install', { name: 'sl' }),
    queue.enqueue('apt', 'remove', { name: 'nano' }),
    queue.enqueue('apt', 'install', { name: 'cmatrix' }),
    queue.enqueue('packagekit', 'install', { name: 'hello' }),
  ]);
  t.deepEqual(ran, [
    { backend: 'apt', action: 'install', names: ['cmatrix', 'sl'] },
    { backend: 'apt', action: 'remove', names: ['nano'] },
    { backend: 'packagekit', action: 'install', names: ['hello'] },
  ]);
  t.false(overlapped(), 'one transaction at a time');
});

test('operations arriving during a transaction wait, then form the next group', async (t) => {
  const { queue, ran } = recorder([], 50);
  const first = queue.enqueue('apt', 'install', { name: 'a' });
  while (ran.length === 0) await new Promise((r) => setTimeout(r, 5)); // the first transaction is running now
  await Promise.all([first, queue.enqueue('apt', 'install', { name: 'b' }), queue.enqueue('apt', 'install', { name: 'c' })]);
  t.deepEqual(ran.map((r) => r.names), [['a'], ['b', 'c']]);
});

test('a slow check in flight holds the group open for its apply', async (t) => {
  const { queue, ran } = recorder();
  const slow = queue.whileChecking(() => new Promise((r) => setTimeout(r, 150)));
  const a = queue.enqueue('apt', 'install', { name: 'a' });
  await slow;
  await Promise.all([a, queue.enqueue('apt', 'install', { name: 'b' })]);
  t.deepEqual(ran.map((r) => r.names), [['a', 'b']]);
});

test('a failed group is retried member by member; only the culprit fails', async (t) => {
  const { queue, ran } = recorder(['bad']);
  const results = await Promise.allSettled([queue.enqueue('apt', 'install', { name: 'good' }), queue.enqueue('apt', 'install', { name: 'bad' })]);
  t.is(results[0].status, 'fulfilled');
  t.like(results[1], { status: 'rejected', reason: { message: 'cannot install bad' } });
  t.deepEqual(ran.map((r) => r.names), [['bad', 'good'], ['bad'], ['good']]);
});

test('an aborted wish leaves the queue before its transaction', async (t) => {
  const { queue, ran } = recorder();
  const ac = new AbortController();
  const gone = queue.enqueue('apt', 'install', { name: 'gone' }, ac.signal);
  const kept = queue.enqueue('apt', 'install', { name: 'kept' });
  ac.abort(new Error('vertex stopped'));
  await t.throwsAsync(gone, { message: 'vertex stopped' });
  await kept;
  t.deepEqual(ran.map((r) => r.names), [['kept']]);
});

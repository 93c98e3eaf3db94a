import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformance } from '@mgmt/resource/testing';
import test from 'ava';
import { exec } from '../src/index.js';

// The kit's checks of one case share its directory; conformance() runs them one at a time.
const root = mkdtempSync(join(tmpdir(), 'mgmt-exec-conformance-'));
test.after.always(() => rm(root, { recursive: true, force: true }));

async function fresh(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
}

const createsDir = join(root, 'creates');
const watchDir = join(root, 'watch');
const onceDir = join(root, 'once');

const checks = conformance(exec, {
  valid: [
    {
      title: 'creates guard',
      name: 'make-done',
      params: { cmd: `touch "${join(createsDir, 'done')}"`, creates: join(createsDir, 'done') },
      setup: () => fresh(createsDir),
      snapshot: async () => ({ created: existsSync(join(createsDir, 'done')) }),
      // The path is watched: deleting what the command made must be an event.
      drift: () => rm(join(createsDir, 'done')),
    },
    {
      title: 'no guard',
      name: 'once',
      params: { cmd: `echo ran >> "${join(onceDir, 'log')}"` },
      setup: () => fresh(onceDir),
      snapshot: async () => ({ ran: existsSync(join(onceDir, 'log')) }),
      // Neither creates nor watchcmd: the watch has nothing to observe, it must only start and stop.
      watchFires: false,
    },
    {
      title: 'watchcmd',
      name: 'on-tick',
      params: { cmd: `touch "${join(watchDir, 'ran')}"`, watchcmd: 'echo tick; exec sleep 30' },
      setup: () => fresh(watchDir),
      snapshot: async () => ({ ran: existsSync(join(watchDir, 'ran')) }),
      // No drift(): the watchcmd prints a line of its own, which must arrive as an event.
    },
  ],
  invalid: [
    { params: {}, message: /^cmd: Invalid input: expected string, received undefined$/ },
    { params: { cmd: '' }, message: /^cmd: must not be empty$/ },
    { params: { cmd: 'true', timeout: 1e9 }, message: /^timeout: at most 2147483 seconds/ },
    { params: { cmd: 'true', ifcommand: 'true' }, message: /Unrecognized key: "ifcommand"/ },
    { params: { cmd: 'true', args: 'a b' }, message: /^args: Invalid input: expected array/ },
  ],
});

// ava fails a test without assertions, hence the t.pass() after a run that did not throw.
for (const c of checks) {
  test(c.name, async (t) => {
    await c.run();
    t.pass();
  });
}

import { mkdtempSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformance } from '@mgmt/resource/testing';
import test from 'ava';
import { file } from '../src/index.js';

// The kit's checks of one case share its directory; conformance() runs them one at a time.
const root = mkdtempSync(join(tmpdir(), 'mgmt-file-conformance-'));
test.after.always(() => rm(root, { recursive: true, force: true }));

/** A JSON picture of everything under `dir`: type, mode and content of each entry. */
async function tree(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await readdir(join(dir, rel))).sort()) {
      const path = join(rel, name);
      const st = await lstat(join(dir, path));
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out[`${path}/`] = { mode };
        await walk(path);
      } else out[path] = { mode, type: st.isFile() ? 'file' : 'other', content: st.isFile() ? await readFile(join(dir, path), 'utf8') : null };
    }
  };
  await walk('');
  return out;
}

/** A fresh, empty directory for one case. */
async function fresh(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
}

const contentDir = join(root, 'content');
const modeDir = join(root, 'mode');
const purgeDir = join(root, 'purge');

const checks = conformance(file, {
  valid: [
    {
      title: 'content file',
      name: join(contentDir, 'motd'),
      params: { content: 'hello\n' },
      setup: () => fresh(contentDir),
      snapshot: () => tree(contentDir),
      drift: () => unlink(join(contentDir, 'motd')),
    },
    {
      title: 'mode change',
      name: join(modeDir, 'script'),
      params: { mode: '0644' },
      setup: async () => {
        await fresh(modeDir);
        await writeFile(join(modeDir, 'script'), 'x');
        await chmod(join(modeDir, 'script'), 0o600);
      },
      snapshot: () => tree(modeDir),
      drift: () => chmod(join(modeDir, 'script'), 0o600),
    },
    {
      title: 'directory with purge',
      name: `${join(purgeDir, 'd')}/`,
      params: { purge: true },
      siblings: [{ name: join(purgeDir, 'd', 'keep'), params: { content: 'keep\n' } }],
      setup: async () => {
        await fresh(purgeDir);
        await mkdir(join(purgeDir, 'd', 'stray-dir'), { recursive: true });
        await writeFile(join(purgeDir, 'd', 'stray-dir', 'x'), 'x');
        await writeFile(join(purgeDir, 'd', 'keep'), 'keep\n');
        await writeFile(join(purgeDir, 'd', 'stray'), 'stray');
      },
      snapshot: () => tree(purgeDir),
      drift: () => writeFile(join(purgeDir, 'd', 'stray-again'), 'x'),
    },
  ],
  invalid: [
    { params: { path: 'etc/motd' }, message: /^path: must be an absolute path$/ },
    { params: { mode: '999' }, message: /^mode: must be an octal mode like "0644"$/ },
    { params: { mdoe: '0644' }, message: /Unrecognized key: "mdoe"/ },
    { params: { content: 'a', source: '/b' }, message: /^source: content and source are mutually exclusive$/ },
    { params: { state: 'absent', content: 'a' }, message: /^state: a file with state "absent" cannot have content or source$/ },
    { params: { purge: 'yes' }, message: /^purge: Invalid input: expected boolean/ },
  ],
});

// ava fails a test without assertions, hence the t.pass() after a run that did not throw.
for (const c of checks) {
  test(c.name, async (t) => {
    await c.run();
    t.pass();
  });
}

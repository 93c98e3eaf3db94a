import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import test from 'ava';
import { ROOT } from './helpers.js';
import { cleanEnv, mgmtIn, offlinePluginHome, run } from './plugin-helpers.js';

// examples/plugins/mgmt-plugin-line, the third-party example written only against the
// published API: added like any plugin (offline, into a temp plugin home), used by a program,
// and its own `node --test` suite run outside the monorepo.
const EXAMPLE = join(ROOT, 'examples/plugins/mgmt-plugin-line');

let ctx: Awaited<ReturnType<typeof offlinePluginHome>>;
let project: string;

test.before(async () => {
  ctx = await offlinePluginHome();
  project = join(ctx.dir, 'project');
  await mkdir(project, { recursive: true });
});

test.after.always(() => (ctx ? rm(ctx.dir, { recursive: true, force: true }) : undefined));

test.serial('mgmt plugin add ./examples/plugins/mgmt-plugin-line installs and verifies the `line` kind', async (t) => {
  const spec = relative(project, EXAMPLE);
  t.true(spec.startsWith('..'), 'a relative folder spec, as a user would type it');
  const r = await mgmtIn(project, ['plugin', 'add', spec], ctx.env);
  t.is(r.code, 0, r.stderr + r.stdout);
  t.regex(r.stdout, /added mgmt-plugin-line@0\.1\.0 \(kinds: line\) to the plugin home/);
  t.false(existsSync(join(EXAMPLE, 'node_modules')), 'npm wrote nothing into the example folder');
  t.false(existsSync(join(EXAMPLE, 'package-lock.json')), 'npm wrote nothing into the example folder');
  const docs = await mgmtIn(project, ['docs', 'line'], ctx.env);
  t.is(docs.code, 0, docs.stderr);
  t.regex(docs.stdout, /^line — a line present in, or absent from, a text file$/m);
  t.regex(docs.stdout, /^ {2}state: "present" \| "absent" \(default "present"\)$/m);
});

test.serial('mgmt run applies a program using `line`, then finds it converged', async (t) => {
  const hosts = join(ctx.dir, 'hosts');
  const sshd = join(ctx.dir, 'sshd_config');
  await writeFile(hosts, '# static table\n10.0.0.1 db');
  await writeFile(sshd, 'Port 22\nPermitRootLogin yes\n');
  await writeFile(
    join(project, 'main.mcl'),
    [
      `line "localhost" { path => "${hosts}", line => "127.0.0.1 localhost", }`,
      `line "no-root-login" { path => "${sshd}", line => "PermitRootLogin yes", state => "absent", }`,
      `line "no-password" { path => "${sshd}", line => "PasswordAuthentication no", }`,
      '',
    ].join('\n'),
  );
  const r = await mgmtIn(project, ['run', '--converged-timeout', '0', 'main.mcl'], ctx.env);
  t.is(r.code, 0, r.stderr + r.stdout);
  t.is(await readFile(hosts, 'utf8'), '# static table\n10.0.0.1 db\n127.0.0.1 localhost\n');
  const config = await readFile(sshd, 'utf8');
  t.false(config.includes('PermitRootLogin yes'));
  t.true(config.includes('Port 22\n') && config.includes('PasswordAuthentication no\n'));

  const again = await mgmtIn(project, ['run', '--noop', '--converged-timeout', '0', 'main.mcl'], ctx.env);
  t.is(again.code, 0, again.stderr + again.stdout);
  t.regex(again.stdout + again.stderr, /done: 3\/3 converged, 0 would change/);
});

test.serial('the mcl examples in docs/writing-plugins.md and the example README pass `mgmt check` (STYLE lesson 15)', async (t) => {
  for (const doc of ['docs/writing-plugins.md', 'examples/plugins/mgmt-plugin-line/README.md']) {
    const blocks = [...(await readFile(join(ROOT, doc), 'utf8')).matchAll(/^```mcl\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    t.true(blocks.length > 0, `${doc} has mcl blocks`);
    for (const [i, block] of blocks.entries()) {
      const file = join(project, `doc-${i}.mcl`);
      await writeFile(file, block);
      const r = await mgmtIn(project, ['check', file], ctx.env);
      t.is(r.code, 0, `${doc}, mcl block ${i + 1}:\n${r.stderr}${r.stdout}`);
    }
  }
});

test('the example passes its own node --test suite (conformance kit) against the built @mgmt/resource', async (t) => {
  const dir = join(ctx.dir, 'standalone', 'mgmt-plugin-line');
  await cp(EXAMPLE, dir, { recursive: true });
  // What `npm install` of the peer would give: @mgmt/resource as built (dist/, no source condition).
  await mkdir(join(dir, 'node_modules/@mgmt'), { recursive: true });
  await symlink(join(ROOT, 'packages/resource'), join(dir, 'node_modules/@mgmt/resource'), 'dir');
  const r = await run(process.execPath, ['--test'], { cwd: dir, env: cleanEnv() });
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /^# fail 0$/m);
  t.regex(r.stdout, /^ok \d+ - conformance$/m);
});

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { converged, createRegistry, defaultMetaparams, definePlugin, defineResource, drifted, z, type AnyResource, type ResourceDecl } from '@mgmt/resource';
import { recordingLogger, type LogLine } from '@mgmt/resource/testing';
import { exec } from '@mgmt/plugin-exec';
import { file } from '@mgmt/plugin-file';
import { Engine, eventStream, logReporter, type StreamEvent } from '@mgmt/engine';

// The engine with the real plugins: only the CLI depends on both.
const registryOf = (...defs: AnyResource[]) =>
  createRegistry([definePlugin({ meta: { name: 'test-plugin', version: '0.0.0' }, resources: defs })]);
const res = (kind: string, name: string, _meta: object, params: Record<string, unknown>): ResourceDecl => ({
  kind,
  name,
  params,
  meta: defaultMetaparams,
});

const tempDir = async (t: ExecutionContext): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-noop-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

/** Runs a graph once through both reporters; returns what they wrote. */
async function run(defs: Parameters<typeof registryOf>, resources: ReturnType<typeof res>[], noop: boolean) {
  const logs: LogLine[] = [];
  const stream: string[] = [];
  const engine = new Engine({ registry: registryOf(...defs), noop });
  logReporter(engine, recordingLogger(logs), { debug: true });
  eventStream(engine, { write: (s: string) => stream.push(s) }, { checks: true });
  const built = engine.build({ resources, edges: [] });
  if (!built.graph) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const summary = await engine.run(built.graph, { convergedTimeout: 0 });
  const events = stream.join('').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as StreamEvent);
  return { logs, stream: stream.join(''), events, summary };
}

const snapshot = async (p: string) => {
  const s = await stat(p);
  return { ino: s.ino, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, mode: s.mode, content: await readFile(p, 'utf8') };
};

test('noop: a changed file shows its unified diff in the log and the event stream', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'motd');
  await writeFile(p, 'one\ntwo\nthree\n');
  const { logs, events } = await run([file], [res('file', p, {}, { content: 'one\n2\nthree\n' })], true);
  const noop = logs.find((l) => l.fields['event'] === 'noop');
  t.is(
    noop?.message,
    [`file[${p}]: would content of ${p} (14 bytes -> 12 bytes) (noop)`, `    --- ${p}`, `    +++ ${p}`, '    @@ -1,3 +1,3 @@', '     one', '    -two', '    +2', '     three'].join('\n'),
  );
  const ev = events.find((e) => e.event === 'noop');
  t.deepEqual(ev?.details, [{ param: 'content', from: '14 bytes', to: '12 bytes', diff: `--- ${p}\n+++ ${p}\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n` }]);
  t.is(await readFile(p, 'utf8'), 'one\ntwo\nthree\n');
});

test('apply: the log shows the change lines, then the diff', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  await writeFile(p, 'old\n');
  const { logs, events } = await run([file], [res('file', p, {}, { content: 'new\n' })], false);
  const changed = logs.find((l) => l.fields['event'] === 'changed');
  t.regex(changed?.message ?? '', new RegExp(`^file\\[${p}\\]: content of ${p} \\(4 bytes -> 4 bytes\\) \\(\\d+ ms\\)\\n    --- ${p}\\n    \\+\\+\\+ ${p}\\n    @@ -1 \\+1 @@\\n    -old\\n    \\+new$`));
  t.truthy(events.find((e) => e.event === 'changed')?.details?.[0]?.diff);
  t.is(await readFile(p, 'utf8'), 'new\n');
});

/** A test kind with a secret param, whose messages carelessly quote it. */
const SECRET_VALUE = 's3cr3t-Pa55w0rd';
const vault = defineResource({
  kind: 'vault',
  meta: { description: 'a test kind with a secret password' },
  params: z.strictObject({ user: z.string(), password: z.string().meta({ secret: true }).optional(), fail: z.boolean().default(false) }),
  async check(ctx) {
    if (ctx.params.password === undefined) return converged;
    return drifted(null, [`set password of ${ctx.params.user} to ${ctx.params.password}`], [
      { param: 'password', from: 'old', to: ctx.params.password, diff: `-old\n+${ctx.params.password}\n` },
      { param: 'user', to: ctx.params.user },
    ]);
  },
  async apply(ctx) {
    if (ctx.params.fail) throw new Error(`login ${ctx.params.user}:${ctx.params.password} refused`);
  },
});

for (const noop of [true, false]) {
  test(`a secret param never appears in logs, event stream or changes (${noop ? 'noop' : 'apply'})`, async (t) => {
    const { logs, stream, events } = await run(
      [vault],
      [res('vault', 'ann', {}, { user: 'ann', password: SECRET_VALUE }), res('vault', 'bob', {}, { user: 'bob', password: SECRET_VALUE, fail: true })],
      noop,
    );
    const everything = JSON.stringify(logs) + stream;
    t.false(everything.includes(SECRET_VALUE));
    t.true(everything.includes('(secret)'));
    const report = events.find((e) => e.name === 'ann' && e.event === (noop ? 'noop' : 'changed'));
    t.deepEqual(report?.changes, ['set password of ann to (secret)']);
    t.deepEqual(report?.details, [
      { param: 'password', from: '(secret)', to: '(secret)', diff: '(secret)' },
      { param: 'user', to: 'ann' },
    ]);
    if (!noop) t.is(events.find((e) => e.name === 'bob' && e.event === 'failed')?.error, 'login bob:(secret) refused');
  });
}

test('noop never writes: file resources leave inode, mtime and content alone', async (t) => {
  const dir = await tempDir(t);
  const changed = join(dir, 'changed');
  const missing = join(dir, 'missing');
  const doomed = join(dir, 'doomed');
  await writeFile(changed, 'before\n', { mode: 0o644 });
  await writeFile(doomed, 'still here\n');
  const before = { changed: await snapshot(changed), doomed: await snapshot(doomed) };
  await new Promise((r) => setTimeout(r, 20)); // any write would move the mtime
  const { summary, events } = await run(
    [file],
    [
      res('file', changed, {}, { content: 'after\n', mode: '0600' }),
      res('file', missing, {}, { content: 'x\n' }),
      res('file', doomed, {}, { state: 'absent' }),
      res('file', join(dir, 'newdir') + '/', {}, {}),
    ],
    true,
  );
  t.is(summary.changed, 4);
  t.is(events.filter((e) => e.event === 'noop').length, 4);
  t.deepEqual(await snapshot(changed), before.changed);
  t.deepEqual(await snapshot(doomed), before.doomed);
  await t.throwsAsync(stat(missing), { code: 'ENOENT' });
  await t.throwsAsync(stat(join(dir, 'newdir')), { code: 'ENOENT' });
});

test('noop never writes: exec commands do not run', async (t) => {
  const dir = await tempDir(t);
  const existing = join(dir, 'existing');
  const created = join(dir, 'created');
  await writeFile(existing, 'keep\n');
  const before = await snapshot(existing);
  await new Promise((r) => setTimeout(r, 20));
  const { summary, events } = await run(
    [exec],
    [
      res('exec', 'append', {}, { cmd: `echo more >> ${existing}` }),
      res('exec', 'create', {}, { cmd: 'touch', args: [created] }),
    ],
    true,
  );
  t.is(summary.changed, 2);
  t.deepEqual(
    events.filter((e) => e.event === 'noop').map((e) => e.changes?.[0]).sort(),
    [`run echo more >> ${existing}`, `run touch ${created}`].sort(),
  );
  t.deepEqual(await snapshot(existing), before);
  await t.throwsAsync(stat(created), { code: 'ENOENT' });
});

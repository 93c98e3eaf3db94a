import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, defaultMetaparams, type ResourceDecl } from '@mgmt/resource';
import filePlugin from '@mgmt/plugin-file';
import { Engine } from '@mgmt/engine';
import { until } from './helpers.js';

// The engine and the real file plugin together: only the CLI depends on both.
const res = (kind: string, name: string, _meta: object, params: Record<string, unknown>): ResourceDecl => ({
  kind,
  name,
  params,
  meta: defaultMetaparams,
});

/** An agent running one real `file` resource, counting checks and events through the hooks. */
async function fileAgent(path: string, content: string) {
  const engine = new Engine({ registry: createRegistry([filePlugin]) });
  const counts = { checks: 0, events: 0, applies: 0, converged: 0 };
  engine.hooks.beforeCheck.tapPromise('test', async () => void counts.checks++);
  engine.hooks.event.tap('test', () => void counts.events++);
  engine.hooks.afterApply.tapPromise('test', async () => void counts.applies++);
  engine.hooks.converged.tap('test', () => void counts.converged++);
  const built = engine.build({ resources: [res('file', path, {}, { content })], edges: [] });
  if (!built.graph) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const done = engine.run(built.graph);
  return { engine, counts, done };
}

const settle = () => new Promise((r) => setTimeout(r, 300));

test('the events of our own apply cause no further check', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-self-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'a');
  await writeFile(path, 'drifted content'); // an existing file: the apply replaces it by rename
  const { engine, counts, done } = await fileAgent(path, 'hello');
  await until(() => counts.converged >= 1 && counts.applies === 1);
  await settle();
  t.is(counts.applies, 1);
  t.is(counts.checks, 1, 'only the first check: the rename of our own write was dropped');
  t.is(counts.events, 0);
  t.is(await readFile(path, 'utf8'), 'hello');
  await engine.stop();
  await done;
});

test('a real edit right after an apply is still repaired', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-self-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'a');
  const { engine, counts, done } = await fileAgent(path, 'hello');
  // Edit in place, the instant the apply returns: before its own event is even delivered.
  let edited = false;
  engine.hooks.afterApply.tapPromise('edit', async () => {
    if (edited) return;
    edited = true;
    writeFileSync(path, 'edited by someone else');
  });
  await until(() => counts.applies === 2);
  await until(() => readFileSync(path, 'utf8') === 'hello');
  await settle();
  t.is(counts.applies, 2);
  t.true(counts.events >= 1);
  // And a later edit (a chmod, which changes no content) is seen too.
  await chmod(path, 0o600);
  await until(() => counts.events >= 2);
  await engine.stop();
  await done;
});

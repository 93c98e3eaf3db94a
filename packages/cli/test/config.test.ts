import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { jsonLines } from './helpers.js';
import { mgmtIn, tempDir } from './plugin-helpers.js';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('mgmt-config-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

interface Shown {
  file: string | null;
  settings: Record<string, { value?: unknown; source: string }>;
}
const shown = (stdout: string) => JSON.parse(stdout) as Shown;

test('a syntax error in mgmtrc.json is reported at its line and column', async (t) => {
  const dir = await project({ 'mgmtrc.json': '{\n  "hostname": "a",\n}\n' });
  const r = await mgmtIn(dir, ['config']);
  t.is(r.code, 2);
  t.regex(r.stderr, /^mgmtrc\.json:3:1 - error CONFIG_SYNTAX: unexpected "}", expected a property name in double quotes$/m);
  t.regex(r.stderr, /^> 3 \| }$/m);
});

test('an unknown key and a wrong type name the file, the key and its line:col', async (t) => {
  const dir = await project({ 'mgmtrc.json': '{\n  "hostname": 5,\n  "plugins": ["a", [null, 3]],\n  "hostnmae": "x"\n}\n' });
  const r = await mgmtIn(dir, ['run', '--converged-timeout', '0', 'main.mcl']);
  t.is(r.code, 2);
  t.regex(r.stderr, /^mgmtrc\.json:2:3 - error CONFIG_INVALID_VALUE: `hostname`: expected string, received number$/m);
  t.regex(r.stderr, /^mgmtrc\.json:3:27 - error CONFIG_INVALID_VALUE: `plugins\.1\.1`: expected a package name, false or null, or a list of them$/m);
  t.regex(r.stderr, /^mgmtrc\.json:4:3 - error CONFIG_UNKNOWN_KEY: unknown key `hostnmae`$/m);
  t.regex(r.stderr, /^hint: the keys are `plugins`, `pluginHome`, `hostname`, `seeds`, `etcd`, `stateDir`, `logFormat`$/m);
});

test('package.json#mgmt is read, and its errors point into package.json', async (t) => {
  const dir = await project({ 'package.json': '{\n  "name": "site",\n  "mgmt": { "seeds": ["http://a:2379"], "frob": true }\n}\n' });
  const r = await mgmtIn(dir, ['config']);
  t.is(r.code, 2);
  t.regex(r.stderr, /^package\.json:3:41 - error CONFIG_UNKNOWN_KEY: unknown key `mgmt\.frob`$/m);
});

test('mgmt config prints each value with its source: default, env, config file, flag', async (t) => {
  const dir = await project({ 'mgmtrc.json': JSON.stringify({ hostname: 'from-config', seeds: ['http://a:2379'], plugins: ['x', false, null, ['y', ['x']]], stateDir: 'state' }) });
  const r = await mgmtIn(dir, ['config', '--json', '--log-format', 'json'], { MGMT_SEEDS: 'http://e:2379,http://f:2379' });
  t.is(r.code, 0, r.stderr);
  const { file, settings } = shown(r.stdout);
  const cfg = `config: ${join(dir, 'mgmtrc.json')}`;
  t.is(file, join(dir, 'mgmtrc.json'));
  t.deepEqual(settings['hostname'], { value: 'from-config', source: cfg });
  t.deepEqual(settings['logFormat'], { value: 'json', source: 'flag' });
  t.deepEqual(settings['seeds'], { value: ['http://e:2379', 'http://f:2379'], source: 'env: MGMT_SEEDS' });
  t.deepEqual(settings['stateDir'], { value: join(dir, 'state'), source: cfg });
  t.deepEqual(settings['plugins'], { value: ['x', 'y'], source: cfg });
  t.deepEqual(settings['pluginHome'], { value: join(dir, '.mgmt', 'plugins'), source: `${cfg} (project-local)` });

  const text = await mgmtIn(dir, ['config', '--hostname', 'from-flag']);
  t.regex(text.stdout, /^hostname +from-flag +flag$/m);
  t.regex(text.stdout, /^logFormat +text +default$/m);

  const none = await mgmtIn(await tempDir('mgmt-config-'), ['config', '--json'], { MGMT_PLUGIN_HOME: '/srv/plugins' });
  t.is(shown(none.stdout).file, null);
  t.deepEqual(shown(none.stdout).settings['pluginHome'], { value: '/srv/plugins', source: 'env: MGMT_PLUGIN_HOME' });
});

test('mgmt.config.ts (through jiti) and an explicit --config FILE', async (t) => {
  const dir = await project({
    'mgmt.config.ts': "const hostname: string = ['ts', 'host'].join('-');\nexport default { hostname, logFormat: 'json' as const };\n",
    'other/agent.json': '{ "hostname": "explicit" }\n',
  });
  const ts = await mgmtIn(dir, ['config', '--json']);
  t.is(ts.code, 0, ts.stderr);
  t.deepEqual(shown(ts.stdout).settings['hostname'], { value: 'ts-host', source: `config: ${join(dir, 'mgmt.config.ts')}` });
  const explicit = await mgmtIn(dir, ['--config', 'other/agent.json', 'config', '--json']);
  t.is(explicit.code, 0, explicit.stderr);
  t.is(shown(explicit.stdout).settings['hostname']!.value, 'explicit');
  const missing = await mgmtIn(dir, ['config', '--config', 'nope.json']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /CONFIG_NOT_FOUND: config file nope\.json does not exist/);
});

test('mgmt run takes hostname and log format from the config, and flags override them', async (t) => {
  const dir = await project({ 'mgmtrc.json': JSON.stringify({ hostname: 'from-config', logFormat: 'json' }) });
  await writeFile(join(dir, 'main.mcl'), `file "${join(dir, 'out')}" { content => "x\\n", }\n`);
  const fromConfig = await mgmtIn(dir, ['run', '--converged-timeout', '0', 'main.mcl']);
  t.is(fromConfig.code, 0, fromConfig.stderr);
  t.true(jsonLines(fromConfig.stdout).some((l) => l['host'] === 'from-config'));

  const flags = await mgmtIn(dir, ['run', '--converged-timeout', '0', '--hostname', 'from-flag', '--log-format', 'text', 'main.mcl']);
  t.is(flags.code, 0, flags.stderr);
  t.is(jsonLines(flags.stdout).length, 0);
  t.regex(flags.stdout, /as from-flag/);
});

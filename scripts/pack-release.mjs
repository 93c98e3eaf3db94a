#!/usr/bin/env node
// Packs the publishable workspaces as `lerna publish` would upload them, with no network:
//
//   node scripts/pack-release.mjs --out DIR [--deps] [workspace...]
//
// 1. `npm pack -w <ws>` each workspace (after `npm run build`; no lifecycle scripts run).
// 2. Apply each manifest's `publishConfig` overrides (pnpm's rule, which lerna-lite's publish
//    follows): `publishConfig.exports` replaces `exports`, and so on. npm's own pack and
//    publish ignore these, which is why this step exists: the workspace `exports` carry the
//    `@mgmt/source` condition pointing at `src/`, which must not reach the registry.
// 3. With --deps, also pack every third-party package the workspaces need, transitively, from
//    this checkout's node_modules: each `name@version` that node would load, so one name can
//    come in several versions (long 4 for @particle/dbus-next, long 5 for protobufjs). Served
//    from a local registry (packages/cli/test/npm-registry.ts, as pack.test.ts does), they let
//    `npm install @mgmt/cli` resolve every range as the public registry would, with no network.
//    One `npm install <all tarballs>` cannot: it holds one version per name.
//
// Prints JSON: { packages: [{ name, version, file }], deps: [{ name, version, file }] }
// (absolute paths).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The workspaces published to the registry, in dependency order. */
export const PUBLISHED = ['packages/resource', 'packages/lang', 'packages/engine', 'packages/world-etcd', 'packages/plugin-file', 'packages/plugin-exec', 'packages/plugin-svc', 'packages/plugin-pkg', 'packages/cli'];

/** Manifest fields a `publishConfig` entry replaces at publish time (pnpm's list). */
const OVERRIDABLE = ['bin', 'browser', 'cpu', 'es2015', 'esnext', 'exports', 'imports', 'main', 'module', 'os', 'type', 'types', 'typesVersions', 'typings', 'umd:main', 'unpkg'];

/** npm's environment without the `npm_*` variables a parent npm (npx, npm run) sets. */
function npmEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false' };
}

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** The manifest as published: `publishConfig` overrides applied, then removed from it. */
export function publishManifest(manifest) {
  const out = { ...manifest };
  const config = { ...manifest.publishConfig };
  for (const field of OVERRIDABLE) {
    if (!(field in config)) continue;
    out[field] = config[field];
    delete config[field];
  }
  if (manifest.publishConfig) out.publishConfig = config;
  return out;
}

/** `npm pack` the workspaces, apply publishConfig overrides, and repack into `out`. */
export function packWorkspaces(out, workspaces = PUBLISHED) {
  const stage = mkdtempSync(join(tmpdir(), 'mgmt-pack-stage-'));
  try {
    const raw = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', stage, ...workspaces.flatMap((w) => ['-w', w])], ROOT));
    const dirs = raw.map((p, i) => {
      const dir = join(stage, String(i));
      mkdirSync(dir);
      execFileSync('tar', ['-xzf', join(stage, p.filename), '-C', dir]);
      const pkg = join(dir, 'package');
      const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
      writeFileSync(join(pkg, 'package.json'), JSON.stringify(publishManifest(manifest), null, 2) + '\n');
      return pkg;
    });
    const repacked = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out, ...dirs], stage));
    return repacked.map((p) => ({ name: p.name, version: p.version, file: join(out, p.filename) }));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Where `name` resolves from `from`, as node would look it up. */
function resolveDir(name, from) {
  for (let d = from; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (d === dirname(d)) return undefined;
  }
}

/**
 * Every third-party package the workspaces need at run time, as `{ name, version, dir }`:
 * dependencies, optional ones that are present, and required peers, transitively. Each
 * dependency is resolved from its dependent's folder as node would, so a version nested in
 * `node_modules/x/node_modules` is found next to the hoisted one; each `name@version` once.
 */
export function thirdPartyDirs(workspaces = PUBLISHED) {
  const found = new Map();
  const visit = (dir) => {
    const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const peers = Object.keys(m.peerDependencies ?? {}).filter((k) => !m.peerDependenciesMeta?.[k]?.optional);
    const names = [...Object.keys(m.dependencies ?? {}), ...Object.keys(m.optionalDependencies ?? {}), ...peers];
    for (const name of new Set(names)) {
      if (name.startsWith('@mgmt/')) continue;
      const dep = resolveDir(name, dir);
      if (dep === undefined) {
        if (name in (m.optionalDependencies ?? {})) continue;
        throw new Error(`${name}, needed by ${m.name}, is not installed in ${ROOT}node_modules (run npm ci)`);
      }
      const { version } = JSON.parse(readFileSync(join(dep, 'package.json'), 'utf8'));
      const key = `${name}@${version}`;
      if (found.has(key)) continue;
      found.set(key, { name, version, dir: dep });
      visit(dep);
    }
  };
  for (const w of workspaces) visit(join(ROOT, w));
  return [...found.values()];
}

/** Packs the third-party closure into `out` (their own lifecycle scripts are not run). */
export function packDeps(out, workspaces = PUBLISHED) {
  const deps = thirdPartyDirs(workspaces);
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out, ...deps.map((d) => d.dir)], out));
  if (packed.length !== deps.length) throw new Error(`npm pack made ${packed.length} tarballs for ${deps.length} packages`);
  const files = new Set(packed.map((p) => p.filename));
  if (files.size !== packed.length) throw new Error('two third-party packages pack to the same file name');
  return packed.map((p) => ({ name: p.name, version: p.version, file: join(out, p.filename) }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, deps: { type: 'boolean', default: false } }, allowPositionals: true });
  if (!values.out) {
    process.stderr.write('usage: node scripts/pack-release.mjs --out DIR [--deps] [workspace...]\n');
    process.exit(2);
  }
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const workspaces = positionals.length ? positionals : PUBLISHED;
  const packages = packWorkspaces(out, workspaces);
  const deps = values.deps ? packDeps(out, workspaces) : [];
  process.stdout.write(JSON.stringify({ packages, deps }, null, 2) + '\n');
}

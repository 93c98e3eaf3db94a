#!/usr/bin/env node
// Release readiness, offline: what `lerna publish` would publish and whether each package is
// fit to go. `lerna list` / `lerna changed` need @lerna-lite/list and @lerna-lite/version,
// which are not installed (only @lerna-lite/cli, which `npx lerna --version` runs), so this
// uses @lerna-lite/core's Project (the same lerna.json + workspaces reading) and git tags.
//
//   node scripts/check-release.mjs            # exit 1 when a package is not publishable
//
// Per package: version, license (and a LICENSE file equal to the root one), engines, files, README, a built dist/, publishConfig
// (public access; `exports` without the `@mgmt/source` condition), sibling dependency
// versions, and for plugins the `@mgmt/resource` peer and `mgmt-plugin` keyword. Then, as
// `lerna changed` would: the last `name@version` tag and whether the folder changed since.
// Last, that scripts/pack-release.mjs's PUBLISHED (what pack.test.ts packs, serves from a
// local registry and installs) lists every publishable package, each after its siblings.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project } from '@lerna-lite/core';
import { PUBLISHED } from './pack-release.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const json = (file) => JSON.parse(readFileSync(file, 'utf8'));

const withoutSource = (o) =>
  o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== '@mgmt/source').map(([k, v]) => [k, withoutSource(v)])) : o;

/** Does a dependency `range` on a sibling accept its current `version`? Exact, `^` or `~` only. */
function accepts(range, version) {
  const m = /^([\^~]?)(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || !v) return false;
  const [a, b, c] = m.slice(2).map(Number);
  const [x, y, z] = v.slice(1).map(Number);
  const atLeast = x > a || (x === a && (y > b || (y === b && z >= c)));
  if (m[1] === '') return x === a && y === b && z === c;
  if (m[1] === '~') return atLeast && x === a && y === b;
  return atLeast && (a > 0 ? x === a : b > 0 ? x === 0 && y === b : x === 0 && y === 0 && z === c);
}

/** What is wrong with one package for publishing; empty when it is fine. */
function problems(pkg, siblings) {
  const m = json(join(pkg.location, 'package.json'));
  const out = [];
  if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(m.version ?? '')) out.push(`version ${JSON.stringify(m.version)} is not x.y.z`);
  if (!m.description) out.push('no description');
  if (!m.license) out.push('no license');
  if (!m.engines?.node) out.push('no engines.node');
  if (!m.files?.includes('dist')) out.push('files does not list dist');
  if (!existsSync(join(pkg.location, 'README.md'))) out.push('no README.md');
  // npm packs a LICENSE only from the package's own folder: each keeps a copy of the root one.
  if (!existsSync(join(pkg.location, 'LICENSE'))) out.push('no LICENSE (cp LICENSE from the repo root)');
  else if (readFileSync(join(pkg.location, 'LICENSE'), 'utf8') !== readFileSync(join(ROOT, 'LICENSE'), 'utf8')) out.push('LICENSE differs from the root LICENSE');
  if (!existsSync(join(pkg.location, 'dist/index.js'))) out.push('dist/index.js missing (npm run build)');
  if (m.name.startsWith('@') && m.publishConfig?.access !== 'public') out.push('publishConfig.access is not "public" (a scoped package is private by default)');
  if (JSON.stringify(m.exports ?? null).includes('@mgmt/source')) {
    if (JSON.stringify(m.publishConfig?.exports) !== JSON.stringify(withoutSource(m.exports))) {
      out.push('publishConfig.exports must be exports without the @mgmt/source condition (it points at src/, which is not published)');
    }
  }
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      const sibling = siblings.get(dep);
      if (sibling && !accepts(range, sibling.version)) out.push(`${field}.${dep} is ${range}, which does not accept the workspace's ${sibling.version}`);
    }
  }
  if (/\/plugin-|^mgmt-plugin-/.test(m.name)) {
    if (!m.peerDependencies?.['@mgmt/resource']) out.push('a plugin needs a peerDependency on @mgmt/resource');
    if (m.dependencies?.['@mgmt/resource']) out.push('a plugin must take @mgmt/resource as a peer, not a dependency');
    if (!m.keywords?.includes('mgmt-plugin')) out.push('a plugin needs the keyword mgmt-plugin');
  }
  return out;
}

/** The newest `name@version` tag (lerna's independent-mode tags) and whether the folder changed since. */
function changed(pkg) {
  let tag = '';
  try {
    tag = git(['tag', '--list', `${pkg.name}@*`, '--sort=-v:refname']).split('\n')[0] ?? '';
  } catch {
    return 'unknown (not a git checkout)';
  }
  if (!tag) return 'never released';
  try {
    git(['diff', '--quiet', tag, '--', relative(ROOT, pkg.location)]);
    return `unchanged since ${tag}`;
  } catch {
    return `changed since ${tag}`;
  }
}

const lerna = json(join(ROOT, 'lerna.json'));
const errors = [];
if (lerna.version !== 'independent') errors.push(`lerna.json: version is ${JSON.stringify(lerna.version)}, expected "independent"`);
if (lerna.npmClient !== 'npm') errors.push(`lerna.json: npmClient is ${JSON.stringify(lerna.npmClient)}, expected "npm"`);
const lite = json(join(ROOT, 'node_modules/@lerna-lite/cli/package.json')).version;
try {
  execFileSync(join(ROOT, 'node_modules/.bin/lerna'), ['--version'], { cwd: ROOT, stdio: 'ignore' });
} catch (err) {
  errors.push(`lerna --version failed: ${err.message}`);
}

const project = new Project(ROOT);
const packages = (await project.getPackages()).filter((p) => !p.private);
const siblings = new Map(packages.map((p) => [p.name, p]));
console.log(`lerna-lite ${lite}, ${project.version} mode; ${packages.length} publishable packages:`);
for (const pkg of packages.sort((a, b) => (a.name < b.name ? -1 : 1))) {
  const found = problems(pkg, siblings);
  console.log(`  ${found.length ? '✗' : '✓'} ${`${pkg.name}@${pkg.version}`.padEnd(28)} ${changed(pkg)}`);
  for (const p of found) {
    console.log(`      ${p}`);
    errors.push(`${pkg.name}: ${p}`);
  }
}
// pack-release.mjs packs PUBLISHED in order; a missing package would not be in the release check.
const order = PUBLISHED.map((w) => w.replace(/\/$/, ''));
for (const pkg of packages) {
  const at = order.indexOf(relative(ROOT, pkg.location));
  if (at < 0) {
    errors.push(`${pkg.name}: not in PUBLISHED in scripts/pack-release.mjs (the release check would not pack or install it)`);
    console.log(`  ✗ ${pkg.name} is not in PUBLISHED in scripts/pack-release.mjs`);
    continue;
  }
  const m = json(join(pkg.location, 'package.json'));
  for (const dep of Object.keys({ ...m.dependencies, ...m.peerDependencies })) {
    const sibling = siblings.get(dep);
    if (sibling && order.indexOf(relative(ROOT, sibling.location)) > at) {
      errors.push(`${pkg.name}: PUBLISHED in scripts/pack-release.mjs lists it before its dependency ${dep}`);
      console.log(`  ✗ PUBLISHED lists ${pkg.name} before its dependency ${dep}`);
    }
  }
}
for (const w of order) {
  if (!packages.some((p) => relative(ROOT, p.location) === w)) {
    errors.push(`scripts/pack-release.mjs: PUBLISHED lists ${w}, which is not a publishable package`);
    console.log(`  ✗ PUBLISHED lists ${w}, which is not a publishable package`);
  }
}
if (errors.length) {
  console.log(`\n${errors.length} problem(s); see docs/writing-plugins.md#releasing`);
  process.exitCode = 1;
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { run } from './plugin-helpers.js';

/** One published version: its manifest (from the tarball) and the tarball itself. */
interface Published {
  readonly manifest: { name: string; version: string } & Record<string, unknown>;
  readonly tarball: Buffer;
  readonly file: string;
}

export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/`, for `npm_config_registry` or an `.npmrc`. */
  readonly url: string;
  /** Every request path, in order (`/mgmt-plugin-line`, `/@mgmt%2fresource`, `/-/…tgz`). */
  readonly requests: string[];
  /** The `sha512-…` integrity of a published version, as npm records it in a lockfile. */
  integrity(name: string, version: string): string;
  close(): Promise<void>;
}

const integrityOf = (tarball: Buffer): string => `sha512-${createHash('sha512').update(tarball).digest('base64')}`;

/** The package.json inside a tarball made by `npm pack`. */
async function manifestOf(tarball: string): Promise<Published['manifest']> {
  const r = await run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: '/' });
  if (r.code !== 0) throw new Error(`cannot read package.json from ${tarball}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Published['manifest'];
}

/**
 * A tiny npm registry on 127.0.0.1, serving the given tarballs the way the public registry
 * does: `GET /NAME` (scoped names as `@scope%2fname`) is the packument, with `versions`,
 * `dist-tags.latest` (the highest version served) and each version's `dist.tarball` and
 * `dist.integrity`; `GET /-/FILE.tgz` is the tarball. Anything else is a 404.
 */
export async function startRegistry(tarballs: readonly string[]): Promise<LocalRegistry> {
  const packages = new Map<string, Map<string, Published>>();
  for (const file of tarballs) {
    const manifest = await manifestOf(file);
    const versions = packages.get(manifest.name) ?? new Map<string, Published>();
    versions.set(manifest.version, { manifest, tarball: await readFile(file), file: basename(file) });
    packages.set(manifest.name, versions);
  }
  const byFile = new Map([...packages.values()].flatMap((vs) => [...vs.values()].map((p) => [p.file, p] as const)));
  const requests: string[] = [];
  let url = '';

  const packument = (name: string, versions: Map<string, Published>) => {
    const sorted = [...versions.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return {
      name,
      'dist-tags': { latest: sorted.at(-1) },
      versions: Object.fromEntries(
        [...versions].map(([v, p]) => [
          v,
          {
            ...p.manifest,
            _id: `${name}@${v}`,
            dist: {
              tarball: `${url}-/${p.file}`,
              integrity: integrityOf(p.tarball),
              shasum: createHash('sha1').update(p.tarball).digest('hex'),
            },
          },
        ]),
      ),
    };
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const tgz = path.startsWith('/-/') ? byFile.get(path.slice(3)) : undefined;
    if (tgz) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.tarball.length });
      res.end(tgz.tarball);
      return;
    }
    const name = decodeURIComponent(path.slice(1));
    const versions = packages.get(name);
    if (req.method !== 'GET' || !versions) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(packument(name, versions)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    integrity: (name, version) => {
      const p = packages.get(name)?.get(version);
      if (!p) throw new Error(`${name}@${version} is not served`);
      return integrityOf(p.tarball);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL where no registry listens: a port that was free a moment ago. */
export async function deadRegistryUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

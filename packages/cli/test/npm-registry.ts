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
  /** The requests answered 404 (`METHOD path`): a package or file this registry does not serve. */
  readonly misses: string[];
  /** The `name@version`s served, sorted. */
  readonly served: readonly string[];
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
 * does: `GET /NAME` (scoped names as `@scope%2fname`) is the packument, with every version
 * served (one name may come in several versions), `dist-tags.latest` (the highest) and each
 * version's `dist.tarball` and `dist.integrity`; `GET /-/FILE.tgz` is the tarball. Anything
 * else is a 404, recorded in `misses`.
 */
export async function startRegistry(tarballs: readonly string[]): Promise<LocalRegistry> {
  const packages = new Map<string, Map<string, Published>>();
  const read = await Promise.all(tarballs.map(async (file) => ({ file, manifest: await manifestOf(file), tarball: await readFile(file) })));
  const byFile = new Map<string, Published>();
  for (const { file, manifest, tarball } of read) {
    const published: Published = { manifest, tarball, file: basename(file) };
    const other = byFile.get(published.file);
    if (other) throw new Error(`${file}: two tarballs named ${published.file} (${other.manifest.name}@${other.manifest.version} and ${manifest.name}@${manifest.version})`);
    byFile.set(published.file, published);
    const versions = packages.get(manifest.name) ?? new Map<string, Published>();
    versions.set(manifest.version, published);
    packages.set(manifest.name, versions);
  }
  const requests: string[] = [];
  const misses: string[] = [];
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
      misses.push(`${req.method ?? 'GET'} ${path}`);
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
    misses,
    served: [...packages].flatMap(([name, versions]) => [...versions.keys()].map((v) => `${name}@${v}`)).sort(),
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

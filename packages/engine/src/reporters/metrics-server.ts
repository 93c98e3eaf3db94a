import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../executor/engine.js';
import { metricsReporter, type Metrics } from './metrics.js';

const TAP = '@mgmt/engine:metrics-server';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsServer {
  readonly metrics: Metrics;
  /** The address actually bound (port 0 asks for a free port). */
  readonly host: string;
  readonly port: number;
  /** `http://HOST:PORT/metrics`, IPv6 hosts in brackets. */
  readonly url: string;
  /** Closes the server and its connections; also done when the engine stops. Idempotent. */
  close(): Promise<void>;
}

/**
 * Taps the engine with `metricsReporter` and serves `GET /metrics` in the Prometheus text
 * format on exactly the address given. Resolves once listening; rejects if it cannot bind.
 * The server closes when the engine stops.
 */
export async function serveMetrics(engine: Engine, listen: { host: string; port: number }): Promise<MetricsServer> {
  const metrics = metricsReporter(engine);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    } else {
      const body = metrics.render();
      res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  engine.hooks.stopped.tapPromise(TAP, close);
  const host = address.includes(':') ? `[${address}]` : address;
  return { metrics, host: address, port, url: `http://${host}:${port}/metrics`, close };
}

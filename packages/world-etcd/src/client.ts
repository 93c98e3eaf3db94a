import { readFileSync } from 'node:fs';
import { noop } from 'cockatiel';
import { Etcd3, type IOptions } from 'etcd3';
import type { EtcdWorldOptions } from './options.js';

/** How long a single (non-stream) call may take before it counts as etcd not answering. */
export const CALL_TIMEOUT_MS = 5000;

/** What a connection needs: endpoints, TLS files and credentials. */
export type ConnectionOptions = Pick<EtcdWorldOptions, 'endpoints' | 'tls' | 'auth'>;

/**
 * An etcd3 client with its own retry machinery turned off: its default circuit breaker stops
 * calling a host for 5 s after three failures, which would hold back our reconnection after
 * etcd is back, and its retries would hide the first failure we want to report. The world
 * retries with its own backoff instead.
 */
export function createClient(opts: ConnectionOptions): Etcd3 {
  const options: IOptions = {
    hosts: [...opts.endpoints],
    faultHandling: { host: () => noop, global: noop },
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + CALL_TIMEOUT_MS }),
    grpcOptions: {
      // A whole cluster's exports come back in one range read (and one transaction in one watch
      // response); grpc-js refuses messages over 4 MiB by default.
      'grpc.max_receive_message_length': -1,
      // Notice a silent peer (a cut network, not a closed socket) on an open watch stream.
      // etcd refuses pings more often than every 5 s.
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 5_000,
    },
  };
  if (opts.auth) options.auth = { username: opts.auth.username, password: opts.auth.password };
  if (opts.tls) {
    const read = (file: string | undefined): Buffer | undefined => (file === undefined ? undefined : readFileSync(file));
    const ca = read(opts.tls.ca);
    const privateKey = read(opts.tls.key);
    const certChain = read(opts.tls.cert);
    // etcd3 types `rootCertificate` as required, but grpc's createSsl takes none (then the
    // system's CAs check the server).
    options.credentials = { rootCertificate: ca as Buffer, ...(privateKey ? { privateKey } : {}), ...(certChain ? { certChain } : {}) };
  }
  return new Etcd3(options);
}

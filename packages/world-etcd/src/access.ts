import { EtcdRoleExistsError, EtcdUserExistsError, Range } from 'etcd3';
import { createClient, type ConnectionOptions } from './client.js';
import { exportedPrefix, hostPrefix, kvPrefix } from './keys.js';

/** The etcd role `grantHostRole` gives a host. */
export const hostRole = (host: string): string => `mgmt-host-${host}`;

/**
 * Lets `host` in as etcd user `host` (with `password`) whose role `mgmt-host-<host>` may
 * read every host's exports, write only its own (`<prefix>/exported/<host>/`), and read and
 * write the shared key-value space (`<prefix>/kv/`). Run with root credentials in `conn`.
 * Idempotent: an existing user gets the new password; permissions are added, never removed,
 * so one host can be granted in several clusters (prefixes) of one etcd.
 *
 * The same with etcdctl (prefix `/mgmt`, host `a`):
 *
 *     etcdctl role add mgmt-host-a
 *     etcdctl role grant-permission mgmt-host-a read --prefix=true /mgmt/exported/
 *     etcdctl role grant-permission mgmt-host-a readwrite --prefix=true /mgmt/exported/a/
 *     etcdctl role grant-permission mgmt-host-a readwrite --prefix=true /mgmt/kv/
 *     etcdctl user add a:PASSWORD && etcdctl user grant-role a mgmt-host-a
 */
export async function grantHostRole(conn: ConnectionOptions, prefix: string, host: string, password: string): Promise<{ user: string; role: string }> {
  const p = prefix.replace(/\/+$/, '');
  const client = createClient(conn);
  try {
    const role = client.role(hostRole(host));
    await role.create().catch((err: unknown) => {
      if (!(err instanceof EtcdRoleExistsError)) throw err;
    });
    await role.grant([
      { permission: 'Read', range: Range.prefix(exportedPrefix(p)) },
      { permission: 'Readwrite', range: Range.prefix(hostPrefix(p, host)) },
      { permission: 'Readwrite', range: Range.prefix(kvPrefix(p)) },
    ]);
    const user = client.user(host);
    await user.create(password).catch(async (err: unknown) => {
      if (!(err instanceof EtcdUserExistsError)) throw err;
      await user.setPassword(password);
    });
    await user.addRole(role);
    return { user: host, role: role.name };
  } finally {
    client.close();
  }
}

/**
 * Turns etcd's authentication on: creates user `root` (with the built-in root role) if it is
 * missing, then enables auth. Afterwards every client needs credentials. The etcdctl way:
 * `etcdctl user add root:PASSWORD && etcdctl user grant-role root root && etcdctl auth enable`.
 */
export async function enableEtcdAuth(conn: Omit<ConnectionOptions, 'auth'>, rootPassword: string): Promise<void> {
  const client = createClient(conn);
  try {
    const root = client.user('root');
    await root.create(rootPassword).catch((err: unknown) => {
      if (!(err instanceof EtcdUserExistsError)) throw err;
    });
    await root.addRole('root');
    await client.auth.authEnable();
  } finally {
    client.close();
  }
}

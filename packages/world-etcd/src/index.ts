export { connectEtcdWorld, EtcdWorld } from './etcd-world.js';
export type { WorldStatus } from './status.js';
export type { EtcdWorldOptions } from './options.js';
export { spawnEtcd, type SpawnedEtcd, type SpawnEtcdOptions } from './spawn-etcd.js';
export { enableEtcdAuth, grantHostRole, hostRole } from './access.js';
export type { ConnectionOptions } from './client.js';

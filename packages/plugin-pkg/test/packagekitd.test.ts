import { access } from 'node:fs/promises';
import { makeContext } from '@mgmt/resource/testing';
import test from 'ava';
import { pkg } from '../src/index.js';
import { aptUnavailable, ensure, isInstalled } from './helpers/apt.js';
import { PACKAGEKITD, POLKITD, startRealPackageKit, type RealPackageKit } from './helpers/packagekitd.js';

// Opt-in (MGMT_TEST_PACKAGEKITD=1, as root, run alone: it installs `sl` for real and would
// race apt.test.ts for the dpkg lock): the pkg kind against the real packagekitd on a
// private system bus, the way the double is served in packagekit.test.ts.
const why = async (): Promise<string | undefined> => {
  if (process.env.MGMT_TEST_PACKAGEKITD !== '1') return 'set MGMT_TEST_PACKAGEKITD=1 to run';
  for (const f of [PACKAGEKITD, POLKITD]) if (!(await access(f).then(() => true, () => false))) return `${f} is not installed`;
  return aptUnavailable();
};
const skip = await why();

if (skip) {
  test.skip(`real packagekitd (skipped: ${skip})`, (t) => t.pass());
} else {
  let daemon: RealPackageKit;
  const wasInstalled = await isInstalled('sl');
  test.before(async () => {
    daemon = await startRealPackageKit();
    process.env.DBUS_SYSTEM_BUS_ADDRESS = daemon.address;
  });
  test.after.always(async () => {
    await daemon?.stop();
    await ensure(['sl'], new Set(wasInstalled ? ['sl'] : []));
  });

  test.serial('real packagekitd: install, converge, remove `sl`', async (t) => {
    await ensure(['sl'], new Set());
    for (const state of ['installed', 'uninstalled']) {
      const ctx = makeContext(pkg, { backend: 'packagekit', state }, { name: 'sl' });
      const r = await pkg.check(ctx);
      if (r.ok) return t.fail(`${state}: expected drift`);
      await pkg.apply(ctx, r.diff);
      t.true((await pkg.check(ctx)).ok, `${state} converged`);
      t.is(await isInstalled('sl'), state === 'installed');
    }
  });
}

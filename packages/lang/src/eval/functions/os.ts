import { T } from '../../types/type.js';
import { distroOf } from './os-release.js';
import type { Module } from './types.js';

// From os-release (`CompileOptions.osRelease`, else the host's file), not reactive.
export const os: Module = {
  distro: {
    params: [],
    returns: T.str,
    doc: 'The distribution of the host, as the `ID` of its os-release file: "debian", "ubuntu", "fedora", "alpine", "arch", …; "" when unknown.',
    call: (_args, ctx) => distroOf(ctx.osRelease()).distro,
  },
  family: {
    params: [],
    returns: T.str,
    doc:
      'The family of the host\'s distribution, from the `ID` then the `ID_LIKE` of its os-release file: "debian" (Debian, Ubuntu, Mint, …), "redhat" (RHEL, Fedora, CentOS, Rocky, Alma, …), ' +
      '"suse", "archlinux", "alpine", "gentoo"; else the `ID` itself; "" when unknown.',
    call: (_args, ctx) => distroOf(ctx.osRelease()).family,
  },
};

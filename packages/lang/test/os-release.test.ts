import test from 'ava';
import { compile, printGraphText } from '../src/index.js';
import { distroOf, parseOsRelease } from '../src/eval/functions/os-release.js';
import { registry } from './helpers/registry.js';

// os.distro() and os.family() from os-release text; golden fixtures (graph/os/) cover the
// functions in programs for Debian, Ubuntu, Fedora, Alpine and no file.

test('the format: quotes, shell escapes, comments, blank and junk lines', (t) => {
  const fields = parseOsRelease(
    ['# a comment', '', 'NAME="Some \\"Linux\\" \\$1 \\\\ \\`x\\`"', "PRETTY_NAME='single $quoted'", 'ID=plain  ', 'not a field', 'BAD KEY=x', 'EMPTY=', 'QUOTE_ONLY="'].join('\n'),
  );
  t.is(fields.get('NAME'), 'Some "Linux" $1 \\ `x`');
  t.is(fields.get('PRETTY_NAME'), 'single $quoted');
  t.is(fields.get('ID'), 'plain');
  t.is(fields.get('EMPTY'), '');
  t.is(fields.get('QUOTE_ONLY'), '"');
  t.false(fields.has('BAD KEY'));
  t.is(fields.size, 5);
});

test('families: from ID first, then each ID_LIKE in order, else the ID', (t) => {
  const cases: [string, string, string][] = [
    ['ID=debian', 'debian', 'debian'],
    ['ID=ubuntu\nID_LIKE=debian', 'ubuntu', 'debian'],
    ['ID=linuxmint\nID_LIKE="ubuntu debian"', 'linuxmint', 'debian'],
    ['ID=raspbian\nID_LIKE=debian', 'raspbian', 'debian'],
    ['ID=fedora', 'fedora', 'redhat'],
    ['ID="rhel"\nID_LIKE="fedora"', 'rhel', 'redhat'],
    ['ID="centos"\nID_LIKE="rhel fedora"', 'centos', 'redhat'],
    ['ID="rocky"\nID_LIKE="rhel centos fedora"', 'rocky', 'redhat'],
    ['ID="almalinux"\nID_LIKE="rhel centos fedora"', 'almalinux', 'redhat'],
    ['ID="amzn"\nID_LIKE="centos rhel fedora"', 'amzn', 'redhat'],
    ['ID="opensuse-leap"\nID_LIKE="suse opensuse"', 'opensuse-leap', 'suse'],
    ['ID="sles"', 'sles', 'suse'],
    ['ID=arch', 'arch', 'archlinux'],
    ['ID=manjaro\nID_LIKE=arch', 'manjaro', 'archlinux'],
    ['ID=alpine', 'alpine', 'alpine'],
    ['ID=gentoo', 'gentoo', 'gentoo'],
    ['ID=nixos', 'nixos', 'nixos'],
    ['ID=newdistro\nID_LIKE="something ubuntu"', 'newdistro', 'debian'],
    ['NAME=Nameless', '', ''],
    ['', '', ''],
  ];
  for (const [text, distro, family] of cases) t.deepEqual(distroOf(text), { distro, family }, text);
});

test('CompileOptions.osRelease is what the functions read; without it, the host file is read', (t) => {
  const text = 'pkg_repo "os" { list => [os.distro(), os.family()] }\n';
  const fixed = compile([{ path: 'main.mcl', text }], { registry, osRelease: 'ID=rocky\nID_LIKE="rhel centos fedora"\n' });
  t.deepEqual(fixed.diagnostics, []);
  t.regex(printGraphText(fixed.graph!), /field pkg_repo\[os\]\.list = \["rocky","redhat"\]/);
  // Whatever this machine is, the disk read never fails the program, and it is no reactive input.
  const host = compile([{ path: 'main.mcl', text }], { registry });
  t.deepEqual(host.diagnostics, []);
  t.deepEqual(host.inputs, { files: [], clock: false });
});

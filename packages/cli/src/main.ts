import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DuplicateKindError } from '@mgmt/resource';
import { checkCommand } from './commands/check.js';
import { docsCommand } from './commands/docs.js';
import { graphCommand } from './commands/graph.js';
import { registerPluginCommands } from './commands/plugin-commands.js';
import { runCommand } from './commands/run.js';
import { applyConfig } from './config/apply-config.js';
import { ConfigError } from './config/config-error.js';
import { EXIT_FAILED, EXIT_INVALID } from './exit-codes.js';
import { PluginLoadError } from './plugins.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const seconds = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return n;
};
/** `10/60` → more than 10 repairs in 60 s is flapping; `off` → never. */
const flapSpec = (value: string): { repairs: number; seconds: number } => {
  if (value === 'off') return { repairs: Number.POSITIVE_INFINITY, seconds: 60 };
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new InvalidArgumentError('expected REPAIRS/SECONDS such as 10/60, or off');
  return { repairs: Number(m[1]), seconds: Number(m[2]) };
};
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return n;
};
/** `http://a:2379,https://b:2379`: etcd client URLs. */
const urlList = (value: string): string[] => {
  const urls = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = urls.find((u) => !/^https?:\/\/[^/]+\/?$/.test(u));
  if (urls.length === 0 || bad !== undefined) throw new InvalidArgumentError(`expected etcd client URLs such as http://10.0.0.1:2379, comma-separated${bad ? `; not ${bad}` : ''}`);
  return urls;
};
const keyPrefix = (value: string): string => {
  if (!value.startsWith('/')) throw new InvalidArgumentError('expected a key prefix starting with /, such as /mgmt');
  return value;
};
/** `HOST:PORT`, `[IPv6]:PORT`; port 0 asks for a free one. */
const hostPort = (value: string): { host: string; port: number } => {
  const m = /^(?:\[([^\]]+)\]|([^:\[\]]+)):(\d{1,5})$/.exec(value);
  const port = Number(m?.[3]);
  if (!m || port > 65535) throw new InvalidArgumentError('expected HOST:PORT, e.g. 127.0.0.1:9233 or [::1]:9233');
  return { host: (m[1] ?? m[2])!, port };
};

/** Builds the `mgmt` command tree; each action stores its exit status in `status`. */
function program(status: { code: number }) {
  const cli = new Command('mgmt')
    .description('next-generation configuration management: parallel, event driven, distributed')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride()
    .option('--config <file>', 'use this config file instead of searching for mgmt.config.*, .mgmtrc*, package.json#mgmt')
    .hook('preAction', applyConfig);
  cli
    .command('run')
    .description('apply a program and keep it applied: repair drift as it happens')
    .argument('<path>', 'a .mcl file, or a folder of them; or `yaml` followed by a Go mgmt graph file')
    .argument('[file]', 'after `yaml`: the graph file (FILE.yaml)')
    .option('--hostname <name>', 'the host name this agent runs as (default: the system host name)')
    .option('--converged-timeout <seconds>', 'exit after this long converged (0: once converged); default: run until stopped', seconds)
    .option('--noop', 'change nothing; report what would change')
    .option('--graphviz <file>', 'write the resource graph as Graphviz DOT to this file')
    .option('--concurrency <n>', 'at most n checks/applies at once', positiveInt)
    .option('--flap <repairs/seconds>', 'back off a resource repaired more than N times in S seconds (default 10/60; off: never)', flapSpec)
    .option('--state-dir <dir>', 'keep state that must survive a crash here (pending refreshes, a spawned etcd\'s data); default: none, kept in memory')
    .option('--seeds <urls>', 'share a world in etcd at these client URLs (comma-separated); default: an in-memory world of this agent alone', urlList)
    .option('--etcd-spawn', 'start a local single-member etcd as a child (data under the state dir, else ~/.local/state/mgmt) and use it as the world')
    .option('--etcd-prefix <prefix>', 'the key prefix of this fleet in etcd (default /mgmt)', keyPrefix)
    .option('--etcd-ca <file>', 'PEM CA certificate that checks the etcd server')
    .option('--etcd-cert <file>', 'PEM client certificate for etcd; its CN is the etcd user (password users: MGMT_ETCD_USER, MGMT_ETCD_PASSWORD)')
    .option('--etcd-key <file>', 'the PEM private key of --etcd-cert')
    .option('--etcd-lease-ttl <seconds>', "how long this host's exports outlive it if it dies without a clean exit (default 10)", positiveInt)
    .option('--events <file>', 'write one JSON line per resource transition to this file (- for stdout)')
    .option('--events-checks', 'with --events, also one `checked` line per check')
    .option('--detailed-exitcodes', 'with --converged-timeout: exit 0 no change, 2 changes, 4 failures, 6 both')
    .option('--prometheus-listen <host:port>', 'serve Prometheus metrics at http://HOST:PORT/metrics', hostPort)
    .addOption(new Option('--log-format <format>', 'log output').choices(['text', 'json'] as const).default('text' as const))
    .addOption(new Option('--log-level <level>', 'least severe level shown').choices(['debug', 'info', 'warn', 'error'] as const).default('info' as const))
    .action(async (path, file, flags) => {
      if (path === 'yaml' || file !== undefined) {
        // Loaded only for graph files: the YAML parser is start-up time a .mcl run need not pay.
        const { runYamlCommand } = await import('./yaml/run-yaml.js');
        status.code = await runYamlCommand(path, file, flags);
      } else status.code = await runCommand(path, flags);
    });
  cli
    .command('check')
    .description('parse and check a program and print every error; applies nothing')
    .argument('<path>', 'a .mcl file, or a folder of them')
    .option('--hostname <name>', 'evaluate as this host')
    .action(async (path, flags) => {
      status.code = await checkCommand(path, flags);
    });
  cli
    .command('graph')
    .description("print the program's resource graph as Graphviz DOT")
    .argument('<path>', 'a .mcl file, or a folder of them')
    .option('--hostname <name>', 'evaluate as this host')
    .action(async (path, flags) => {
      status.code = await graphCommand(path, flags);
    });
  cli
    .command('docs')
    .description("a resource kind's params and capabilities, or the list of kinds")
    .argument('[kind]', 'the kind, as written in .mcl (file, exec, ...)')
    .action(async (kind) => {
      status.code = await docsCommand(kind);
    });
  registerPluginCommands(cli, status);
  return cli;
}

/** Runs the CLI on an argv and returns the exit status (never calls process.exit). */
export async function main(argv: readonly string[]): Promise<number> {
  const status = { code: 0 };
  // With Puppet's detailed codes 2 means "changes", so a run that cannot start exits 1.
  const invalid = argv.includes('--detailed-exitcodes') ? EXIT_FAILED : EXIT_INVALID;
  const cli = program(status);
  try {
    await cli.parseAsync(argv as string[]);
    return status.code;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return invalid;
    if (err instanceof ConfigError) {
      process.stderr.write(err.render(process.stderr.isTTY === true));
      return invalid;
    }
    if (err instanceof PluginLoadError || err instanceof DuplicateKindError) {
      process.stderr.write(`error: ${err.message}\n`);
      return invalid;
    }
    throw err;
  }
}

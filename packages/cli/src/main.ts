import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DuplicateKindError } from '@mgmt/resource';
import { checkCommand } from './commands/check.js';
import { docsCommand } from './commands/docs.js';
import { graphCommand } from './commands/graph.js';
import { runCommand } from './commands/run.js';
import { EXIT_INVALID } from './exit-codes.js';
import { PluginLoadError } from './plugins.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const seconds = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return n;
};
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return n;
};

/** Builds the `mgmt` command tree; each action stores its exit status in `status`. */
function program(status: { code: number }) {
  const cli = new Command('mgmt')
    .description('next-generation configuration management: parallel, event driven, distributed')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();
  cli
    .command('run')
    .description('apply a program and keep it applied: repair drift as it happens')
    .argument('<path>', 'a .mcl file, or a folder of them')
    .option('--hostname <name>', 'the host name this agent runs as (default: the system host name)')
    .option('--converged-timeout <seconds>', 'exit after this long converged (0: once converged); default: run until stopped', seconds)
    .option('--noop', 'change nothing; report what would change')
    .option('--graphviz <file>', 'write the resource graph as Graphviz DOT to this file')
    .option('--concurrency <n>', 'at most n checks/applies at once', positiveInt)
    .addOption(new Option('--log-format <format>', 'log output').choices(['text', 'json'] as const).default('text' as const))
    .addOption(new Option('--log-level <level>', 'least severe level shown').choices(['debug', 'info', 'warn', 'error'] as const).default('info' as const))
    .action(async (path, flags) => {
      status.code = await runCommand(path, flags);
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
  return cli;
}

/** Runs the CLI on an argv and returns the exit status (never calls process.exit). */
export async function main(argv: readonly string[]): Promise<number> {
  const status = { code: 0 };
  const cli = program(status);
  try {
    await cli.parseAsync(argv as string[]);
    return status.code;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return EXIT_INVALID;
    if (err instanceof PluginLoadError || err instanceof DuplicateKindError) {
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT_INVALID;
    }
    throw err;
  }
}

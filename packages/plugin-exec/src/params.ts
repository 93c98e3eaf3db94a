import { z } from '@mgmt/resource';

// Node timers overflow past 2^31 ms; a longer timeout would fire at once.
const MAX_TIMEOUT = 2_147_483;

const nonEmpty = z.string().min(1, 'must not be empty');

/**
 * The params of `exec "NAME" { ... }`. Strict: a misspelt param (`ifcommand`) is an error, not
 * a silently ignored key. `.describe()` texts feed `mgmt docs exec`.
 */
export const execParams = z.strictObject({
  cmd: nonEmpty.describe('the command: a shell script run with `shell -c`, or the executable when `args` is given'),
  args: z
    .array(z.string())
    .optional()
    .describe('argv for `cmd`, passed as is: no shell, no splitting, no expansion'),
  cwd: nonEmpty.optional().describe('working directory of cmd, ifcmd and watchcmd (default: the agent’s)'),
  env: z
    .record(z.string(), z.string())
    .optional()
    .describe('environment variables, merged over the agent’s environment'),
  timeout: z
    .number()
    .positive()
    .max(MAX_TIMEOUT, 'at most 2147483 seconds (about 24 days)')
    .optional()
    .describe('seconds; after it the whole process group is killed and the run fails'),
  ifcmd: nonEmpty.optional().describe('a shell command; cmd runs only when it exits 0'),
  creates: nonEmpty
    .optional()
    .describe('a path; cmd runs only while it does not exist (relative to cwd), and again once it is deleted'),
  watchcmd: nonEmpty
    .optional()
    .describe('a long-running shell command; each line it prints makes cmd run again'),
  shell: nonEmpty.default('/bin/sh').describe('the shell for cmd (without args), ifcmd and watchcmd'),
});

export type ExecParams = z.output<typeof execParams>;

/** What to spawn: an executable, its argv, and how to show it in logs and errors. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** As the user wrote it: the script for shell commands, `cmd arg…` otherwise. */
  readonly display: string;
}

/** A script run by the resource's shell: used for cmd (without args), ifcmd and watchcmd. */
export const shellCommand = (p: ExecParams, script: string): Command => ({
  file: p.shell,
  args: ['-c', script],
  display: script,
});

/** The main command. With `args` there is no shell at all, so nothing is split or expanded. */
export const mainCommand = (p: ExecParams): Command =>
  p.args === undefined
    ? shellCommand(p, p.cmd)
    : { file: p.cmd, args: p.args, display: [p.cmd, ...p.args.map(quoteArg)].join(' ') };

// Only for display: quote an arg the way a reader would have to type it.
const quoteArg = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg));

import type { StopWatch } from '@mgmt/resource';
import { collectLines } from './output.js';
import { shellCommand } from './params.js';
import { spawnGroup, terminateGroup } from './process-group.js';
import type { ExecWatchContext } from './state.js';

/**
 * Watches through `watchcmd`: a long-running shell command whose every stdout line (empty
 * ones included) marks the exec pending and sends an event, so the next check is drifted.
 * Resolves as soon as the command is spawned, since from then on no line can be missed.
 *
 * If the watchcmd exits on its own, the rest of its process group is killed and the end is
 * reported through `ctx.error` (the engine restarts the watch later). The stop function, or
 * `ctx.signal`, kills the whole process group and waits for the command to exit.
 */
export async function watchCommand(ctx: ExecWatchContext, script: string): Promise<StopWatch> {
  const p = ctx.params;
  const command = shellCommand(p, script);
  const child = spawnGroup(command, { cwd: p.cwd, env: p.env });
  const label = `watchcmd \`${command.display}\``;
  if (child.pid === undefined) {
    const result = await child.done;
    throw new Error(`${label} could not start: ${result.error ?? 'unknown error'}`);
  }

  // Output is not kept (limit 0): a watch runs for days. Only stderr's tail is remembered.
  collectLines(
    child.stdout,
    (line) => {
      ctx.log.debug(line, { stream: 'stdout', source: 'watchcmd' });
      ctx.state.pending = true;
      ctx.event('watchcmd');
    },
    0,
  );
  const err = collectLines(child.stderr, (line) => ctx.log.warn(line, { stream: 'stderr', source: 'watchcmd' }), 0);

  let stopping = false;
  child.once('exit', () => {
    // Stragglers would hold the pipes open and keep `child` from settling.
    if (!stopping) void terminateGroup(child);
  });
  const ended = child.done.then((result) => {
    if (stopping) return;
    ctx.signal.removeEventListener('abort', onAbort);
    err.finish();
    const how = result.exitCode !== undefined ? `exited ${result.exitCode}` : `was killed by ${result.signal ?? 'a signal'}`;
    const tail = err.tail(5);
    ctx.error(new Error(`${label} ${how}${tail.length > 0 ? `: ${tail.join('\n')}` : ''}`));
  });

  const stop = async (): Promise<void> => {
    if (!stopping) {
      stopping = true;
      ctx.signal.removeEventListener('abort', onAbort);
      await terminateGroup(child);
    }
    await ended;
  };
  function onAbort(): void {
    void stop();
  }
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  return stop;
}

/**
 * The agent's exit statuses. Documented in the CLI README; scripts rely on them.
 * - 0: the run settled with nothing failed (or the agent was stopped by a signal with nothing failed)
 * - 1: one or more resources failed, or were blocked by a failed dependency
 * - 2: the program, config or command line has an error: nothing was applied
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID = 2;

import { hostname as osHostname } from 'node:os';
import { toDot } from '@mgmt/engine';
import { silentLogger } from '@mgmt/resource';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { compileProgram } from '../program.js';

/** `mgmt graph`: the program's resource graph in Graphviz DOT on stdout. */
export async function graphCommand(path: string, flags: { hostname?: string }): Promise<number> {
  const compiled = await compileProgram(path, { hostname: flags.hostname ?? osHostname(), log: silentLogger });
  if (!compiled) return EXIT_INVALID;
  process.stdout.write(toDot(compiled.graph));
  return EXIT_OK;
}

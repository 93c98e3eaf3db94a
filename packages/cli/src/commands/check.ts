import { hostname as osHostname } from 'node:os';
import { silentLogger } from '@mgmt/resource';
import { compileProgram } from '../program.js';

/** `mgmt check`: parse, check and build the graph; print every error; apply nothing. */
export async function checkCommand(path: string, flags: { hostname?: string }): Promise<number> {
  const compiled = await compileProgram(path, { hostname: flags.hostname ?? osHostname(), log: silentLogger });
  if (!compiled) return 1;
  const n = compiled.graph.nodes.size;
  const e = compiled.graph.edges.length;
  process.stdout.write(`${path}: ok, ${n} ${n === 1 ? 'resource' : 'resources'}, ${e} ${e === 1 ? 'edge' : 'edges'}\n`);
  return 0;
}

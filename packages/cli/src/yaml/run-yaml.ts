import { existsSync } from 'node:fs';
import { runCommand, type RunFlags } from '../commands/run.js';
import { EXIT_FAILED, EXIT_INVALID } from '../exit-codes.js';
import { compileYaml } from './compile-yaml.js';

/**
 * `mgmt run yaml FILE.yaml`: the Go mgmt's graph format, run by the same agent as `.mcl`
 * (same flags, world, reactive loop and exit statuses). `run` takes `yaml` as its first
 * argument and the file as an optional second one, so every `run` flag and the config file
 * apply unchanged.
 */
export async function runYamlCommand(word: string, file: string | undefined, flags: RunFlags): Promise<number> {
  const usage = (message: string): number => {
    process.stderr.write(`error: ${message}\n`);
    return flags.detailedExitcodes ? EXIT_FAILED : EXIT_INVALID;
  };
  if (word !== 'yaml') return usage(`unexpected argument '${file}': \`mgmt run\` takes one program (or \`yaml FILE.yaml\`)`);
  if (file === undefined) {
    // A folder of .mcl files may well be called yaml.
    if (existsSync(word)) return runCommand(word, flags);
    return usage('`mgmt run yaml` needs the graph file: mgmt run yaml FILE.yaml');
  }
  return runCommand(file, flags, compileYaml);
}

import { hasErrors, type Diagnostic } from '@mgmt/resource';
import { renderDiagnostic } from '@mgmt/lang';

/** Prints diagnostics to stderr, each as a source frame; returns true if any was an error. */
export function report(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): boolean {
  const color = process.stderr.isTTY === true;
  for (const d of diagnostics) process.stderr.write(renderDiagnostic(d, sources, { color }) + '\n\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}; nothing was applied\n`);
  return hasErrors(diagnostics);
}

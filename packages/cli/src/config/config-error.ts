import type { Diagnostic } from '@mgmt/resource';
import { renderDiagnostic } from '@mgmt/lang';

/** A config file that cannot be used: its diagnostics carry `file:line:col` where known. */
export class ConfigError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly sources: ReadonlyMap<string, string> = new Map(),
  ) {
    super(diagnostics.map((d) => (d.file ? `${d.file}: ${d.message}` : d.message)).join('; '));
  }

  /** The diagnostics as source frames, the way program errors look. */
  render(color = false): string {
    return this.diagnostics.map((d) => renderDiagnostic(d, this.sources, { color })).join('\n\n') + '\n';
  }
}

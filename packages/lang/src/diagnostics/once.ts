import type { Diagnostic } from '@mgmt/resource';

/**
 * A list of diagnostics that takes each code at each place once: a loop body runs (and a
 * generic body is checked) once per use, and its mistakes are reported once, not per run.
 */
export function onceEach(): { readonly diagnostics: Diagnostic[]; readonly report: (d: Diagnostic) => void } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (d: Diagnostic): void => {
    const key = `${d.code}\0${d.file ?? ''}\0${d.span?.start ?? -1}\0${d.span?.end ?? -1}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
  };
  return { diagnostics, report };
}

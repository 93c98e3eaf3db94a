import type { Engine, RunSummary } from '@mgmt/engine';

const CLEAR = '\r\x1b[2K';

/** The live summary: `12/40 converged · 3 running · 1 failed · 2 blocked · 4.2 s`. */
export function statusText(s: RunSummary): string {
  const parts = [`${s.converged}/${s.total} converged`];
  if (s.running) parts.push(`${s.running} running`);
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.blocked) parts.push(`${s.blocked} blocked`);
  parts.push(`${(s.elapsedMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}

/**
 * One line at the bottom of a terminal that is redrawn in place, with the log scrolling
 * above it: each log line first erases the status, then puts it back below itself. Only for
 * terminals; a pipe or a file gets the plain log.
 */
export class StatusLine {
  #shown = '';

  constructor(
    private readonly out: (s: string) => void,
    /** The terminal's width: a longer status would wrap, and `\r` would then redraw only its last row. */
    private readonly columns: () => number = () => 80,
  ) {}

  /** Writes log text (whole lines) above the status line. */
  log(text: string): void {
    this.out(this.#shown ? `${CLEAR}${text}${this.#shown}` : text);
  }

  /** Replaces the status line. */
  show(text: string): void {
    const width = Math.max(10, this.columns() - 1);
    this.#shown = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.out(`${CLEAR}${this.#shown}`);
  }

  /** Erases it, leaving the cursor at the start of an empty line. */
  clear(): void {
    if (!this.#shown) return;
    this.#shown = '';
    this.out(CLEAR);
  }
}

/**
 * Keeps `line` showing the engine's summary: redrawn at most every `intervalMs` while
 * vertices change state, and once a second for the clock. Returns the detach, which erases it.
 */
export function followEngine(engine: Engine, line: StatusLine, intervalMs = 100): () => void {
  let pending: NodeJS.Timeout | undefined;
  let detached = false;
  const draw = (): void => {
    pending = undefined;
    if (!detached) line.show(statusText(engine.summary()));
  };
  const soon = (): void => {
    pending ??= setTimeout(draw, intervalMs);
  };
  const hooks = engine.hooks;
  const name = 'status-line';
  hooks.started.tap(name, soon);
  hooks.beforeCheck.tap(name, soon);
  hooks.afterCheck.tap(name, soon);
  hooks.afterApply.tap(name, soon);
  hooks.failed.tap(name, soon);
  hooks.blocked.tap(name, soon);
  hooks.swapped.tap(name, soon);
  hooks.converged.tap(name, soon);
  const clock = setInterval(draw, 1000);
  clock.unref();
  return () => {
    detached = true;
    clearInterval(clock);
    clearTimeout(pending);
    line.clear();
  };
}

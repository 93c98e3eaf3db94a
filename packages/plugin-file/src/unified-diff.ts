/**
 * A unified diff of two texts, line by line (Myers' O(ND) algorithm), the way `diff -u`
 * prints it: `--- from` / `+++ to` headers, `@@ -l,s +l,s @@` hunks with `context` lines
 * around each change, and `\ No newline at end of file` after a last line without one.
 */
export interface UnifiedDiffOptions {
  /** The `---` and `+++` labels (a path, or `/dev/null` for a file that is created). */
  readonly from: string;
  readonly to: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
  /** At most this many lines in all, headers included; then `… N more lines` (default 200). */
  readonly maxLines?: number;
  /**
   * Past this many edits the middle is shown as all removed, then all added, instead of the
   * shortest edit script (bounds time and memory on huge rewrites; default 2000).
   */
  readonly maxEdits?: number;
}

interface Line {
  readonly text: string;
  /** False for a last line with no newline at its end. */
  readonly eol: boolean;
}

type Op = { readonly type: ' ' | '-' | '+'; readonly line: Line };

/** Lines without their `\n`; the key compared includes it, so `a` and `a\n` differ. */
export function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const lines: Line[] = parts.map((t) => ({ text: t, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

const key = (l: Line): string => (l.eol ? l.text + '\n' : l.text);

/**
 * The shortest edit script from a to b, or undefined past `maxD` edits. V is kept per step
 * for diagonals -d..d only, so memory is O(D²), not O(D·(N+M)).
 */
function myers(a: readonly string[], b: readonly string[], maxD: number): Array<' ' | '-' | '+'> | undefined {
  const n = a.length;
  const m = b.length;
  const trace: Int32Array[] = [];
  const at = (v: Int32Array | undefined, d: number, k: number): number => (v === undefined || k < -d || k > d ? 0 : v[k + d]!);
  let prev: Int32Array | undefined;
  for (let d = 0; d <= Math.min(n + m, maxD); d++) {
    const cur = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1)) ? at(prev, d - 1, k + 1) : at(prev, d - 1, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      cur[k + d] = x;
      if (x >= n && y >= m) {
        trace.push(cur);
        return backtrack(trace, n, m);
      }
    }
    trace.push(cur);
    prev = cur;
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): Array<' ' | '-' | '+'> {
  const ops: Array<' ' | '-' | '+'> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d - 1]!;
    const pd = d - 1;
    const k = x - y;
    const get = (kk: number) => v[kk + pd]!;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(' ');
      x--;
      y--;
    }
    ops.push(prevK === k + 1 ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(' ');
    x--;
    y--;
  }
  return ops.reverse();
}

/** The edit script over whole texts: common head and tail trimmed first (the usual case). */
function script(a: readonly Line[], b: readonly Line[], maxEdits: number): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && key(a[head]!) === key(b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && key(a[a.length - 1 - tail]!) === key(b[b.length - 1 - tail]!)) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const ops: Op[] = a.slice(0, head).map((line) => ({ type: ' ', line }));
  const middle = myers(am.map(key), bm.map(key), maxEdits);
  if (middle === undefined) {
    for (const line of am) ops.push({ type: '-', line });
    for (const line of bm) ops.push({ type: '+', line });
  } else {
    let i = 0;
    let j = 0;
    for (const t of middle) {
      if (t === ' ') {
        ops.push({ type: ' ', line: am[i++]! });
        j++;
      } else if (t === '-') ops.push({ type: '-', line: am[i++]! });
      else ops.push({ type: '+', line: bm[j++]! });
    }
  }
  for (const line of a.slice(a.length - tail)) ops.push({ type: ' ', line });
  return ops;
}

/** `-l,s` per diff -u: a one-line range is just `l`; an empty one names the line before it. */
const range = (start0: number, count: number): string => (count === 0 ? `${start0},0` : count === 1 ? `${start0 + 1}` : `${start0 + 1},${count}`);

/** The unified diff of two texts; the empty string when they are equal. */
export function unifiedDiff(before: string, after: string, opts: UnifiedDiffOptions): string {
  if (before === after) return '';
  const context = opts.context ?? 3;
  const maxLines = opts.maxLines ?? 200;
  const ops = script(splitLines(before), splitLines(after), opts.maxEdits ?? 2000);

  // Positions in a and b before each op.
  const posA: number[] = [];
  const posB: number[] = [];
  let pa = 0;
  let pb = 0;
  for (const op of ops) {
    posA.push(pa);
    posB.push(pb);
    if (op.type !== '+') pa++;
    if (op.type !== '-') pb++;
  }

  const out: string[] = [`--- ${opts.from}`, `+++ ${opts.to}`];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.type === ' ') i++;
    if (i === ops.length) break;
    // A hunk: from `context` lines before this change to `context` after the last change that
    // is no more than 2·context unchanged lines from the one before it.
    const start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.type !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.type === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    let countA = 0;
    let countB = 0;
    for (let j = start; j < end; j++) {
      if (ops[j]!.type !== '+') countA++;
      if (ops[j]!.type !== '-') countB++;
    }
    out.push(`@@ -${range(posA[start]!, countA)} +${range(posB[start]!, countB)} @@`);
    for (let j = start; j < end; j++) {
      const op = ops[j]!;
      out.push(op.type + op.line.text);
      if (!op.line.eol) out.push('\\ No newline at end of file');
    }
    i = end;
  }
  if (out.length > maxLines) {
    const more = out.length - maxLines;
    out.length = maxLines;
    out.push(`… ${more} more line${more === 1 ? '' : 's'}`);
  }
  return out.join('\n') + '\n';
}

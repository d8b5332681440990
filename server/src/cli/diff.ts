/** Unified diffs of a file before and after its fixes (`--fix-dry-run`). */

interface DiffLine {
  readonly text: string;
  /** Whether the line ends with a line break (false only for a last line without one). */
  readonly eol: boolean;
  /** The line with its line break, for comparing. */
  readonly key: string;
}

function linesOf(text: string): DiffLine[] {
  const out: DiffLine[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ text: text.slice(start, m.index), eol: true, key: text.slice(start, m.index + m[0].length) });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), eol: false, key: text.slice(start) });
  return out;
}

type Op = { kind: ' ' | '-' | '+'; line: DiffLine };

/** The shortest edit script between two line lists (Myers), or a full replacement beyond `maxD` edits. */
function editScript(a: readonly DiffLine[], b: readonly DiffLine[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre]!.key === b[pre]!.key) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf]!.key === b[b.length - 1 - suf]!.key) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const middle: Op[] = [];
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const trace: Int32Array[] = [];
  const v = new Int32Array(2 * max + 3);
  // The saved frontiers take D × (N + M) integers: beyond a few million, print a full replacement.
  const maxD = Math.min(max, Math.floor(4_000_000 / (2 * max + 3)));
  let found = -1;
  if (n === 0 || m === 0) found = -2;
  for (let d = 0; found === -1 && d <= maxD; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x]!.key === B[y]!.key) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    for (const line of A) middle.push({ kind: '-', line });
    for (const line of B) middle.push({ kind: '+', line });
  } else {
    // Backtrack through the saved frontiers.
    let x = n;
    let y = m;
    const rev: Op[] = [];
    for (let d = found; d > 0; d--) {
      const vv = trace[d]!; // frontier before step d
      const k = x - y;
      const prevK = k === -d || (k !== d && vv[offset + k - 1]! < vv[offset + k + 1]!) ? k + 1 : k - 1;
      const prevX = vv[offset + prevK]!;
      const prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        rev.push({ kind: ' ', line: A[--x]! });
        y--;
      }
      if (x === prevX) rev.push({ kind: '+', line: B[--y]! });
      else rev.push({ kind: '-', line: A[--x]! });
    }
    while (x > 0 && y > 0) {
      rev.push({ kind: ' ', line: A[--x]! });
      y--;
    }
    middle.push(...rev.reverse());
  }
  return [...a.slice(0, pre).map((line) => ({ kind: ' ' as const, line })), ...middle, ...b.slice(b.length - suf).map((line) => ({ kind: ' ' as const, line }))];
}

/**
 * A unified diff (as `diff -u`) from `oldText` to `newText`, with `context` lines around each
 * change; `''` when the texts are equal. A last line without a line break is marked
 * `\ No newline at end of file`.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = editScript(linesOf(oldText), linesOf(newText));
  const out: string[] = [`--- ${oldName}\n`, `+++ ${newName}\n`];
  // Positions (1-based) of each op in the old and new files.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let nn = 1;
  for (const op of ops) {
    oldAt.push(o);
    newAt.push(nn);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') nn++;
  }
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 × context lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const oldLen = hunk.filter((x) => x.kind !== '+').length;
    const newLen = hunk.filter((x) => x.kind !== '-').length;
    const oldStart = oldLen ? oldAt[start]! : oldAt[start]! - 1;
    const newStart = newLen ? newAt[start]! : newAt[start]! - 1;
    out.push(`@@ -${oldStart}${oldLen === 1 ? '' : ',' + oldLen} +${newStart}${newLen === 1 ? '' : ',' + newLen} @@\n`);
    for (const op of hunk) {
      out.push(`${op.kind}${op.line.text}\n`);
      if (!op.line.eol) out.push('\\ No newline at end of file\n');
    }
    i = end;
  }
  return out.join('');
}

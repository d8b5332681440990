/** Building minimal text edits on a document's lines. */
import type { Line } from './lines';
import type { Range, TextEdit } from '../types';
import { lineRange, range } from '../types';

/**
 * Deletes a whole line and one line break: its own, or the previous line's when it is the
 * last line, so that no empty line is left behind.
 */
export function deleteLineEdit(lines: readonly Line[], index: number): TextEdit {
  const line = lines[index]!;
  if (line.eol || index === 0) {
    const next = lines[index + 1];
    return { range: next ? range(index, 0, index + 1, 0) : lineRange(index, 0, line.text.length), newText: '' };
  }
  const prev = lines[index - 1]!;
  return { range: range(index - 1, prev.text.length, index, line.text.length), newText: '' };
}

/** Replaces a range with text. */
export function replaceEdit(r: Range, newText: string): TextEdit {
  return { range: r, newText };
}

/** The UTF-16 offset of a position in a text (clamped to the text). */
export function offsetAt(lines: readonly Line[], position: { line: number; character: number }): number {
  if (position.line < 0) return 0;
  const line = lines[position.line];
  if (!line) {
    const last = lines[lines.length - 1]!;
    return last.offset + last.text.length;
  }
  const max = line.text.length + line.eol.length;
  return line.offset + Math.max(0, Math.min(position.character, max));
}

/**
 * Applies non-overlapping edits to a text. Edits are applied from last to first so that
 * their ranges, all relative to the original text, stay valid.
 */
export function applyEdits(text: string, lines: readonly Line[], edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((e) => ({ start: offsetAt(lines, e.range.start), end: offsetAt(lines, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of resolved) {
    if (e.end > limit) continue; // overlaps an edit already applied
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

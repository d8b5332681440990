/** Code actions from the fixes that rules attach to their findings. */
import type { ArticleDiagnostic } from '../lint';
import type { Fix } from '../rules/rule';
import type { Range, TextEdit } from '../types';
import { comparePositions } from '../types';

/** A quick fix tied to the diagnostic it repairs. */
export interface QuickFix {
  readonly fix: Fix;
  readonly diagnostic: ArticleDiagnostic;
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** The fixes of the diagnostics that touch `range`. */
export function quickFixes(diagnostics: readonly ArticleDiagnostic[], range: Range): QuickFix[] {
  const out: QuickFix[] = [];
  for (const d of diagnostics) {
    if (!overlaps(d.range, range)) continue;
    for (const fix of d.fixes) out.push({ fix, diagnostic: d });
  }
  return out;
}

/**
 * The edits of every safe fix, without overlaps (a later edit that overlaps an earlier one is
 * left for the next round), sorted by position: what "fix all" applies.
 */
export function safeFixEdits(diagnostics: readonly ArticleDiagnostic[]): TextEdit[] {
  return nonOverlapping(diagnostics, (f) => f.safe);
}

/**
 * The edits of document formatting: only the fixes marked `format` (white space, marker
 * spellings, the date's format, invisible characters, letterforms), which never change a word.
 */
export function formatEdits(diagnostics: readonly ArticleDiagnostic[]): TextEdit[] {
  return nonOverlapping(diagnostics, (f) => f.safe && f.format === true);
}

function nonOverlapping(diagnostics: readonly ArticleDiagnostic[], pick: (f: Fix) => boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find(pick);
    if (fix) edits.push(...fix.edits);
  }
  edits.sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  const out: TextEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && comparePositions(e.range.start, last.range.end) < 0) continue;
    if (last && comparePositions(e.range.start, last.range.end) === 0 && comparePositions(e.range.start, e.range.end) === 0 && comparePositions(last.range.start, last.range.end) === 0) continue;
    out.push(e);
  }
  return out;
}

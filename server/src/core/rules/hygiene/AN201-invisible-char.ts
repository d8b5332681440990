import type { Rule } from '../rule';
import { text } from '../messages';
import { lineRange } from '../../types';
import { describeRun, invisibleRuns } from './invisible';
import { findMojibake, type MojibakeRun } from './mojibake';
import { BlankLines, contentStart, inside, isNoBreakSpace, ownedSpans, place, tidyReplaceEdit } from './shared';

const isBidiControl = (c: number): boolean => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/**
 * Quick test for a line that may hold a character AN201 looks at: a one-range class (what V8
 * scans fastest) for the general punctuation block, and single-character searches for the rest.
 */
const GENERAL_PUNCTUATION = /[\u2000-\u206F]/;
function mayHaveInvisible(t: string): boolean {
  return GENERAL_PUNCTUATION.test(t) || t.indexOf('\u00A0') >= 0 || t.indexOf('\u00AD') >= 0 || t.indexOf('\uFEFF') >= 0 || t.indexOf('\u061C') >= 0;
}

/** AN201: zero-width, direction and bidi control characters, stray BOMs, no-break spaces. */
export const invisibleChar: Rule = {
  id: 'AN201',
  name: 'invisible-char',
  defaultSeverity: 'warning',
  tags: ['hygiene', 'format'],
  summary: 'Invisible characters: bidi controls (errors), zero-width and direction marks, a BOM past the start, no-break spaces, soft hyphens.',
  fixable: true,
  docs: {
    description:
      'Scraped pages carry characters that a reader cannot see but every tool does: bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can reorder how a line is displayed and hide what it says, are reported as errors; zero-width spaces, joiners and non-joiners, the left-to-right, right-to-left and Arabic letter marks (U+200B–U+200F, U+061C), a byte-order mark anywhere but the very start of the file, soft hyphens (U+00AD), word joiners (U+2060) and no-break spaces (U+00A0, U+202F) are warnings. They split words in searches and counts (`الوزير` with a zero-width space inside is another word), and make two identical paragraphs differ. Adjacent characters are reported together, once. A zero-width joiner inside an emoji sequence is part of the emoji and is left alone, and so are the characters of a mojibake run (AN202 repairs them) and, bidi controls apart, those inside a marker that AN110 rewrites or a date that AN104 rewrites.',
    bad: 'أعلنت وزارة\u200B المالية\u00A0اليوم عن موازنة\u200F جديدة.',
    good: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.',
    fix: 'Removes the characters; a no-break space becomes a normal space. White space around them is left tidy (one space between words, none at the ends of the line), and a line left empty is deleted. Safe, and applied by document formatting: no word changes.',
  },
  check({ article, markers }, report) {
    const blank = new BlankLines(article.blankLines);
    let owned: ReturnType<typeof ownedSpans> | undefined;
    for (const line of article.lines) {
      const t = line.text;
      if (!mayHaveInvisible(t) || blank.has(line.index)) continue;
      const spans = (owned ??= ownedSpans(article, markers)).get(line.index);
      let mojibake: MojibakeRun[] | undefined;
      const inMojibake = (i: number): boolean => {
        mojibake ??= findMojibake(t);
        for (const r of mojibake) if (i >= r.start && i < r.end) return true;
        return false;
      };
      const from = contentStart(article, line.index);
      const runs = invisibleRuns(t, from, (i) => (!isBidiControl(t.charCodeAt(i)) && inside(spans, i)) || inMojibake(i));
      for (const run of runs) {
        const names = describeRun(t, run.start, run.end);
        const where = place(t, run.start, run.end);
        const count = run.end - run.start;
        let replacement = '';
        for (let i = run.start; i < run.end; i++) if (isNoBreakSpace(t.charCodeAt(i))) replacement = ' ';
        const message = run.bidi
          ? text(
              `Bidirectional control character${count > 1 ? 's' : ''}${where.en}: ${names.en}. ${count > 1 ? 'They change' : 'It changes'} the order in which the text is displayed without being visible, and can hide what the line says. Remove ${count > 1 ? 'them' : 'it'}.`,
              `محارف تحكم اتجاهي${where.ar}: ${names.ar}. تغيّر ترتيب عرض النص دون أن تُرى، وقد تخفي ما يقوله السطر. احذفها.`,
            )
          : text(
              `Invisible character${count > 1 ? 's' : ''}${where.en}: ${names.en}. Invisible characters split words for search and counting and make identical text differ.`,
              `محارف غير مرئية${where.ar}: ${names.ar}. المحارف غير المرئية تقسم الكلمات في البحث والعدّ وتجعل النصوص المتطابقة مختلفة.`,
            );
        const title = replacement
          ? text('Replace with a normal space', 'استبدلها بمسافة عادية')
          : text(`Remove the invisible character${count > 1 ? 's' : ''}`, 'احذف المحارف غير المرئية');
        report({
          range: lineRange(line.index, run.start, run.end),
          message,
          severity: run.bidi ? 'error' : 'warning',
          fixes: [{ title, edits: [tidyReplaceEdit(article, line.index, run.start, run.end, replacement)], safe: true, preferred: true, format: true }],
        });
      }
    }
  },
};

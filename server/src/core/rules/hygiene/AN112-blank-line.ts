import type { Rule } from '../rule';
import { text } from '../messages';
import { deleteLineEdit } from '../../text/edits';
import { lineRange } from '../../types';
import { wordAfter, wordBefore } from './shared';

/** AN112: an empty or white-space-only line inside the article. */
export const blankLine: Rule = {
  id: 'AN112',
  name: 'blank-line',
  defaultSeverity: 'warning',
  tags: ['hygiene', 'format'],
  summary: 'An empty or white-space-only line inside the article.',
  fixable: true,
  docs: {
    description:
      'One line is one unit in this format (a headline, a marker line or a paragraph), and a clean article has no blank lines. An empty line, or one holding only spaces, tabs, no-break spaces or a byte-order mark, is usually what is left of a scraped `<p></p>` or of a hand edit; tools that read the corpus line by line take it for an empty paragraph, and a blank line after the read-also marker can split a related article in two. A final line break at the end of the file is not a blank line and is not reported, nor are the lines of a file that holds nothing else (AN101 reports it as empty). Each blank line is reported on its own, with how many blank lines stand together.',
    bad: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.\n\nوأضاف الوزير أن العجز سينخفض.',
    good: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.\nوأضاف الوزير أن العجز سينخفض.',
    fix: 'Deletes the blank line with its line break. The fix is safe (no word changes) but is not applied by document formatting, which leaves the line structure alone.',
  },
  check({ article }, report) {
    // An article with nothing but blank lines is empty, which AN101 reports.
    if (article.empty) return;
    const blank = article.blankLines;
    const lines = article.lines;
    let i = 0;
    while (i < blank.length) {
      // A group of consecutive blank lines.
      let j = i;
      while (j + 1 < blank.length && blank[j + 1] === blank[j]! + 1) j++;
      const first = blank[i]!;
      const last = blank[j]!;
      const count = j - i + 1;
      const prev = first > 0 ? lines[first - 1]!.text : '';
      const next = last + 1 < lines.length ? lines[last + 1]!.text : '';
      const before = prev ? wordBefore(prev, prev.length) : '';
      const after = next ? wordAfter(next, 0) : '';
      const where =
        before && after
          ? { en: ` between "${before}" and "${after}"`, ar: ` بين «${before}» و«${after}»` }
          : before
            ? { en: ` after "${before}"`, ar: ` بعد «${before}»` }
            : after
              ? { en: ` before "${after}"`, ar: ` قبل «${after}»` }
              : { en: '', ar: '' };
      for (let k = i; k <= j; k++) {
        const index = blank[k]!;
        const line = lines[index]!;
        const what =
          count === 1
            ? text(`A blank line${where.en}.`, `سطر فارغ${where.ar}.`)
            : text(`Blank line ${k - i + 1} of ${count}${where.en}.`, `السطر الفارغ ${k - i + 1} من ${count}${where.ar}.`);
        report({
          range: lineRange(index, 0, line.text.length),
          message: text(
            `${what.en} A clean article has no blank lines: one line is one headline, marker line or paragraph.`,
            `${what.ar} لا أسطر فارغة في الخبر السليم: كل سطر عنوان أو سطر علامة أو فقرة.`,
          ),
          fixes: [{ title: text('Delete the blank line', 'احذف السطر الفارغ'), edits: [deleteLineEdit(lines, index)], safe: true, preferred: true, format: false }],
        });
      }
      i = j + 1;
    }
  },
};

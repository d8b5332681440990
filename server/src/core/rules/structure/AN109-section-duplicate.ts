import type { Fix, Rule } from '../rule';
import { SECTION_NAMES, text } from '../messages';
import { deleteLineEdit } from '../../text/edits';
import { normalizeArabic } from '../../arabic';

/** AN109: a section that may appear once appears again. */
export const sectionDuplicate: Rule = {
  id: 'AN109',
  name: 'section-duplicate',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'A date, source, keywords or read-also line appears more than once.',
  fixable: true,
  docs: {
    description:
      'The date line, the source line, the keywords line and the read-also marker each appear at most once. A second one is usually the result of two scrapes of the same page pasted together, or of a hand edit that added a line without removing the old one. Tools read the first and ignore the rest. When the repeated line is identical to the first (after normalisation), the fix deletes it; otherwise decide which one is right by hand.',
    bad: 'المصدر: وكالة الأنباء\nالمصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية',
    good: 'المصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية',
    fix: 'Deletes a repeated line that is identical to the first one.',
  },
  check({ article }, report) {
    const normalizedFirst = new Map<number, string>();
    for (const d of article.duplicates) {
      const name = SECTION_NAMES[d.section];
      const first = article.lines[d.firstLine]!;
      const fixes: Fix[] = [];
      let firstText = normalizedFirst.get(d.firstLine);
      if (firstText === undefined) normalizedFirst.set(d.firstLine, (firstText = normalizeArabic(first.text)));
      if (firstText === normalizeArabic(d.node.text)) {
        fixes.push({
          title: text('Delete the repeated line', 'احذف السطر المكرر'),
          edits: [deleteLineEdit(article.lines, d.node.line)],
          safe: true,
          preferred: true,
        });
      }
      report({
        range: d.node.range,
        message: text(
          `A second ${name.en}: the first is on line ${d.firstLine + 1}. Keep one and delete the other.`,
          `${name.ar} مكرر: الأول في السطر ${d.firstLine + 1}. أبقِ واحدًا واحذف الآخر.`,
        ),
        fixes,
        related: [{ range: { start: { line: d.firstLine, character: 0 }, end: { line: d.firstLine, character: first.text.length } }, message: text(`The first ${name.en}`, `${name.ar} الأول`) }],
      });
    }
  },
};

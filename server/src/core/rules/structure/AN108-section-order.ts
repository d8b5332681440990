import type { Rule } from '../rule';
import { SECTION_NAMES, SECTION_PLACE, text } from '../messages';

/** AN108: a section that stands where it does not belong. */
export const sectionOrder: Rule = {
  id: 'AN108',
  name: 'section-order',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'A section stands out of the order headline, date, body, source, keywords, read also.',
  fixable: false,
  docs: {
    description:
      'The sections of an article come in a fixed order: headline, date line, app boilerplate (optional), body, source line, keywords line, read-also section (optional). A marker line after a section that should follow it, or a paragraph after the source or keywords line without a read-also marker before it, breaks the order: tools that read the corpus then put the text in the wrong field. The rule is reported on the first line of each break.',
    bad: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.\nالمصدر: وكالة الأنباء\nوأضاف الوزير أن العجز سينخفض.\nكلمات دلالية: وزارة المالية',
    good: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.\nوأضاف الوزير أن العجز سينخفض.\nالمصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية',
  },
  check({ article }, report) {
    for (const m of article.misplaced) {
      const name = SECTION_NAMES[m.section];
      const after = SECTION_NAMES[m.after];
      const place = SECTION_PLACE[m.section];
      report({
        range: m.range,
        message: text(
          `The ${name.en} comes after the ${after.en}; it belongs ${place.en}. Move this line there.`,
          `${name.ar} جاء بعد ${after.ar}، ومكانه ${place.ar}. انقل هذا السطر إلى مكانه.`,
        ),
      });
    }
    let previous = -2;
    for (const s of article.strayLines) {
      if (s.line !== previous + 1) {
        const after = SECTION_NAMES[s.after];
        report({
          range: s.range,
          message: text(
            `This paragraph comes after the ${after.en}. Body paragraphs belong before the source line; a related article needs a "إقرأ أيضاً:" line before it.`,
            `هذه الفقرة جاءت بعد ${after.ar}. فقرات المتن مكانها قبل سطر المصدر، والخبر ذو الصلة يسبقه سطر «إقرأ أيضاً:».`,
          ),
        });
      }
      previous = s.line;
    }
  },
};

import type { Rule } from '../rule';
import { text } from '../messages';
import { firstLineRange } from './missing';

/** AN106: no source line, or a source line that names no source. */
export const sourceMissing: Rule = {
  id: 'AN106',
  name: 'source-missing',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'The article has no source line, or the source line names no source.',
  fixable: false,
  docs: {
    description:
      'After the body comes the source line, `المصدر:` followed by the outlet or agency the article came from. It is what lets a curator weigh an article, count articles per outlet and find outlets whose scrapes are broken. A source line with nothing after the marker is reported as well.',
    bad: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.\nكلمات دلالية: وزارة المالية الموازنة',
    good: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.\nالمصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية الموازنة',
  },
  check({ article, optionalSections }, report) {
    if (article.empty || optionalSections.has('source')) return;
    if (!article.source) {
      report({
        range: firstLineRange(article),
        message: text(
          'The source line is missing. Add a line "المصدر: <outlet>" after the last body paragraph.',
          'سطر المصدر مفقود. أضف بعد آخر فقرة من المتن سطرًا «المصدر: <اسم الجهة>».',
        ),
      });
    } else if (!article.source.value.text) {
      report({
        range: article.source.range,
        message: text(
          'The source line names no source. Write the outlet after "المصدر:".',
          'سطر المصدر لا يذكر مصدرًا. اكتب اسم الجهة بعد «المصدر:».',
        ),
      });
    }
  },
};

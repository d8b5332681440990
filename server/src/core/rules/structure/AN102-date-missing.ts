import type { Rule } from '../rule';
import { text } from '../messages';
import { firstLineRange } from './missing';

/** AN102: no date line. */
export const dateMissing: Rule = {
  id: 'AN102',
  name: 'date-missing',
  defaultSeverity: 'error',
  tags: ['structure', 'date'],
  summary: 'The article has no date line.',
  fixable: false,
  docs: {
    description:
      'The second line of an article is its publication date, marked `تاريخ النشر:`. Without it the article cannot be placed in time, and date filters, per-month statistics and deduplication by date all miss it. The rule is reported on the headline, since the missing line has no place of its own.',
    bad: 'المالية تعلن موازنة جديدة للعام المقبل\nأعلنت وزارة المالية اليوم عن موازنة جديدة.',
    good: 'المالية تعلن موازنة جديدة للعام المقبل\nتاريخ النشر: 12th, June 2024 GMT\nأعلنت وزارة المالية اليوم عن موازنة جديدة.',
  },
  check({ article, optionalSections }, report) {
    if (article.date || article.empty || optionalSections.has('date')) return;
    report({
      range: firstLineRange(article),
      message: text(
        'The date line is missing. Add a line such as "تاريخ النشر: 12th, June 2024 GMT" right after the headline.',
        'سطر تاريخ النشر مفقود. أضف بعد العنوان مباشرة سطرًا مثل «تاريخ النشر: 12th, June 2024 GMT».',
      ),
    });
  },
};

import type { Rule } from '../rule';
import { text } from '../messages';
import { firstLineRange } from './missing';

/** AN101: the article has no headline (an empty file, or a file that starts with a marker line). */
export const headlineMissing: Rule = {
  id: 'AN101',
  name: 'headline-missing',
  defaultSeverity: 'error',
  tags: ['structure'],
  summary: 'The article has no headline on its first line.',
  fixable: false,
  docs: {
    description:
      'Every article starts with its headline on the first line. This rule fires on an empty file, and on a file whose first line is already a marker line (the date, source, keywords or read-also marker), which usually means the scraper lost the headline. Without a headline the article cannot be listed, searched or deduplicated by title.',
    bad: 'تاريخ النشر: 12th, June 2024 GMT\nأعلنت وزارة المالية اليوم عن موازنة جديدة.',
    good: 'المالية تعلن موازنة جديدة للعام المقبل\nتاريخ النشر: 12th, June 2024 GMT\nأعلنت وزارة المالية اليوم عن موازنة جديدة.',
  },
  check({ article }, report) {
    if (article.headline) return;
    if (article.empty) {
      report({
        range: firstLineRange(article),
        message: text(
          'The article is empty. Start with the headline on the first line, then the date line, the body, the source and the keywords.',
          'الملف فارغ. ابدأ بالعنوان في السطر الأول، ثم سطر تاريخ النشر، فالمتن، فالمصدر، فالكلمات الدلالية.',
        ),
      });
      return;
    }
    report({
      range: firstLineRange(article),
      message: text(
        'The article has no headline: its first line is a marker line. Add the headline as the first line.',
        'لا عنوان للخبر: السطر الأول سطر علامة. أضف العنوان في السطر الأول.',
      ),
    });
  },
};

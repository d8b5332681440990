import type { Rule } from '../rule';
import { text } from '../messages';
import { firstLineRange } from './missing';

/** AN105: no body paragraph. */
export const bodyMissing: Rule = {
  id: 'AN105',
  name: 'body-missing',
  defaultSeverity: 'error',
  tags: ['structure'],
  summary: 'The article has no body paragraph.',
  fixable: false,
  docs: {
    description:
      'An article needs at least one body paragraph between the date line (or the app boilerplate line) and the source line. An article without a body is usually a failed scrape: the page held only its title and tags. Such files add nothing to a corpus but noise.',
    bad: 'المالية تعلن موازنة جديدة للعام المقبل\nتاريخ النشر: 12th, June 2024 GMT\nالمصدر: وكالة الأنباء',
    good: 'المالية تعلن موازنة جديدة للعام المقبل\nتاريخ النشر: 12th, June 2024 GMT\nأعلنت وزارة المالية اليوم عن موازنة جديدة.\nالمصدر: وكالة الأنباء',
  },
  check({ article, optionalSections }, report) {
    if (article.body || article.empty || !article.headline || optionalSections.has('body')) return;
    report({
      range: firstLineRange(article),
      message: text(
        'The article has no body. Add its paragraphs, one per line, between the date line and the source line.',
        'لا متن للخبر. أضف فقراته، فقرة في كل سطر، بين سطر التاريخ وسطر المصدر.',
      ),
    });
  },
};

import type { Rule } from '../rule';
import { text } from '../messages';
import { firstLineRange } from './missing';

/** AN107: no keywords line, or an empty one. */
export const keywordsMissing: Rule = {
  id: 'AN107',
  name: 'keywords-missing',
  defaultSeverity: 'warning',
  tags: ['structure', 'keywords'],
  summary: 'The article has no keywords line, or the line is empty.',
  fixable: false,
  docs: {
    description:
      'The keywords line, `كلمات دلالية:` followed by the article\'s tags, comes right after the source line. Keywords are how a corpus is browsed and sampled by topic; an article without them falls out of every keyword view. An empty keywords line is reported as well.',
    bad: 'المصدر: وكالة الأنباء',
    good: 'المصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية الموازنة العامة',
  },
  check({ article, optionalSections }, report) {
    if (article.empty || optionalSections.has('keywords')) return;
    if (!article.keywords) {
      report({
        range: firstLineRange(article),
        message: text(
          'The keywords line is missing. Add a line "كلمات دلالية: …" right after the source line.',
          'سطر الكلمات الدلالية مفقود. أضف بعد سطر المصدر مباشرة سطرًا «كلمات دلالية: …».',
        ),
      });
    } else if (!article.keywords.value.text) {
      report({
        range: article.keywords.range,
        message: text(
          'The keywords line is empty. Write the article\'s keywords after "كلمات دلالية:".',
          'سطر الكلمات الدلالية فارغ. اكتب الكلمات الدلالية للخبر بعد «كلمات دلالية:».',
        ),
      });
    }
  },
};

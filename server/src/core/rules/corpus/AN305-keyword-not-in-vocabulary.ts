import type { Rule } from '../rule';
import { text } from '../messages';
import { normalizeArabic } from '../../arabic';

/** AN305: a keyword missing from the controlled vocabulary. */
export const keywordNotInVocabulary: Rule = {
  id: 'AN305',
  name: 'keyword-not-in-vocabulary',
  defaultSeverity: 'warning',
  tags: ['corpus', 'keywords'],
  summary: 'A keyword is not in the controlled vocabulary (only when `keywords.vocabulary` is set).',
  fixable: false,
  docs: {
    description:
      'A corpus that tags against a controlled vocabulary lists it in a file, one keyword a line, named by `keywords.vocabulary` in `.arabic-news.json`. Every keyword not in it (compared after normalisation) is reported, so that a curator either corrects the keyword or adds it to the vocabulary on purpose. Without a vocabulary the rule is silent.',
    bad: 'كلمات دلالية: الاحتلال الاسرائيلي   (the vocabulary has إسرائيل)',
    good: 'كلمات دلالية: إسرائيل',
  },
  check({ article, corpus }, report) {
    const vocabulary = corpus?.vocabulary;
    if (!vocabulary || !article.keywords) return;
    for (const item of article.keywords.items) {
      if (vocabulary.has(normalizeArabic(item.text))) continue;
      report({
        range: item.range,
        message: text(`"${item.text}" is not in the controlled vocabulary. Use a keyword of the vocabulary, or add this one to it.`, `«${item.text}» ليست في المعجم المعتمد للكلمات الدلالية. استخدم كلمة من المعجم أو أضف هذه إليه.`),
      });
    }
  },
};

/** Shared helpers of the missing-section rules. */
import { type Article, isBlank } from '../../parse/article';
import type { Range } from '../../types';
import { lineRange } from '../../types';

/**
 * Where a missing section is reported: the headline, or else the article's first
 * non-blank line, or the very start of an empty file.
 */
export function firstLineRange(article: Article): Range {
  if (article.headline) return article.headline.range;
  for (const l of article.lines) {
    if (!isBlank(l.text)) return lineRange(l.index, l.index === 0 && article.bom ? 1 : 0, l.text.length);
  }
  return lineRange(0, 0, 0);
}

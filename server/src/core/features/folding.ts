/** Folding ranges: the body, the read-also section and each related article. */
import type { Article } from '../parse/article';

/** A foldable line range; the same shape as LSP's `FoldingRange` (lines only). */
export interface ArticleFold {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'region';
}

/** Computes the folds, capped at `maxFolds`. Ranges on one line are left out. */
export function foldingRanges(article: Article, maxFolds = 5000): ArticleFold[] {
  const out: ArticleFold[] = [];
  const add = (startLine: number, endLine: number): void => {
    if (endLine > startLine && out.length < maxFolds) out.push({ startLine, endLine, kind: 'region' });
  };
  if (article.body) add(article.body.range.start.line, article.body.range.end.line);
  if (article.readAlso) {
    add(article.readAlso.sectionRange.start.line, article.readAlso.sectionRange.end.line);
    for (const a of article.readAlso.articles) add(a.range.start.line, a.range.end.line);
  }
  return out;
}

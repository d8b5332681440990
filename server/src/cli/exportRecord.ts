/**
 * An export record (one article of the dataset) and the compact summary export keeps of an
 * article between its two passes. Shared by export.ts and the per-file work of exportWork.ts.
 */
import type { Article } from '../core/analysis';
import { type ArticleSummary, detach } from '../core/corpus/summary';
import { isoDate } from '../core/parse/date';

/** One record of the dataset. Every field has the same type in every record. */
export interface ExportRecord {
  readonly id: string;
  readonly headline: string;
  readonly date: string | null;
  readonly source: string | null;
  readonly keywords: string[];
  readonly body: string[];
  readonly related: { headline: string; body: string[] }[];
  readonly problems: string[];
}

/** The dataset record of a parsed article. */
export function toRecord(id: string, article: Article, problems: string[]): ExportRecord {
  const d = article.date?.parsed.date;
  return {
    id,
    headline: article.headline?.text ?? '',
    date: d ? isoDate(d) : null,
    source: article.source?.value.text || null,
    keywords: (article.keywords?.items ?? []).map((k) => k.text),
    body: (article.body?.paragraphs ?? []).map((p) => p.text),
    related: (article.readAlso?.articles ?? []).map((a) => ({ headline: a.headline.text, body: a.paragraphs.map((p) => p.text) })),
    problems,
  };
}

/**
 * A summary whose strings do not share the memory of the file's text: the parser's strings are
 * slices of the text, and a slice keeps the whole text alive (one file per summary otherwise).
 */
export function compactSummary(s: ArticleSummary): ArticleSummary {
  const c = (x: string): string => detach(x);
  return {
    ...s,
    uri: c(s.uri),
    headline: c(s.headline),
    headlineNormalized: c(s.headlineNormalized),
    source: s.source === undefined ? undefined : c(s.source),
    keywords: s.keywords.map((k) => ({ ...k, text: c(k.text), normalized: c(k.normalized) })),
  };
}

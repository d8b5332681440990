/**
 * The compact summary the corpus index keeps per article: enough for corpus rules, keyword
 * statistics, navigation and the dashboard, but not the text, so memory stays bounded.
 */
import { normalizeArabic } from '../arabic';
import type { Article } from '../parse/article';
import { isoDate } from '../parse/date';
import { minhash, normalizedWords, shingleHashes } from './shingles';

/** A keyword as it stands on an article's keywords line. */
export interface KeywordPlace {
  readonly text: string;
  readonly normalized: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /**
   * Whether the keyword is attested as a unit: written between explicit separators, or found
   * word for word in the article's headline or body. Only attested keywords are evidence for
   * splitting other articles' space-joined lines, so one bad split cannot teach itself.
   */
  readonly attested: boolean;
}

/** A related article of a read-also section. */
export interface RelatedSummary {
  readonly headline: string;
  readonly normalized: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** What the index keeps of one article. */
export interface ArticleSummary {
  readonly uri: string;
  readonly headline: string;
  readonly headlineNormalized: string;
  readonly headlineLine: number;
  /** `YYYY-MM-DD`, or undefined when the date is missing or invalid. */
  readonly date?: string;
  readonly source?: string;
  readonly sourceLine?: number;
  readonly keywords: readonly KeywordPlace[];
  /** MinHash signature of the main article's word 5-grams. */
  readonly signature: Uint32Array;
  /** Words in the headline and body. */
  readonly words: number;
  readonly paragraphs: number;
  readonly related: readonly RelatedSummary[];
  /** Problems per rule id, filled in by the host after checking (for statistics). */
  problems?: Readonly<Record<string, number>>;
}

/**
 * A copy of a string that shares no memory with the larger string it was sliced from. V8 keeps
 * a slice's whole parent alive: a summary holding a headline sliced from a 3 KB file would keep
 * the file's text, and an index of 100,000 summaries would hold the whole corpus.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The texts of the main article: headline and body paragraphs (never the read-also block). */
export function mainTexts(article: Article): string[] {
  const out: string[] = [];
  if (article.headline) out.push(article.headline.text);
  for (const p of article.body?.paragraphs ?? []) out.push(p.text);
  return out;
}

/** Summarises a parsed article. `shingles` may be passed when already computed. */
export function summarize(uri: string, article: Article, shingles?: Uint32Array): ArticleSummary {
  const texts = mainTexts(article);
  const sh = shingles ?? shingleHashes(texts);
  let words = 0;
  for (const t of texts) {
    for (let i = 0, inWord = false; i < t.length; i++) {
      const space = t.charCodeAt(i) <= 32;
      if (!space && !inWord) words++;
      inWord = !space;
    }
  }
  const headline = detach(article.headline?.text.slice(0, 500) ?? '');
  const separated = article.keywords?.split === 'separators';
  let mainWords: string | undefined;
  const attested = (keyword: string): boolean => {
    if (separated) return true;
    mainWords ??= ' ' + texts.map((t) => normalizedWords(t).join(' ')).join(' | ') + ' ';
    const k = normalizedWords(keyword).join(' ');
    return k !== '' && mainWords.includes(' ' + k + ' ');
  };
  return {
    uri,
    headline,
    headlineNormalized: detach(normalizeArabic(headline)),
    headlineLine: article.headline?.line ?? 0,
    date: article.date?.parsed.date ? isoDate(article.date.parsed.date) : undefined,
    source: article.source?.value.text ? detach(article.source.value.text) : undefined,
    sourceLine: article.source?.line,
    keywords: (article.keywords?.items ?? []).slice(0, 200).map((k) => ({
      text: detach(k.text),
      normalized: detach(normalizeArabic(k.text)),
      line: k.range.start.line,
      start: k.range.start.character,
      end: k.range.end.character,
      attested: attested(k.text),
    })),
    signature: minhash(sh),
    words,
    paragraphs: article.body?.paragraphs.length ?? 0,
    related: (article.readAlso?.articles ?? []).slice(0, 50).map((a) => ({
      headline: detach(a.headline.text.slice(0, 500)),
      normalized: detach(normalizeArabic(a.headline.text.slice(0, 500))),
      line: a.headline.range.start.line,
      start: a.headline.range.start.character,
      end: a.headline.range.end.character,
    })),
  };
}

/**
 * Navigation across the corpus: headlines as workspace symbols, every place of a keyword on
 * the corpus's keywords lines (references and rename), and the corpus file of a related
 * article (definition). Pure: it reads the corpus index and the current article.
 */
import { normalizeArabic } from '../arabic';
import type { CorpusIndex } from '../corpus/index';
import type { ArticleSummary } from '../corpus/summary';
import type { Article, KeywordItem } from '../parse/article';
import type { Position, Range } from '../types';
import { lineRange, rangeContains } from '../types';
import { SymbolKind, type SymbolKindValue } from './symbolKind';

/** A place in a corpus file. */
export interface CorpusLocation {
  readonly uri: string;
  readonly range: Range;
}

/** A headline found by a workspace symbol query. */
export interface HeadlineSymbol extends CorpusLocation {
  readonly name: string;
  readonly kind: SymbolKindValue;
  /** The date and source, shown beside the name. */
  readonly containerName?: string;
}

/**
 * Headlines of the corpus matching a query with the same Arabic normalisation as completion
 * (hamza and alef forms, ى/ي, ة/ه, harakat, tatweel), by prefix or infix; prefix matches first.
 */
export function workspaceSymbols(index: CorpusIndex, query: string, max = 200): HeadlineSymbol[] {
  const q = normalizeArabic(query);
  const prefix: HeadlineSymbol[] = [];
  const infix: HeadlineSymbol[] = [];
  const symbol = (s: ArticleSummary): HeadlineSymbol => ({
    name: s.headline,
    kind: SymbolKind.File,
    uri: s.uri,
    range: lineRange(s.headlineLine, 0, s.headline.length),
    containerName: [s.date, s.source].filter(Boolean).join(' · ') || undefined,
  });
  if (!q) {
    for (const s of index.all()) {
      if (s.headline) prefix.push(symbol(s));
      if (prefix.length >= max) break;
    }
    return prefix;
  }
  // The headlines that start with the query first, then the others, each in index order. Asked
  // in two searches, so that a query common inside headlines (اسعار in الاسعار) stops at `max`
  // instead of visiting every headline that holds it.
  const into = (list: HeadlineSymbol[]) => (s: ArticleSummary): boolean => {
    if (s.headline) list.push(symbol(s));
    return prefix.length + infix.length < max;
  };
  index.searchHeadlines(q, into(prefix), 'prefix');
  if (prefix.length < max) index.searchHeadlines(q, into(infix), 'infix');
  return [...prefix, ...infix].slice(0, max);
}

/** The keyword item of the article under a position, if any. */
export function keywordAt(article: Article, position: Position): KeywordItem | undefined {
  const kw = article.keywords;
  if (!kw || kw.line !== position.line) return undefined;
  return kw.items.find((i) => rangeContains(i.range, position));
}

/** Every place of a keyword (and of the spellings that normalise equal to it) on the corpus's keywords lines. */
export function keywordReferences(index: CorpusIndex, keyword: string): (CorpusLocation & { readonly text: string })[] {
  const normalized = normalizeArabic(keyword);
  const out: (CorpusLocation & { text: string })[] = [];
  for (const s of index.byKeyword(normalized)) {
    for (const k of s.keywords) if (k.normalized === normalized) out.push({ uri: s.uri, range: lineRange(k.line, k.start, k.end), text: k.text });
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.character - b.range.start.character));
}

/** The related article (read-also headline) under a position, if any. */
export function relatedHeadlineAt(article: Article, position: Position): { text: string; range: Range } | undefined {
  for (const a of article.readAlso?.articles ?? []) {
    if (rangeContains(a.headline.range, position)) return { text: a.headline.text, range: a.headline.range };
  }
  return undefined;
}

/** The corpus files whose main headline is a related article's headline. */
export function relatedDefinitions(index: CorpusIndex, headline: string, self?: string): CorpusLocation[] {
  return index
    .byHeadline(normalizeArabic(headline.slice(0, 500)))
    .filter((s) => s.uri !== self)
    .map((s) => ({ uri: s.uri, range: lineRange(s.headlineLine, 0, s.headline.length) }));
}

/**
 * Questions the editor's corpus views ask of the index: statistics for the dashboard, facets
 * and article lists for the corpus tree, headline filtering. Pure; answers are plain data.
 */
import { normalizeArabic } from '../arabic';
import { RULES } from '../rules/index';
import type { CorpusIndex } from './index';
import type { ArticleSummary } from './summary';

/** Which articles a view is about. All given conditions must hold. */
export interface ArticleFilter {
  readonly source?: string;
  /** `YYYY-MM`, or `none` for articles without a valid date. */
  readonly month?: string;
  /** A keyword (compared normalised). */
  readonly keyword?: string;
  /** Articles with at least one problem of this rule. */
  readonly ruleId?: string;
  /** Headline contains this text (compared normalised, as completion does). */
  readonly query?: string;
}

/** One article in a list. */
export interface ArticleItem {
  readonly uri: string;
  readonly headline: string;
  readonly date?: string;
  readonly source?: string;
  readonly problems: number;
}

/** A value of a facet with its article count. */
export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

/** The dashboard's figures. */
export interface CorpusStats {
  readonly articles: number;
  readonly byMonth: readonly FacetValue[];
  readonly bySource: readonly FacetValue[];
  readonly topKeywords: readonly FacetValue[];
  readonly problemsByRule: readonly (FacetValue & { readonly name: string; readonly articles: number })[];
}

const monthOf = (s: ArticleSummary): string => (s.date ? s.date.slice(0, 7) : 'none');
const problemCount = (s: ArticleSummary): number => Object.values(s.problems ?? {}).reduce((a, b) => a + b, 0);

/** Whether an article passes a filter (with the filter's normalised values precomputed). */
function matcher(filter: ArticleFilter): (s: ArticleSummary) => boolean {
  const source = filter.source === undefined ? undefined : normalizeArabic(filter.source);
  const keyword = filter.keyword === undefined ? undefined : normalizeArabic(filter.keyword);
  const query = filter.query ? normalizeArabic(filter.query) : undefined;
  return (s) =>
    (source === undefined || normalizeArabic(s.source ?? '') === source) &&
    (filter.month === undefined || monthOf(s) === filter.month) &&
    (keyword === undefined || s.keywords.some((k) => k.normalized === keyword)) &&
    (filter.ruleId === undefined || (s.problems?.[filter.ruleId] ?? 0) > 0) &&
    (query === undefined || s.headlineNormalized.includes(query));
}

function sorted(counts: Map<string, number>, byValue = false): FacetValue[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => (byValue ? (a.value < b.value ? -1 : 1) : b.count - a.count || (a.value < b.value ? -1 : 1)));
}

/** The most frequent spelling of each normalised source among the articles. */
function sourceNames(items: Iterable<ArticleSummary>): Map<string, string> {
  const spellings = new Map<string, Map<string, number>>();
  for (const s of items) {
    if (!s.source) continue;
    const key = normalizeArabic(s.source);
    const m = spellings.get(key) ?? new Map<string, number>();
    m.set(s.source, (m.get(s.source) ?? 0) + 1);
    spellings.set(key, m);
  }
  const out = new Map<string, string>();
  for (const [key, m] of spellings) out.set(key, [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]);
  return out;
}

/** Statistics of the whole corpus (or of the filtered part). One pass over the summaries. */
export function corpusStats(index: CorpusIndex, filter: ArticleFilter = {}, topKeywords = 30): CorpusStats {
  const pass = matcher(filter);
  const months = new Map<string, number>();
  const sources = new Map<string, number>();
  const keywords = new Map<string, number>();
  const rules = new Map<string, { count: number; articles: number }>();
  const chosen: ArticleSummary[] = [];
  for (const s of index.all()) {
    if (!pass(s)) continue;
    chosen.push(s);
    months.set(monthOf(s), (months.get(monthOf(s)) ?? 0) + 1);
    if (s.source) {
      const key = normalizeArabic(s.source);
      sources.set(key, (sources.get(key) ?? 0) + 1);
    }
    for (const k of s.keywords) keywords.set(k.normalized, (keywords.get(k.normalized) ?? 0) + 1);
    for (const [rule, n] of Object.entries(s.problems ?? {})) {
      const r = rules.get(rule) ?? { count: 0, articles: 0 };
      r.count += n;
      r.articles += 1;
      rules.set(rule, r);
    }
  }
  const names = sourceNames(chosen);
  const display = (normalized: string): string => index.lexicon.keyword(normalized)?.display ?? normalized;
  return {
    articles: chosen.length,
    byMonth: sorted(months, true),
    bySource: sorted(sources).map((f) => ({ value: names.get(f.value) ?? f.value, count: f.count })),
    topKeywords: sorted(keywords).slice(0, topKeywords).map((f) => ({ value: display(f.value), count: f.count })),
    problemsByRule: [...rules]
      .map(([value, r]) => ({ value, name: RULES.find((x) => x.id === value)?.name ?? value, count: r.count, articles: r.articles }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
  };
}

/** The values of one facet (source, month or keyword) among the filtered articles, with counts. */
export function facet(index: CorpusIndex, groupBy: 'source' | 'month' | 'keyword', filter: ArticleFilter = {}, limit = 1000): FacetValue[] {
  const pass = matcher(filter);
  const counts = new Map<string, number>();
  const chosen: ArticleSummary[] = [];
  for (const s of index.all()) {
    if (!pass(s)) continue;
    if (groupBy === 'month') counts.set(monthOf(s), (counts.get(monthOf(s)) ?? 0) + 1);
    else if (groupBy === 'source') {
      const key = s.source ? normalizeArabic(s.source) : '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
      chosen.push(s);
    } else for (const k of new Set(s.keywords.map((k) => k.normalized))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const names = groupBy === 'source' ? sourceNames(chosen) : undefined;
  const values = sorted(counts, groupBy === 'month').slice(0, limit);
  return values.map((f) =>
    groupBy === 'source' ? { value: f.value === '' ? '' : (names!.get(f.value) ?? f.value), count: f.count } : groupBy === 'keyword' ? { value: index.lexicon.keyword(f.value)?.display ?? f.value, count: f.count } : f,
  );
}

/** The filtered articles, newest first, one page at a time. */
export function listArticles(index: CorpusIndex, filter: ArticleFilter = {}, offset = 0, limit = 200): { total: number; items: ArticleItem[] } {
  const pass = matcher(filter);
  const all: ArticleSummary[] = [];
  for (const s of index.all()) if (pass(s)) all.push(s);
  all.sort((a, b) => ((b.date ?? '') < (a.date ?? '') ? -1 : (b.date ?? '') > (a.date ?? '') ? 1 : a.uri < b.uri ? -1 : 1));
  return {
    total: all.length,
    items: all.slice(offset, offset + limit).map((s) => ({ uri: s.uri, headline: s.headline, date: s.date, source: s.source, problems: problemCount(s) })),
  };
}

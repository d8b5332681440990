/**
 * Corpus-wide counts of keywords and sources, by normalised form, with the spellings seen.
 * Each article counts once per keyword. Updating an article replaces its contribution, so
 * the counts stay exact as files change.
 */
import { normalizeArabic } from '../arabic';

/** A keyword or source as the corpus uses it. */
export interface LexiconEntry {
  /** The normalised form (the key). */
  readonly normalized: string;
  /** The most frequent spelling. */
  readonly display: string;
  /** In how many articles it appears. */
  readonly count: number;
}

class Counter {
  private readonly entries = new Map<string, { count: number; spellings: Map<string, number>; display?: string }>();

  add(spelling: string, delta: number): void {
    const key = normalizeArabic(spelling);
    if (!key) return;
    let e = this.entries.get(key);
    if (!e) {
      if (delta < 0) return;
      e = { count: 0, spellings: new Map() };
      this.entries.set(key, e);
    }
    e.count += delta;
    const s = (e.spellings.get(spelling) ?? 0) + delta;
    if (s > 0) e.spellings.set(spelling, s);
    else e.spellings.delete(spelling);
    e.display = undefined;
    if (e.count <= 0) this.entries.delete(key);
  }

  count(normalized: string): number {
    return this.entries.get(normalized)?.count ?? 0;
  }

  *all(): IterableIterator<LexiconEntry> {
    for (const [normalized, e] of this.entries) {
      if (e.display === undefined) {
        let best = '';
        let bestCount = -1;
        for (const [s, c] of e.spellings) if (c > bestCount || (c === bestCount && s < best)) [best, bestCount] = [s, c];
        e.display = best;
      }
      yield { normalized, display: e.display, count: e.count };
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What one article contributes. */
export interface ArticleTerms {
  readonly keywords: readonly string[];
  readonly source?: string;
}

/** Keyword and source counts over a set of articles keyed by URI (or path). */
export class CorpusLexicon {
  private readonly docs = new Map<string, ArticleTerms>();
  private readonly keywordCounter = new Counter();
  private readonly sourceCounter = new Counter();
  /** Bumped on every change, so callers can cache derived data. */
  version = 0;

  /** Sets (or replaces) an article's keywords and source. */
  update(key: string, terms: ArticleTerms): void {
    this.remove(key);
    const unique = [...new Map(terms.keywords.filter((k) => k.trim()).map((k) => [normalizeArabic(k), k.trim()])).values()];
    const stored: ArticleTerms = { keywords: unique, source: terms.source?.trim() || undefined };
    this.docs.set(key, stored);
    for (const k of unique) this.keywordCounter.add(k, 1);
    if (stored.source) this.sourceCounter.add(stored.source, 1);
    this.version++;
  }

  /** Forgets an article. */
  remove(key: string): void {
    const old = this.docs.get(key);
    if (!old) return;
    this.docs.delete(key);
    for (const k of old.keywords) this.keywordCounter.add(k, -1);
    if (old.source) this.sourceCounter.add(old.source, -1);
    this.version++;
  }

  /** An article's stored terms. */
  terms(key: string): ArticleTerms | undefined {
    return this.docs.get(key);
  }

  /** In how many articles a normalised keyword appears. */
  keywordCount(normalized: string): number {
    return this.keywordCounter.count(normalized);
  }

  /** Every keyword of the corpus. */
  keywords(): IterableIterator<LexiconEntry> {
    return this.keywordCounter.all();
  }

  /** Every source of the corpus. */
  sources(): IterableIterator<LexiconEntry> {
    return this.sourceCounter.all();
  }

  /** How many articles are counted. */
  get articleCount(): number {
    return this.docs.size;
  }

  /** How many distinct keywords there are. */
  get keywordCountDistinct(): number {
    return this.keywordCounter.size;
  }
}

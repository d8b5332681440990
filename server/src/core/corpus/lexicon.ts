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

interface MutableEntry {
  readonly normalized: string;
  display: string;
  count: number;
  /**
   * The spellings with their counts, once there are two: nearly every keyword of a corpus has
   * one spelling (and most are used once), and an empty Map costs hundreds of bytes, so a lone
   * spelling is `display` with all of `count`.
   */
  spellings?: Map<string, number>;
}

/** Counts by normalised form; entries are updated in place so iteration allocates nothing. */
class Counter {
  private readonly entries = new Map<string, MutableEntry>();

  add(spelling: string, delta: number, normalized?: string): void {
    const key = normalized ?? normalizeArabic(spelling);
    if (!key) return;
    const e = this.entries.get(key);
    if (!e) {
      if (delta < 0) return;
      this.entries.set(key, { normalized: key, display: spelling, count: delta });
      return;
    }
    if (!e.spellings) {
      if (spelling === e.display) {
        e.count += delta;
        if (e.count <= 0) this.entries.delete(key);
        return;
      }
      if (delta < 0) return; // taking back a spelling that was never added
      e.spellings = new Map([[e.display, e.count]]);
    }
    e.count += delta;
    const s = (e.spellings.get(spelling) ?? 0) + delta;
    if (s > 0) e.spellings.set(spelling, s);
    else e.spellings.delete(spelling);
    if (e.count <= 0) {
      this.entries.delete(key);
      return;
    }
    // The display spelling is the most frequent one (ties: the smallest in code-unit order).
    let best = '';
    let bestCount = -1;
    for (const [sp, c] of e.spellings) if (c > bestCount || (c === bestCount && sp < best)) [best, bestCount] = [sp, c];
    e.display = best;
    if (e.spellings.size === 1) e.spellings = undefined;
  }

  count(normalized: string): number {
    return this.entries.get(normalized)?.count ?? 0;
  }

  get(normalized: string): LexiconEntry | undefined {
    return this.entries.get(normalized);
  }

  /** Every entry; the objects are live views, valid until the next change. */
  all(): IterableIterator<LexiconEntry> {
    return this.entries.values();
  }

  /** The spellings of an entry with their counts. */
  spellings(normalized: string): ReadonlyMap<string, number> | undefined {
    const e = this.entries.get(normalized);
    return e && (e.spellings ?? new Map([[e.display, e.count]]));
  }

  get size(): number {
    return this.entries.size;
  }
}

/** An article's keywords with their normalised forms, by position. */
export interface ArticleKeywords {
  readonly keywordCount: number;
  textAt(i: number): string;
  normalizedAt(i: number): string;
}

/** What one article contributes. */
export interface ArticleTerms {
  readonly keywords: readonly string[];
  readonly source?: string;
}

/**
 * What {@link CorpusLexicon.apply} counts of an article: each normalised keyword once, with its
 * last spelling on the line (lines are short: a scan ahead costs less than a Map per article),
 * blank spellings left out. Flat pairs: normalised form, spelling.
 */
function countedSpellings(keywords: ArticleKeywords): string[] {
  const n = keywords.keywordCount;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = keywords.textAt(i).trim();
    if (!text) continue;
    const normalized = keywords.normalizedAt(i);
    let later = false;
    for (let j = i + 1; j < n && !later; j++) later = keywords.normalizedAt(j) === normalized && keywords.textAt(j).trim() !== '';
    if (!later) out.push(normalized, text);
  }
  return out;
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

  /**
   * Adds (`delta` 1) or takes back (-1) one article's keywords and source, given with their
   * normalised forms, for a caller that keeps the article's terms itself (the corpus index keeps
   * its summaries): the same counts as {@link update}, without a second copy of every article's
   * keyword list. Taking back must pass what was added.
   */
  apply(keywords: ArticleKeywords, source: string | undefined, delta: 1 | -1): void {
    const counted = countedSpellings(keywords);
    for (let i = 0; i < counted.length; i += 2) this.keywordCounter.add(counted[i + 1]!, delta, counted[i]);
    const src = source?.trim();
    if (src) this.sourceCounter.add(src, delta);
    this.version++;
  }

  /**
   * {@link apply} of `before` with -1 then of `after` with 1, for one article whose keywords or
   * source changed, counting only the keywords (each with the spelling `apply` counts it with)
   * and the source that differ: the same counts, without taking back and adding again what stays.
   */
  replace(before: ArticleKeywords, beforeSource: string | undefined, after: ArticleKeywords, afterSource: string | undefined): void {
    const gone = countedSpellings(before);
    const come = countedSpellings(after);
    // Pairs [normalized, spelling] present on both sides are left as they are.
    for (let i = 0; i < gone.length; i += 2) {
      for (let j = 0; j < come.length; j += 2) {
        if (come[j] === gone[i] && come[j + 1] === gone[i + 1]) {
          gone[i] = '';
          come[j] = '';
          break;
        }
      }
    }
    const from = beforeSource?.trim();
    const to = afterSource?.trim();
    for (let i = 0; i < gone.length; i += 2) if (gone[i]) this.keywordCounter.add(gone[i + 1]!, -1, gone[i]);
    if (from && from !== to) this.sourceCounter.add(from, -1);
    for (let j = 0; j < come.length; j += 2) if (come[j]) this.keywordCounter.add(come[j + 1]!, 1, come[j]);
    if (to && to !== from) this.sourceCounter.add(to, 1);
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

  /** A keyword's entry by normalised form. */
  keyword(normalized: string): LexiconEntry | undefined {
    return this.keywordCounter.get(normalized);
  }

  /** The spellings of a normalised keyword with their article counts. */
  keywordSpellings(normalized: string): ReadonlyMap<string, number> | undefined {
    return this.keywordCounter.spellings(normalized);
  }

  /** The spellings of a normalised source with their article counts. */
  sourceSpellings(normalized: string): ReadonlyMap<string, number> | undefined {
    return this.sourceCounter.spellings(normalized);
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

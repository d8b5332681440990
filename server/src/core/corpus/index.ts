/**
 * The index of the whole corpus: one compact summary per article, with the lookups the corpus
 * rules, completion and navigation need: MinHash LSH buckets for near-duplicates, headlines,
 * keyword postings and spelling groups, sources. Pure and synchronous; the host (server or
 * command line) feeds it summaries and decides when.
 */
import { normalizeArabic } from '../arabic';
import { BucketTable } from './buckets';
import { HeadlineSearch } from './headlineSearch';
import { CorpusLexicon } from './lexicon';
import { bandKeys, estimateJaccard } from './shingles';
import type { ArticleSummary } from './summary';

/** A key under which spellings of one keyword (or source) are grouped: normalised, without spaces. */
export function spellingKey(text: string): string {
  return normalizeArabic(text).replace(/ /g, '');
}

/**
 * Letters that outlets use for the same foreign sound: /g/ as ج غ ق ك (بيونج يانج, بيونغ يانغ),
 * /v/ as ف ڤ, /p/ as ب پ. Folding them is only safe for names: multi-word keywords and
 * single words of five letters or more (غرب/قرب and غاز/جاز are different words).
 */
const TRANSLITERATION: Readonly<Record<string, string>> = { 'ج': 'G', 'غ': 'G', 'ق': 'G', 'ك': 'G', 'گ': 'G', 'ف': 'F', 'ڤ': 'F', 'ب': 'B', 'پ': 'B' };

/** Whether a name may be matched through transliteration variants. */
export function transliterationEligible(text: string): boolean {
  const n = normalizeArabic(text);
  if (n.includes(' ')) return true;
  // The article ال does not make a common noun a name: الغاز/الجاز stay apart.
  const stem = n.startsWith('ال') ? n.slice(2) : n;
  return [...stem].length >= 5;
}

/** The spelling key with the transliteration letters folded, or undefined when the text is not eligible. */
export function transliterationKey(text: string): string | undefined {
  if (!transliterationEligible(text)) return undefined;
  let out = '';
  for (const c of spellingKey(text)) out += TRANSLITERATION[c] ?? c;
  return out;
}

/** A near-duplicate candidate. */
export interface Candidate {
  readonly uri: string;
  /** Jaccard similarity estimated from the signatures. */
  readonly estimate: number;
}

/** The corpus index. */
export class CorpusIndex {
  private readonly ids = new Map<string, number>();
  private readonly docs: (ArticleSummary | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly buckets = new BucketTable();
  /** Normalised headline → the article with it, or the set of them (nearly every headline is unique: no Set for one). */
  private readonly headlines = new Map<string, number | Set<number>>();
  private readonly postings = new Map<string, Set<number>>();
  /** Attested keyword uses (see KeywordPlace.attested): evidence for keyword splitting. */
  private readonly attestedCounts = new Map<string, number>();
  /**
   * How many attested keyword uses start / end with each word (normalised): a quick filter for
   * segmentation, which asks about dozens of phrases per keywords line and nearly all of them
   * were never a keyword (see KeywordEvidence.mayStart).
   */
  private readonly attestedFirst = new Map<string, number>();
  private readonly attestedLast = new Map<string, number>();
  /** spellingKey → normalised keyword forms in that group. */
  private readonly keywordGroups = new Map<string, Set<string>>();
  /** transliterationKey → normalised keyword forms that fold to it. */
  private readonly translitGroups = new Map<string, Set<string>>();
  /** Exact similarities measured by the host, keyed by the pair and the two summaries' identities. */
  private readonly measured = new WeakMap<ArticleSummary, Map<ArticleSummary, number>>();
  /** Keyword and source counts over the main articles. */
  readonly lexicon = new CorpusLexicon();
  private readonly headlineSearch = new HeadlineSearch((id) => this.docs[id]?.headlineNormalized);
  /** Bumped on every change. */
  version = 0;

  /**
   * One copy of each keyword, source and read-also headline string: a corpus of 100,000
   * articles repeats a few thousand keywords a million times, and the related articles of a
   * crawl day in every file. Values never change, only which copy is kept. (The pool keeps a
   * string after its last article is gone; it is bounded by the distinct strings ever indexed.)
   */
  private readonly strings = new Map<string, string>();

  private intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  /** Group keys by normalised keyword (both depend only on the normalised form). */
  private readonly groupKeys = new Map<string, { spelling: string; translit: string | undefined }>();

  private keysOf(normalized: string): { spelling: string; translit: string | undefined } {
    let keys = this.groupKeys.get(normalized);
    if (!keys) this.groupKeys.set(normalized, (keys = { spelling: spellingKey(normalized), translit: transliterationKey(normalized) }));
    return keys;
  }

  /** Adds or replaces an article's summary (its keyword and source strings are replaced by shared equal copies). */
  set(summary: ArticleSummary): void {
    this.delete(summary.uri);
    for (const k of summary.keywords) {
      const w = k as { text: string; normalized: string };
      w.text = this.intern(k.text);
      w.normalized = this.intern(k.normalized);
    }
    if (summary.source !== undefined) (summary as { source?: string }).source = this.intern(summary.source);
    // Read-also headlines repeat across the files of a crawl day (FORMAT.md): one copy each.
    for (const r of summary.related) {
      const w = r as { headline: string; normalized: string };
      w.headline = this.intern(r.headline);
      w.normalized = this.intern(r.normalized);
    }
    const id = this.free.pop() ?? this.docs.length;
    this.ids.set(summary.uri, id);
    this.docs[id] = summary;
    this.headlineSearch.touch(id);
    for (const key of bandKeys(summary.signature)) this.buckets.add(key, id);
    if (summary.headlineNormalized) {
      const h = this.headlines.get(summary.headlineNormalized);
      if (h === undefined) this.headlines.set(summary.headlineNormalized, id);
      else if (typeof h === 'number') this.headlines.set(summary.headlineNormalized, new Set([h, id]));
      else h.add(id);
    }
    for (const k of summary.keywords) {
      addTo(this.postings, k.normalized, id);
      if (k.attested) {
        this.attestedCounts.set(k.normalized, (this.attestedCounts.get(k.normalized) ?? 0) + 1);
        bump(this.attestedFirst, firstWord(k.normalized), 1);
        bump(this.attestedLast, lastWord(k.normalized), 1);
      }
      const { spelling: g, translit: t } = this.keysOf(k.normalized);
      let set = this.keywordGroups.get(g);
      if (!set) this.keywordGroups.set(g, (set = new Set()));
      set.add(k.normalized);
      if (t !== undefined) {
        let ts = this.translitGroups.get(t);
        if (!ts) this.translitGroups.set(t, (ts = new Set()));
        ts.add(k.normalized);
      }
    }
    this.lexicon.apply(summary.keywords, summary.source, 1);
    this.version++;
  }

  /** Removes an article. */
  delete(uri: string): void {
    const id = this.ids.get(uri);
    if (id === undefined) return;
    const s = this.docs[id]!;
    for (const key of bandKeys(s.signature)) this.buckets.remove(key, id);
    if (s.headlineNormalized) {
      const h = this.headlines.get(s.headlineNormalized);
      if (h === id) this.headlines.delete(s.headlineNormalized);
      else if (typeof h === 'object') {
        h.delete(id);
        if (h.size === 1) this.headlines.set(s.headlineNormalized, h.values().next().value as number);
      }
    }
    for (const k of s.keywords) {
      removeFrom(this.postings, k.normalized, id);
      if (k.attested) {
        bump(this.attestedCounts, k.normalized, -1);
        bump(this.attestedFirst, firstWord(k.normalized), -1);
        bump(this.attestedLast, lastWord(k.normalized), -1);
      }
      if (!this.postings.has(k.normalized)) {
        const { spelling: g, translit: t } = this.keysOf(k.normalized);
        const set = this.keywordGroups.get(g);
        set?.delete(k.normalized);
        if (set && !set.size) this.keywordGroups.delete(g);
        const ts = t === undefined ? undefined : this.translitGroups.get(t);
        ts?.delete(k.normalized);
        if (ts && !ts.size) this.translitGroups.delete(t!);
      }
    }
    this.lexicon.apply(s.keywords, s.source, -1);
    this.ids.delete(uri);
    this.docs[id] = undefined;
    this.headlineSearch.touch(id);
    this.free.push(id);
    this.version++;
  }

  /** An article's summary. */
  get(uri: string): ArticleSummary | undefined {
    const id = this.ids.get(uri);
    return id === undefined ? undefined : this.docs[id];
  }

  /** How many articles are indexed. */
  get size(): number {
    return this.ids.size;
  }

  /**
   * The articles whose normalised headline contains `query` (normalised, not empty), in index
   * order, with where it occurs, until `each` returns false.
   */
  searchHeadlines(query: string, each: (summary: ArticleSummary, at: number) => boolean): void {
    this.headlineSearch.search(query, this.docs.length, (id, at) => {
      const d = this.docs[id];
      return d ? each(d, at) : true;
    });
  }

  /** Every summary. */
  *all(): IterableIterator<ArticleSummary> {
    for (const d of this.docs) if (d) yield d;
  }

  /**
   * Near-duplicate candidates of a signature: the articles sharing an LSH bucket with it whose
   * estimated similarity reaches `minEstimate`, best first. `exclude` is the article itself.
   */
  candidates(signature: Uint32Array, minEstimate: number, exclude?: string): Candidate[] {
    const seen = new Set<number>();
    const self = exclude === undefined ? undefined : this.ids.get(exclude);
    const out: Candidate[] = [];
    for (const key of bandKeys(signature)) {
      this.buckets.forEach(key, (id) => {
        if (id === self || seen.has(id)) return;
        seen.add(id);
        const d = this.docs[id];
        if (!d) return;
        const estimate = estimateJaccard(signature, d.signature);
        if (estimate >= minEstimate) out.push({ uri: d.uri, estimate });
      });
    }
    return out.sort((a, b) => b.estimate - a.estimate || (a.uri < b.uri ? -1 : 1));
  }

  /** Records an exact similarity measured between two summaries (valid while both stay indexed unchanged). */
  recordSimilarity(a: ArticleSummary, b: ArticleSummary, value: number): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let m = this.measured.get(x);
      if (!m) this.measured.set(x, (m = new Map()));
      m.set(y, value);
    }
  }

  /** A measured exact similarity, if any. */
  measuredSimilarity(a: ArticleSummary, b: ArticleSummary): number | undefined {
    return this.measured.get(a)?.get(b);
  }

  /** The articles whose normalised headline is `normalized`. */
  byHeadline(normalized: string): ArticleSummary[] {
    const h = this.headlines.get(normalized);
    const ids = h === undefined ? [] : typeof h === 'number' ? [h] : [...h];
    return ids.map((id) => this.docs[id]!).filter(Boolean);
  }

  /** The articles with a keyword that normalises to `normalized`. */
  byKeyword(normalized: string): ArticleSummary[] {
    return [...(this.postings.get(normalized) ?? [])].map((id) => this.docs[id]!).filter(Boolean);
  }

  /** In how many articles a keyword is attested as a unit (evidence for splitting keyword lines). */
  attestedKeywordCount(normalized: string): number {
    return this.attestedCounts.get(normalized) ?? 0;
  }

  /** Whether some attested keyword starts with this word (normalised); false: no phrase starting with it has a count. */
  attestedMayStart(word: string): boolean {
    return this.attestedFirst.has(word);
  }

  /** Whether some attested keyword ends with this word (normalised). */
  attestedMayEnd(word: string): boolean {
    return this.attestedLast.has(word);
  }

  /** How many articles have a keyword. */
  keywordArticleCount(normalized: string): number {
    return this.postings.get(normalized)?.size ?? 0;
  }

  /** Every spelling in the corpus of a keyword's group (same letters up to hamza, ى/ي, ة/ه, harakat, tatweel and spaces), with counts. */
  keywordSpellings(text: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const normalized of this.keywordGroups.get(spellingKey(text)) ?? []) {
      for (const [spelling, count] of this.lexicon.keywordSpellings(normalized) ?? []) out.set(spelling, (out.get(spelling) ?? 0) + count);
    }
    return out;
  }

  /**
   * The corpus's spellings of a name across transliteration variants (ج/غ/ق/ك, ف/ڤ, ب/پ, and
   * the ordinary ones), with counts; empty when the name is not eligible (see transliterationEligible).
   */
  keywordTransliterations(text: string): Map<string, number> {
    const out = new Map<string, number>();
    const t = transliterationKey(text);
    if (t === undefined) return out;
    for (const normalized of this.translitGroups.get(t) ?? []) {
      for (const [spelling, count] of this.lexicon.keywordSpellings(normalized) ?? []) out.set(spelling, (out.get(spelling) ?? 0) + count);
    }
    return out;
  }

  /** Keywords that co-occur with the given ones (normalised), counted over up to `sample` articles. */
  coOccurring(normalized: readonly string[], sample = 2000): Map<string, number> {
    const counts = new Map<string, number>();
    let seen = 0;
    for (const k of normalized) {
      for (const id of this.postings.get(k) ?? []) {
        if (seen++ >= sample) return counts;
        for (const other of this.docs[id]?.keywords ?? []) {
          if (!normalized.includes(other.normalized)) counts.set(other.normalized, (counts.get(other.normalized) ?? 0) + 1);
        }
      }
    }
    return counts;
  }
}

/** Adds `delta` to a count, forgetting it at zero. */
function bump(map: Map<string, number>, key: string, delta: number): void {
  const c = (map.get(key) ?? 0) + delta;
  if (c > 0) map.set(key, c);
  else map.delete(key);
}

function firstWord(normalized: string): string {
  const i = normalized.indexOf(' ');
  return i < 0 ? normalized : normalized.slice(0, i);
}

function lastWord(normalized: string): string {
  const i = normalized.lastIndexOf(' ');
  return i < 0 ? normalized : normalized.slice(i + 1);
}

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(id);
}

function removeFrom(map: Map<string, Set<number>>, key: string, id: number): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(id);
  if (!s.size) map.delete(key);
}

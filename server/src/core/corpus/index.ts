/**
 * The index of the whole corpus: one compact summary per article, with the lookups the corpus
 * rules, completion and navigation need: MinHash LSH buckets for near-duplicates, headlines,
 * keyword postings and spelling groups, sources. Pure and synchronous; the host (server or
 * command line) feeds it summaries and decides when.
 */
import { normalizeArabic } from '../arabic';
import { BucketTable } from './buckets';
import { type HeadlineMatch, HeadlineSearch } from './headlineSearch';
import { CorpusLexicon } from './lexicon';
import { MultiMap } from './multimap';
import { Postings } from './postings';
import { KeywordStore, StoredSummary } from './stored';
import { bandKeys, fnv1a } from './shingles';
import type { ArticleSummary } from './summary';

/** A key under which spellings of one keyword (or source) are grouped: normalised, without spaces. */
export function spellingKey(text: string): string {
  return spellingKeyOfNormalized(normalizeArabic(text));
}

/**
 * {@link spellingKey} of a text already normalised (a keyword's normalised form): the same key,
 * since normalizeArabic is idempotent (a property test holds it so), without normalising again.
 * The index computes keys for every new keyword; each used to normalise it up to four times.
 */
export function spellingKeyOfNormalized(normalized: string): string {
  return normalized.replace(/ /g, '');
}

/**
 * Letters that outlets use for the same foreign sound: /g/ as ج غ ق ك (بيونج يانج, بيونغ يانغ),
 * /v/ as ف ڤ, /p/ as ب پ. Folding them is only safe for names: multi-word keywords and
 * single words of five letters or more (غرب/قرب and غاز/جاز are different words).
 */
const TRANSLITERATION: Readonly<Record<string, string>> = { 'ج': 'G', 'غ': 'G', 'ق': 'G', 'ك': 'G', 'گ': 'G', 'ف': 'F', 'ڤ': 'F', 'ب': 'B', 'پ': 'B' };

/** Whether a name may be matched through transliteration variants. */
export function transliterationEligible(text: string): boolean {
  return eligibleNormalized(normalizeArabic(text));
}

function eligibleNormalized(n: string): boolean {
  if (n.includes(' ')) return true;
  // The article ال does not make a common noun a name: الغاز/الجاز stay apart.
  const from = n.startsWith('ال') ? 2 : 0;
  // At least five code points (a surrogate pair is one).
  let points = 0;
  for (let i = from; i < n.length && points < 5; i++) {
    const c = n.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === from || !isHighSurrogate(n.charCodeAt(i - 1))) points++;
  }
  return points >= 5;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The spelling key with the transliteration letters folded, or undefined when the text is not eligible. */
export function transliterationKey(text: string): string | undefined {
  return transliterationKeyOfNormalized(normalizeArabic(text));
}

/** {@link transliterationKey} of a text already normalised (see {@link spellingKeyOfNormalized}). */
export function transliterationKeyOfNormalized(normalized: string): string | undefined {
  if (!eligibleNormalized(normalized)) return undefined;
  return spellingKeyOfNormalized(normalized).replace(TRANSLITERATION_LETTERS, (c) => TRANSLITERATION[c]!);
}

const TRANSLITERATION_LETTERS = new RegExp(`[${Object.keys(TRANSLITERATION).join('')}]`, 'g');

/** A near-duplicate candidate. */
export interface Candidate {
  readonly uri: string;
  /** Jaccard similarity estimated from the signatures. */
  readonly estimate: number;
}

/** The corpus index. */
export class CorpusIndex {
  private readonly ids = new Map<string, number>();
  private readonly docs: (StoredSummary | undefined)[] = [];
  /** The strings, keyword pairs and signatures the summaries share. */
  private readonly store = new KeywordStore();
  private readonly free: number[] = [];
  private readonly buckets = new BucketTable();
  /** Normalised headline → the articles with it. */
  private readonly headlines = new MultiMap<string, number>();
  /** Normalised keyword → the articles with it (ascending ids). */
  private readonly postings = new Postings();
  /** Attested keyword uses (see KeywordPlace.attested): evidence for keyword splitting. */
  private readonly attestedCounts = new Map<string, number>();
  /**
   * How many attested keyword uses start / end with each word (normalised): a quick filter for
   * segmentation, which asks about dozens of phrases per keywords line and nearly all of them
   * were never a keyword (see KeywordEvidence.mayStart).
   */
  private readonly attestedFirst = new Map<string, number>();
  private readonly attestedLast = new Map<string, number>();
  /**
   * Hash of a spellingKey → the normalised keyword forms with that key (and the rare others
   * whose key has the same hash, filtered out when read). Keyed by number: a key string per
   * long-tail keyword cost about a hundred bytes, with the map entry, in each of the two maps.
   */
  private readonly keywordGroups = new MultiMap<number, string>();
  /** Hash of a transliterationKey → the normalised keyword forms that fold to it (likewise). */
  private readonly translitGroups = new MultiMap<number, string>();
  /** Exact similarities measured by the host, keyed by the pair and the two summaries' identities. */
  private readonly measured = new WeakMap<ArticleSummary, Map<ArticleSummary, number>>();
  /** Keyword and source counts over the main articles. */
  readonly lexicon = new CorpusLexicon();
  private readonly headlineSearch = new HeadlineSearch((id) => this.docs[id]?.headlineNormalized);
  /** Bumped on every change. */
  version = 0;

  /** Adds (or removes) a keyword's normalised form to (from) its spelling groups. */
  private group(normalized: string, add: boolean): void {
    const g = groupHash(spellingKeyOfNormalized(normalized));
    const t = transliterationKeyOfNormalized(normalized);
    if (add) {
      this.keywordGroups.add(g, normalized);
      if (t !== undefined) this.translitGroups.add(groupHash(t), normalized);
    } else {
      this.keywordGroups.delete(g, normalized);
      if (t !== undefined) this.translitGroups.delete(groupHash(t), normalized);
    }
  }

  /**
   * Adds or replaces an article's summary. The index keeps its own compact copy (see
   * StoredSummary), which {@link get} returns from then on: the same values, strings shared.
   */
  set(input: ArticleSummary): ArticleSummary {
    const existing = this.ids.get(input.uri);
    const old = existing === undefined ? undefined : this.docs[existing];
    if (old && old.headlineNormalized === input.headlineNormalized && this.store.signatures.agreement(input.signature, existing!) === 1) {
      // The same text as far as the buckets and headlines know: a keywords line split again
      // with the corpus's evidence, which a corpus pass does for nearly every article. Only the
      // terms change; the article keeps its place.
      old.retire();
      const summary = new StoredSummary(input, this.store, existing!);
      this.docs[existing!] = summary;
      this.relinkTerms(old, summary, existing!);
      this.version++;
      return summary;
    }
    this.delete(input.uri);
    const id = this.free.pop() ?? this.docs.length;
    const summary = new StoredSummary(input, this.store, id);
    this.ids.set(summary.uri, id);
    this.docs[id] = summary;
    this.headlineSearch.touch(id);
    for (const key of bandKeys(input.signature)) this.buckets.add(key, id);
    if (summary.headlineNormalized) this.headlines.add(summary.headlineNormalized, id);
    this.linkTerms(summary, id);
    this.version++;
    return summary;
  }

  /** Removes an article. */
  delete(uri: string): void {
    const id = this.ids.get(uri);
    if (id === undefined) return;
    const s = this.docs[id]!;
    for (const key of bandKeys(s.signature)) this.buckets.remove(key, id);
    if (s.headlineNormalized) this.headlines.delete(s.headlineNormalized, id);
    this.unlinkTerms(s, id);
    this.ids.delete(uri);
    s.retire();
    this.docs[id] = undefined;
    this.headlineSearch.touch(id);
    this.free.push(id);
    this.version++;
  }

  /** Counts an article's keywords and source: postings, attested counts, spelling groups, lexicon. */
  private linkTerms(summary: StoredSummary, id: number): void {
    for (let i = 0; i < summary.keywordCount; i++) {
      const normalized = summary.normalizedAt(i);
      // A keyword new to the corpus joins its spelling groups (the others are in theirs).
      if (!this.postings.has(normalized)) this.group(normalized, true);
      this.postings.add(normalized, id);
      if (summary.attestedAt(i)) this.countAttested(normalized, 1);
    }
    this.lexicon.apply(summary, summary.source, 1);
  }

  /** Takes back what {@link linkTerms} counted. */
  private unlinkTerms(s: StoredSummary, id: number): void {
    for (let i = 0; i < s.keywordCount; i++) {
      const normalized = s.normalizedAt(i);
      const had = this.postings.has(normalized);
      this.postings.delete(normalized, id);
      if (had && !this.postings.has(normalized)) this.group(normalized, false);
      if (s.attestedAt(i)) this.countAttested(normalized, -1);
    }
    this.lexicon.apply(s, s.source, -1);
  }

  /**
   * {@link unlinkTerms} of `old` then {@link linkTerms} of `next`, for the same article, counting
   * only what differs: a keywords line split again keeps most of its keywords, and each used to be
   * counted down and up again in five tables (the re-split of a corpus pass does this for nearly
   * every article). The counts and sets come out the same; only the order in which some tables
   * list their keys may differ, which nothing reads as meaning.
   */
  private relinkTerms(old: StoredSummary, next: StoredSummary, id: number): void {
    const n = old.keywordCount;
    const m = next.keywordCount;
    // Postings and spelling groups: the keywords that leave, then those that come. Strings are
    // interned, so comparing them is comparing pointers nearly always.
    for (let i = 0; i < n; i++) {
      const normalized = old.normalizedAt(i);
      if (firstAt(old, normalized) !== i || hasNormalized(next, normalized)) continue;
      this.postings.delete(normalized, id);
      if (!this.postings.has(normalized)) this.group(normalized, false);
    }
    for (let j = 0; j < m; j++) {
      const normalized = next.normalizedAt(j);
      if (firstAt(next, normalized) !== j || hasNormalized(old, normalized)) continue;
      if (!this.postings.has(normalized)) this.group(normalized, true);
      this.postings.add(normalized, id);
    }
    // Attested uses: each of the old ones matched with one of the new, the rest counted.
    const matched = new Uint8Array(m);
    for (let i = 0; i < n; i++) {
      if (!old.attestedAt(i)) continue;
      const normalized = old.normalizedAt(i);
      let j = 0;
      while (j < m && (matched[j] === 1 || !next.attestedAt(j) || next.normalizedAt(j) !== normalized)) j++;
      if (j < m) matched[j] = 1;
      else this.countAttested(normalized, -1);
    }
    for (let j = 0; j < m; j++) if (matched[j] === 0 && next.attestedAt(j)) this.countAttested(next.normalizedAt(j), 1);
    this.lexicon.replace(old, old.source, next, next.source);
  }

  /** Adds `delta` to a keyword's attested uses, and to the uses of its first and last words. */
  private countAttested(normalized: string, delta: number): void {
    bump(this.attestedCounts, normalized, delta);
    bump(this.attestedFirst, firstWord(normalized), delta);
    bump(this.attestedLast, lastWord(normalized), delta);
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
   * order, with where it occurs, until `each` returns false. `match`: all of them, only those
   * whose headline starts with the query, or only the others.
   */
  searchHeadlines(query: string, each: (summary: ArticleSummary, at: number) => boolean, match: HeadlineMatch = 'any'): void {
    this.headlineSearch.search(
      query,
      this.docs.length,
      (id, at) => {
        const d = this.docs[id];
        return d ? each(d, at) : true;
      },
      match,
    );
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
        const estimate = this.store.signatures.agreement(signature, id);
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
    return [...this.headlines.values(normalized)].map((id) => this.docs[id]!).filter(Boolean);
  }

  /** The articles with a keyword that normalises to `normalized`. */
  byKeyword(normalized: string): ArticleSummary[] {
    return [...this.postings.values(normalized)].map((id) => this.docs[id]!).filter(Boolean);
  }

  /** The normalised forms of an article's attested keywords (read in place: no keyword objects made). */
  attestedKeywordsOf(uri: string): Set<string> {
    const out = new Set<string>();
    const id = this.ids.get(uri);
    const s = id === undefined ? undefined : this.docs[id];
    for (let i = 0; s && i < s.keywordCount; i++) if (s.attestedAt(i)) out.add(s.normalizedAt(i));
    return out;
  }

  /**
   * The attested keyword counts, and the words that start and end an attested keyword, as plain
   * data: what {@link attestedKeywordCount}, {@link attestedMayStart} and {@link attestedMayEnd}
   * answer, for a thread that has no index (portable.ts).
   */
  attestedData(): { counts: [string, number][]; first: string[]; last: string[] } {
    return { counts: [...this.attestedCounts], first: [...this.attestedFirst.keys()], last: [...this.attestedLast.keys()] };
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
    return this.postings.count(normalized);
  }

  /** Every spelling in the corpus of a keyword's group (same letters up to hamza, ى/ي, ة/ه, harakat, tatweel and spaces), with counts. */
  keywordSpellings(text: string): Map<string, number> {
    const out = new Map<string, number>();
    const key = spellingKey(text);
    for (const normalized of this.keywordGroups.values(groupHash(key))) {
      if (spellingKeyOfNormalized(normalized) !== key) continue;
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
    for (const normalized of this.translitGroups.values(groupHash(t))) {
      if (transliterationKeyOfNormalized(normalized) !== t) continue;
      for (const [spelling, count] of this.lexicon.keywordSpellings(normalized) ?? []) out.set(spelling, (out.get(spelling) ?? 0) + count);
    }
    return out;
  }

  /** Keywords that co-occur with the given ones (normalised), counted over up to `sample` articles. */
  coOccurring(normalized: readonly string[], sample = 2000): Map<string, number> {
    const counts = new Map<string, number>();
    let seen = 0;
    for (const k of normalized) {
      for (const id of this.postings.values(k)) {
        if (seen++ >= sample) return counts;
        const d = this.docs[id];
        for (let i = 0; d && i < d.keywordCount; i++) {
          const other = d.normalizedAt(i);
          if (!normalized.includes(other)) counts.set(other, (counts.get(other) ?? 0) + 1);
        }
      }
    }
    return counts;
  }
}

/** A group key's hash, as a small integer (V8 keeps it in place, not as a heap number). */
function groupHash(key: string): number {
  return fnv1a(key) & 0x3fffffff;
}

/** The first position of a normalised keyword in an article. */
function firstAt(s: StoredSummary, normalized: string): number {
  let i = 0;
  while (i < s.keywordCount && s.normalizedAt(i) !== normalized) i++;
  return i;
}

function hasNormalized(s: StoredSummary, normalized: string): boolean {
  for (let i = 0; i < s.keywordCount; i++) if (s.normalizedAt(i) === normalized) return true;
  return false;
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

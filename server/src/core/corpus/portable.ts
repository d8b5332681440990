/**
 * What the corpus rules and the keyword segmentation ask of the corpus index, as plain data that
 * crosses threads: a worker that checks or exports articles has no index (the main thread holds
 * it), yet must answer exactly as `keywordEvidence` (batch.ts) and `corpusContext` (context.ts)
 * answer with one.
 *
 * - {@link PortableCorpus}, sent to each worker once: the attested keyword counts, every spelling
 *   group and transliteration group with its spellings, the sources. Sorted strings packed in
 *   typed arrays over shared memory: one copy for all threads, about the size of its characters
 *   (as Maps of arrays, a copy per thread took about 100 MB on 100,000 synthetic articles).
 * - {@link PortableArticle}, sent with each article: what depends on the article's place in the
 *   corpus (its own attested keywords, its near-duplicates, the articles with its headline).
 *
 * A spelling group is answered for any text, not only the keywords the index has seen for the
 * article: a worker splits the keywords line with the corpus's evidence (and again after safe
 * fixes), so it may ask for keywords the index never had for that file.
 */
import type { KeywordEvidence } from '../keywords/segment';
import type { Article } from '../parse/article';
import type { CorpusContext } from '../rules/rule';
import { withVocabulary } from './batch';
import { corpusContext } from './context';
import { type CorpusIndex, spellingKey, spellingKeyOfNormalized, transliterationKey, transliterationKeyOfNormalized } from './index';

/**
 * Strings sorted by UTF-16 code units, in one buffer: string i is `chars[ends[i-1] … ends[i])`.
 * Looked up by binary search without making strings, so a table of a hundred thousand keywords
 * costs about its characters, and over a SharedArrayBuffer one copy serves every thread.
 */
export interface PackedStrings {
  readonly chars: Uint16Array;
  readonly ends: Int32Array;
}

/** Groups of spellings with their counts, by key: group i is `spellings[starts[i] … starts[i+1])`. */
export interface SpellingTable {
  readonly keys: PackedStrings;
  readonly starts: Int32Array;
  /** In each group's order (not sorted): read by position. */
  readonly spellings: PackedStrings;
  readonly counts: Int32Array;
}

/** The corpus-wide answers, computed once from an index. Typed arrays only (plus the few sources). */
export interface PortableCorpus {
  /** Attested keywords (normalised), sorted, and in how many articles each is attested as a unit. */
  readonly attested: PackedStrings;
  readonly attestedCounts: Int32Array;
  /** Words that start (end) an attested keyword, sorted. */
  readonly first: PackedStrings;
  readonly last: PackedStrings;
  /** `spellingKey` → the corpus's spellings of that group with their counts, in the index's order. */
  readonly spellings: SpellingTable;
  /** `transliterationKey` → the corpus's spellings across transliteration variants. */
  readonly transliterations: SpellingTable;
  /** The sources with their article counts (each spelling separately). */
  readonly sources: readonly { readonly text: string; readonly count: number }[];
}

/** A typed array over a SharedArrayBuffer when the runtime has one (else an ordinary buffer). */
function sharedArray<T extends Int32Array | Uint16Array>(make: (b: ArrayBufferLike) => T, bytesPer: number, length: number): T {
  const bytes = Math.max(1, length) * bytesPer;
  return make(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Packs strings in the given order (sort them first to look them up). */
export function packStrings(strings: readonly string[]): PackedStrings {
  let total = 0;
  for (const s of strings) total += s.length;
  const chars = sharedArray((b) => new Uint16Array(b), 2, total);
  const ends = sharedArray((b) => new Int32Array(b, 0, strings.length), 4, strings.length);
  let at = 0;
  strings.forEach((s, i) => {
    for (let k = 0; k < s.length; k++) chars[at + k] = s.charCodeAt(k);
    at += s.length;
    ends[i] = at;
  });
  return { chars, ends };
}

/** The position of a string in sorted packed strings, or -1. */
export function findString(p: PackedStrings, s: string): number {
  const { chars, ends } = p;
  let lo = 0;
  let hi = ends.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : ends[mid - 1]!;
    const end = ends[mid]!;
    // Compare s with the stored string, code unit by code unit.
    let c = 0;
    const n = Math.min(s.length, end - start);
    for (let k = 0; k < n && c === 0; k++) c = s.charCodeAt(k) - chars[start + k]!;
    if (c === 0) c = s.length - (end - start);
    if (c === 0) return mid;
    if (c < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return -1;
}

/** The i-th packed string. */
export function stringAt(p: PackedStrings, i: number): string {
  const start = i === 0 ? 0 : p.ends[i - 1]!;
  const end = p.ends[i]!;
  let out = '';
  for (let k = start; k < end; k += 4096) out += String.fromCharCode(...p.chars.subarray(k, Math.min(end, k + 4096)));
  return out;
}

/**
 * The table of the keys in `forms` (a key → one normalised keyword form that has it): each key's
 * group as `spellingsOf(form)` answers it. Built from flat arrays: a Map per group would cost
 * more than the table itself while it is built.
 */
function spellingTable(forms: ReadonlyMap<string, string>, spellingsOf: (form: string) => ReadonlyMap<string, number>): SpellingTable {
  const sorted = [...forms.keys()].sort(); // code-unit order, as findString searches
  const keys: string[] = [];
  const starts: number[] = [];
  const spellings: string[] = [];
  const counts: number[] = [];
  for (const key of sorted) {
    const group = spellingsOf(forms.get(key)!);
    if (!group.size) continue;
    keys.push(key);
    starts.push(spellings.length);
    for (const [spelling, count] of group) {
      spellings.push(spelling);
      counts.push(count);
    }
  }
  starts.push(spellings.length);
  return { keys: packStrings(keys), starts: sharedInts(starts), spellings: packStrings(spellings), counts: sharedInts(counts) };
}

function sharedInts(values: readonly number[]): Int32Array {
  const out = sharedArray((b) => new Int32Array(b, 0, values.length), 4, values.length);
  out.set(values);
  return out;
}

function lookUpSpellings(t: SpellingTable, key: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const i = key === undefined ? -1 : findString(t.keys, key);
  if (i < 0) return out;
  for (let k = t.starts[i]!; k < t.starts[i + 1]!; k++) out.set(stringAt(t.spellings, k), t.counts[k]!);
  return out;
}

/** One article's answers. */
export interface PortableArticle {
  /** Its own attested keywords (normalised): the evidence leaves the article itself out. */
  readonly own: readonly string[];
  readonly nearDuplicates: CorpusContext['nearDuplicates'];
  readonly sameHeadline: CorpusContext['sameHeadline'];
}

/** The corpus-wide answers of an index. */
export function portableCorpus(index: CorpusIndex): PortableCorpus {
  const { counts, first, last } = index.attestedData();
  // Every answer of keywordSpellings(text) depends on spellingKey(text) alone (likewise for
  // transliterations): asking the index once per key, with one of the group's own forms,
  // gives what it answers for any text of that key. A key no keyword has answers nothing.
  const spellingForms = new Map<string, string>();
  const transliterationForms = new Map<string, string>();
  for (const e of index.lexicon.keywords()) {
    const key = spellingKeyOfNormalized(e.normalized);
    if (!spellingForms.has(key)) spellingForms.set(key, e.normalized);
    // Not implied by the spelling key: eligibility depends on the spaces it ignores.
    const t = transliterationKeyOfNormalized(e.normalized);
    if (t !== undefined && !transliterationForms.has(t)) transliterationForms.set(t, e.normalized);
  }
  counts.sort((a, b) => byCodeUnits(a[0], b[0]));
  const ctx = corpusContext(index, '', {} as Article, []);
  return {
    attested: packStrings(counts.map(([k]) => k)),
    attestedCounts: sharedInts(counts.map(([, n]) => n)),
    first: packStrings(first.sort(byCodeUnits)),
    last: packStrings(last.sort(byCodeUnits)),
    spellings: spellingTable(spellingForms, (form) => index.keywordSpellings(form)),
    transliterations: spellingTable(transliterationForms, (form) => index.keywordTransliterations(form)),
    sources: [...ctx.sources()],
  };
}

/** An indexed article's answers; undefined when the index does not have it. */
export function portableArticle(index: CorpusIndex, uri: string, nearDuplicates: CorpusContext['nearDuplicates']): PortableArticle | undefined {
  const summary = index.get(uri);
  if (!summary) return undefined;
  // corpusContext looks up the normalised headline as the summary keeps it (its first 500 code units).
  const sameHeadline = summary.headlineNormalized
    ? index
        .byHeadline(summary.headlineNormalized)
        .filter((s) => s.uri !== uri)
        .map((s) => ({ uri: s.uri, line: s.headlineLine }))
    : [];
  return { own: [...index.attestedKeywordsOf(uri)], nearDuplicates, sameHeadline };
}

/** The keyword evidence of an article, as `keywordEvidence(index, uri, vocabulary)` answers it. */
export function portableEvidence(corpus: PortableCorpus, article: PortableArticle, vocabulary?: ReadonlySet<string>): KeywordEvidence {
  const own = new Set(article.own);
  return withVocabulary({
    keywordCount: (p) => {
      const i = findString(corpus.attested, p);
      return (i < 0 ? 0 : corpus.attestedCounts[i]!) - (own.has(p) ? 1 : 0);
    },
    mayStart: (w) => findString(corpus.first, w) >= 0,
    mayEnd: (w) => findString(corpus.last, w) >= 0,
  }, vocabulary);
}

/** The corpus context of an article, as `corpusContext(index, uri, article, nearDuplicates, lists)` answers it. */
export function portableContext(
  corpus: PortableCorpus,
  article: PortableArticle,
  lists: { readonly vocabulary?: ReadonlySet<string>; readonly preferredSpellings?: ReadonlyMap<string, string> } = {},
): CorpusContext {
  return {
    nearDuplicates: article.nearDuplicates,
    sameHeadline: article.sameHeadline,
    keywordSpellings: (text) => lookUpSpellings(corpus.spellings, spellingKey(text)),
    keywordTransliterations: (text) => lookUpSpellings(corpus.transliterations, transliterationKey(text)),
    sources: () => corpus.sources,
    vocabulary: lists.vocabulary,
    preferredSpellings: lists.preferredSpellings,
  };
}

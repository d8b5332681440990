/**
 * Building the corpus context of one article for the corpus rules: near-duplicates found by
 * MinHash LSH and confirmed by exact Jaccard, same headlines, keyword spellings, sources, and
 * the configured vocabulary and preferred spellings.
 */
import { normalizeArabic } from '../arabic';
import type { Article } from '../parse/article';
import type { CorpusContext } from '../rules/rule';
import type { CorpusIndex } from './index';
import { jaccard, minhash, shingleHashes } from './shingles';
import { mainTexts } from './summary';

/** The default similarity at which two articles are near-duplicates. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.8;

/** Supplies the shingles of another article (read from disk or an open editor), or undefined when unreadable. */
export type ShingleSource = (uri: string) => Promise<Uint32Array | undefined> | Uint32Array | undefined;

/** What the host passes besides the index. */
export interface CorpusContextOptions {
  readonly threshold?: number;
  readonly vocabulary?: ReadonlySet<string>;
  readonly preferredSpellings?: ReadonlyMap<string, string>;
  /** The article's own shingles, when already computed. */
  readonly shingles?: Uint32Array;
  /** The article's headline as the index normalises it (its first 500 characters), when already known. */
  readonly headlineNormalized?: string;
}

/**
 * Finds the verified near-duplicates of an article: candidates from the LSH buckets whose
 * estimated similarity is within reach of the threshold, then the exact Jaccard similarity of
 * their shingles. Measured values are cached in the index per pair of summaries.
 */
export async function findNearDuplicates(
  index: CorpusIndex,
  uri: string,
  shingles: Uint32Array,
  threshold: number,
  shinglesOf: ShingleSource,
): Promise<{ uri: string; similarity: number; headline: string }[]> {
  const signature = minhash(shingles);
  const self = index.get(uri);
  const out: { uri: string; similarity: number; headline: string }[] = [];
  // The estimate from 64 hashes has a standard error of about 0.05 at 0.8: look a little lower.
  for (const c of index.candidates(signature, Math.max(0, threshold - 0.2), uri).slice(0, 50)) {
    const other = index.get(c.uri);
    if (!other) continue;
    let similarity = self ? index.measuredSimilarity(self, other) : undefined;
    if (similarity === undefined) {
      const theirs = await shinglesOf(c.uri);
      if (!theirs) continue;
      similarity = jaccard(shingles, theirs);
      if (self && index.get(uri) === self && index.get(c.uri) === other) index.recordSimilarity(self, other, similarity);
    }
    if (similarity >= threshold) out.push({ uri: c.uri, similarity, headline: other.headline });
  }
  return out.sort((a, b) => b.similarity - a.similarity);
}

/** The shingles of an article's main text. */
export function articleShingles(article: Article): Uint32Array {
  return shingleHashes(mainTexts(article));
}

/** Builds the corpus context for the rules. */
export function corpusContext(
  index: CorpusIndex,
  uri: string,
  article: Article,
  nearDuplicates: readonly { uri: string; similarity: number; headline: string }[],
  options: CorpusContextOptions = {},
): CorpusContext {
  const headline = options.headlineNormalized ?? (article.headline ? normalizeArabic(article.headline.text.slice(0, 500)) : '');
  const sameHeadline = headline
    ? index
        .byHeadline(headline)
        .filter((s) => s.uri !== uri)
        .map((s) => ({ uri: s.uri, line: s.headlineLine }))
    : [];
  return {
    nearDuplicates,
    sameHeadline,
    keywordSpellings: (text) => index.keywordSpellings(text),
    keywordTransliterations: (text) => index.keywordTransliterations(text),
    sources: function* () {
      for (const e of index.lexicon.sources()) {
        for (const [text, count] of index.lexicon.sourceSpellings(e.normalized) ?? []) yield { text, count };
      }
    },
    vocabulary: options.vocabulary,
    preferredSpellings: options.preferredSpellings,
  };
}

/** Parses a vocabulary file: one keyword a line; blank lines and `#` comments ignored. */
export function parseVocabulary(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const t = line.trim();
    if (t && !t.startsWith('#')) out.add(normalizeArabic(t));
  }
  return out;
}

/** Parses a preferred-spellings file: lines `variant → preferred` (also `->` or `=>`). */
export function parsePreferredSpellings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n|\r/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(.+?)\s*(?:→|->|=>)\s*(.+)$/.exec(t);
    if (m) out.set(normalizeArabic(m[1]!), m[2]!.trim());
  }
  return out;
}

/**
 * What indexing learns of one article where its text is (a worker thread, or the command
 * line's index pass), as plain data that crosses threads: the summary as split without corpus
 * evidence and, for a space-joined keywords line, what is needed to split it again with the
 * corpus's evidence later, where the corpus is, without the text ({@link withEvidence}).
 *
 * Splitting the line in two steps gives exactly what parsing with the evidence gives: the
 * phrase scores from the text are the same table ({@link phraseTable}), the evidence only adds
 * to them, and whether a phrase is attested in the text is recorded for every candidate phrase.
 */
import { bestSegmentation, type KeywordEvidence } from '../keywords/segment';
import type { Article } from '../parse/article';
import { distinctSorted, rawShingles } from './shingles';
import { type ArticleSummary, mainWordLists, phraseAttested, segmentedPlaces, summarize, withKeywords } from './summary';

/** A space-joined keywords line, ready to be split again. */
export interface KeywordLineTable {
  /** The line's value (after the marker). */
  readonly value: string;
  readonly line: number;
  /** Character offset of the value in its line. */
  readonly base: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The phrase table's token keys and scores (see PhraseTable). */
  readonly keys: readonly string[];
  readonly scores: Float32Array;
  /** Which candidate phrases are attested in the text (see phraseAttested). */
  readonly attested: Uint8Array;
  /** The lengths the summary's keywords were split with. */
  readonly lengths: readonly number[];
}

/** One article's index entry. */
export interface IndexEntry {
  readonly summary: ArticleSummary;
  readonly keywordLine?: KeywordLineTable;
}

/**
 * The index entry of a parsed article, and its shingles (the caller may keep them for
 * near-duplicate checks): made into a set only when asked for, as most callers only need the
 * signature, which the hashes give unsorted.
 */
export function indexEntry(uri: string, article: Article): { entry: IndexEntry; readonly shingles: Uint32Array } {
  const lists = mainWordLists(article);
  const raw = rawShingles(lists);
  const kw = article.keywords;
  const seg = kw?.segmentation;
  // Worked out once, for the summary's keywords and for splitting the line again later.
  const attested = kw && seg ? phraseAttested(kw.value.text, seg.starts, seg.ends, lists) : undefined;
  const summary = summarize(uri, article, raw, lists, attested);
  if (!kw || !seg?.table || !attested) return withShingles({ summary }, raw);
  const keywordLine: KeywordLineTable = {
    value: kw.value.text,
    line: kw.value.range.start.line,
    base: kw.value.range.start.character,
    starts: Int32Array.from(seg.starts),
    ends: Int32Array.from(seg.ends),
    keys: seg.table.keys,
    scores: seg.table.scores,
    attested,
    lengths: seg.lengths,
  };
  return withShingles({ summary, keywordLine }, raw);
}

function withShingles(entry: IndexEntry, raw: Uint32Array): { entry: IndexEntry; readonly shingles: Uint32Array } {
  let set: Uint32Array | undefined;
  return {
    entry,
    get shingles(): Uint32Array {
      return (set ??= distinctSorted(raw));
    },
  };
}

/**
 * The entry's summary with its keywords line split using `evidence`: the same summary when the
 * split does not change, else a copy with the new keywords. The same as summarising the article
 * parsed with that evidence.
 */
export function withEvidence(entry: IndexEntry, evidence: KeywordEvidence | undefined): ArticleSummary {
  return splitWithEvidence(entry, evidence).summary;
}

/** {@link withEvidence}, with the keyword lengths chosen (undefined when the line is not space-joined). */
export function splitWithEvidence(entry: IndexEntry, evidence: KeywordEvidence | undefined): { summary: ArticleSummary; lengths?: readonly number[] } {
  const t = entry.keywordLine;
  if (!t) return { summary: entry.summary };
  if (!evidence) return { summary: entry.summary, lengths: t.lengths };
  const lengths = bestSegmentation({ keys: t.keys, scores: t.scores }, evidence);
  if (lengths.length === t.lengths.length && lengths.every((n, i) => n === t.lengths[i])) return { summary: entry.summary, lengths: t.lengths };
  return { summary: withKeywords(entry.summary, segmentedPlaces(t.value, t.line, t.base, t.starts, t.ends, lengths, t.attested)), lengths };
}

/** The keywords of the line as `withEvidence` splits it, all of them (the summary keeps the first 200). */
export function allKeywords(entry: IndexEntry, evidence: KeywordEvidence | undefined): string[] {
  const t = entry.keywordLine;
  if (!t) return entry.summary.keywords.map((k) => k.text);
  const lengths = evidence ? bestSegmentation({ keys: t.keys, scores: t.scores }, evidence) : t.lengths;
  const out: string[] = [];
  let i = 0;
  for (const n of lengths) {
    out.push(t.value.slice(t.starts[i], t.ends[Math.min(i + n, t.starts.length) - 1]));
    i += n;
  }
  return out;
}

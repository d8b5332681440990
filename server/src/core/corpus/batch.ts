/**
 * Checking a set of articles held in memory, corpus rules included: summaries into an index,
 * then each article against the others. Used by tests and by hosts that already hold the texts.
 */
import type { Analysis } from '../analysis';
import { lintParsed } from '../analysis';
import type { ResolvedConfig } from '../config';
import { type Article, parseArticle } from '../parse/article';
import type { KeywordEvidence } from '../keywords/segment';
import { CorpusIndex } from './index';
import { articleShingles, corpusContext, DEFAULT_DUPLICATE_THRESHOLD, findNearDuplicates } from './context';
import { type ArticleSummary, summarize } from './summary';

/** One article to check. */
export interface CorpusFile {
  readonly uri: string;
  readonly text: string;
  readonly config: ResolvedConfig;
}

/** What the corpus rules read besides the index. */
export interface CorpusExtras {
  readonly vocabulary?: ReadonlySet<string>;
  readonly preferredSpellings?: ReadonlyMap<string, string>;
}

/** The duplicate threshold of a configuration (`AN301` option `threshold`). */
export function duplicateThreshold(config: ResolvedConfig): number {
  const t = config.ruleOptions.get('AN301')?.threshold;
  return typeof t === 'number' && t > 0 && t <= 1 ? t : DEFAULT_DUPLICATE_THRESHOLD;
}

/** Checks every file with the corpus rules. */
export async function checkCorpus(files: readonly CorpusFile[], extras: (file: CorpusFile) => CorpusExtras = () => ({})): Promise<Map<string, Analysis>> {
  const index = new CorpusIndex();
  const parse = (f: CorpusFile, evidence?: KeywordEvidence): Article =>
    parseArticle(f.text, { markers: f.config.markers, keywordSeparators: f.config.keywordSeparators, keywordEvidence: evidence });
  // Pass 1: index every article; pass 2: split space-joined keyword lines again with the
  // corpus's keywords as evidence (as the server does once its scan is done).
  const parsed = new Map(files.map((f) => [f.uri, parse(f)]));
  const shingles = new Map<string, Uint32Array>();
  for (const f of files) {
    const a = parsed.get(f.uri)!;
    const sh = articleShingles(a);
    shingles.set(f.uri, sh);
    index.set(summarize(f.uri, a, sh));
  }
  for (const f of files) {
    const a = parse(f, keywordEvidence(index, f.uri, extras(f).vocabulary));
    parsed.set(f.uri, a);
    // Only a space-joined line can split otherwise; a summary whose keywords did not change
    // stays as it is (the command line's corpus pass does the same).
    const before = index.get(f.uri);
    const after = summarize(f.uri, a, shingles.get(f.uri));
    if (!before || !sameKeywords(before, after)) index.set(after);
  }
  const out = new Map<string, Analysis>();
  for (const f of files) {
    const a = parsed.get(f.uri)!;
    const twins = await findNearDuplicates(index, f.uri, shingles.get(f.uri)!, duplicateThreshold(f.config), (u) => shingles.get(u));
    const x = extras(f);
    out.set(f.uri, lintParsed(a, f.config, undefined, undefined, corpusContext(index, f.uri, a, twins, x)));
  }
  return out;
}

/** Whether two summaries have the same keywords, places and attestation. */
function sameKeywords(a: ArticleSummary, b: ArticleSummary): boolean {
  if (a.keywords.length !== b.keywords.length) return false;
  return a.keywords.every((k, i) => {
    const o = b.keywords[i]!;
    return k.text === o.text && k.start === o.start && k.end === o.end && k.line === o.line && k.attested === o.attested;
  });
}

/**
 * Corpus evidence for splitting an article's keywords line: keyword counts without the article's
 * own, and the configured controlled vocabulary (normalised phrases) when there is one.
 */
export function keywordEvidence(index: CorpusIndex, uri: string, vocabulary?: ReadonlySet<string>): KeywordEvidence {
  const own = index.attestedKeywordsOf(uri);
  const evidence: KeywordEvidence = {
    // Most phrases asked have no count: only a counted one can be the article's own.
    keywordCount: (p) => {
      const n = index.attestedKeywordCount(p);
      return n > 0 && own.has(p) ? n - 1 : n;
    },
    mayStart: (w) => index.attestedMayStart(w),
    mayEnd: (w) => index.attestedMayEnd(w),
  };
  return withVocabulary(evidence, vocabulary);
}

/** Evidence that also knows a controlled vocabulary (unchanged without one). */
export function withVocabulary(evidence: KeywordEvidence, vocabulary: ReadonlySet<string> | undefined): KeywordEvidence {
  return vocabulary?.size ? { ...evidence, inVocabulary: (p) => vocabulary.has(p) } : evidence;
}

/**
 * The compact summary the corpus index keeps per article: enough for corpus rules, keyword
 * statistics, navigation and the dashboard, but not the text, so memory stays bounded.
 */
import { normalizeArabic } from '../arabic';
import { MAX_KEYWORD_TOKENS } from '../keywords/segment';
import type { Article } from '../parse/article';
import { isoDate } from '../parse/date';
import { minhash, normalizedWords, rawShingles, wordsOfNormalized } from './shingles';

/** A keyword as it stands on an article's keywords line. */
export interface KeywordPlace {
  readonly text: string;
  readonly normalized: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /**
   * Whether the keyword is attested as a unit: written between explicit separators, or found
   * word for word in the article's headline or body. Only attested keywords are evidence for
   * splitting other articles' space-joined lines, so one bad split cannot teach itself.
   */
  readonly attested: boolean;
}

/** What the index keeps of one article. */
export interface ArticleSummary {
  readonly uri: string;
  readonly headline: string;
  readonly headlineNormalized: string;
  readonly headlineLine: number;
  /** `YYYY-MM-DD`, or undefined when the date is missing or invalid. */
  readonly date?: string;
  readonly source?: string;
  readonly sourceLine?: number;
  readonly keywords: readonly KeywordPlace[];
  /** MinHash signature of the main article's word 5-grams. */
  readonly signature: Uint32Array;
  /** Words in the headline and body. */
  readonly words: number;
  readonly paragraphs: number;
  /** Problems per rule id, filled in by the host after checking (for statistics). */
  problems?: Readonly<Record<string, number>>;
}

/** A summary with other keywords: a plain copy of every field (the index's stored summaries have accessors a spread would miss). */
export function withKeywords(s: ArticleSummary, keywords: readonly KeywordPlace[]): ArticleSummary {
  return {
    uri: s.uri,
    headline: s.headline,
    headlineNormalized: s.headlineNormalized,
    headlineLine: s.headlineLine,
    date: s.date,
    source: s.source,
    sourceLine: s.sourceLine,
    keywords,
    signature: s.signature,
    words: s.words,
    paragraphs: s.paragraphs,
    problems: s.problems,
  };
}

/**
 * A copy of a string that shares no memory with the larger string it was sliced from. V8 keeps
 * a slice's whole parent alive: a summary holding a headline sliced from a 3 KB file would keep
 * the file's text, and an index of 100,000 summaries would hold the whole corpus.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The texts of the main article: headline and body paragraphs (never the read-also block). */
export function mainTexts(article: Article): string[] {
  const out: string[] = [];
  if (article.headline) out.push(article.headline.text);
  for (const p of article.body?.paragraphs ?? []) out.push(p.text);
  return out;
}

/** The normalised words of each main text (see {@link mainTexts}), computed once per article. */
export function mainWordLists(article: Article): string[][] {
  // The parser normalised [headline or '', ...paragraphs] when it segmented the keywords line.
  // Loops, not Array.prototype.map: see the note on arrays above parseArticle (parse/article.ts).
  const n = article.mainNormalized;
  const lists: string[][] = [];
  if (n && n.length === 1 + (article.body?.paragraphs.length ?? 0)) {
    for (let i = article.headline ? 0 : 1; i < n.length; i++) lists.push(wordsOfNormalized(n[i]!));
  } else for (const t of mainTexts(article)) lists.push(normalizedWords(t));
  return lists;
}

/** An article's headline as its summary keeps it: the first 500 characters. */
export function summaryHeadline(article: Article): string {
  return detach(article.headline?.text.slice(0, 500) ?? '');
}

/** Most keywords kept per article. */
export const MAX_SUMMARY_KEYWORDS = 200;

/**
 * Which phrases of a space-joined keywords line are attested: `bits[i * MAX_KEYWORD_TOKENS +
 * length - 1]` is 1 when the normalised words of the `length` tokens from token i occur word
 * for word, in order, in one main text. Computed where the text is, for every candidate phrase,
 * so that a host can split the line again later without the text.
 */
export function phraseAttested(value: string, starts: ArrayLike<number>, ends: ArrayLike<number>, wordLists: readonly (readonly string[])[]): Uint8Array {
  const n = starts.length;
  const bits = new Uint8Array(n * MAX_KEYWORD_TOKENS);
  if (n === 0) return bits;
  const tokenWords: string[][] = [];
  const relevant = new Set<string>();
  for (let k = 0; k < n; k++) {
    const ws = normalizedWords(value.slice(starts[k], ends[k]));
    tokenWords.push(ws);
    for (const w of ws) relevant.add(w);
  }
  // Positions of the relevant words in the main texts: text index * 2^21 + word index.
  const at = new Map<string, number[]>();
  // A word can be relevant only if its first and last code units and its length are those of a
  // relevant word: a numeric test that spares hashing most words of the text.
  const marks = RELEVANT_MARKS;
  for (const w of relevant) marks[wordMark(w)] = 1;
  try {
    for (let t = 0; t < wordLists.length; t++) {
      const ws = wordLists[t]!;
      for (let k = 0; k < ws.length && k < POSITION_SPAN; k++) {
        const w = ws[k]!;
        if (marks[wordMark(w)] !== 1 || !relevant.has(w)) continue;
        const list = at.get(w);
        if (list) list.push(t * POSITION_SPAN + k);
        else at.set(w, [t * POSITION_SPAN + k]);
      }
    }
  } finally {
    for (const w of relevant) marks[wordMark(w)] = 0;
  }
  if (!at.size) return bits;
  const seq: string[] = [];
  for (let i = 0; i < n; i++) {
    seq.length = 0;
    for (let length = 1; length <= MAX_KEYWORD_TOKENS && i + length <= n; length++) {
      for (const w of tokenWords[i + length - 1]!) seq.push(w);
      if (!seq.length) continue;
      const first = at.get(seq[0]!);
      if (!first) break; // no longer phrase from i can occur either
      let found = false;
      for (const p of first) {
        const ws = wordLists[Math.floor(p / POSITION_SPAN)]!;
        const k = p % POSITION_SPAN;
        let m = 1;
        while (m < seq.length && ws[k + m] === seq[m]) m++;
        if (m === seq.length) {
          found = true;
          break;
        }
      }
      if (found) bits[i * MAX_KEYWORD_TOKENS + length - 1] = 1;
    }
  }
  return bits;
}

/** Marks of the relevant words ({@link wordMark}) while phraseAttested runs (all 0 between calls). */
const RELEVANT_MARKS = new Uint8Array(0x10000);

/** A 16-bit mark of a word from its first and last code units and its length (equal words, equal marks). */
function wordMark(w: string): number {
  return (w.charCodeAt(0) * 7 + w.charCodeAt(w.length - 1) * 131 + w.length * 8191) & 0xffff;
}

/** Word positions of one text beyond this are not looked at (a 10 MB single-line text). */
const POSITION_SPAN = 1 << 21;

/** The keyword places of a segmented line, from its tokens, the lengths chosen and the attested phrases. */
export function segmentedPlaces(
  value: string,
  line: number,
  base: number,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  lengths: readonly number[],
  attested: Uint8Array,
): KeywordPlace[] {
  const out: KeywordPlace[] = [];
  let i = 0;
  for (const n of lengths) {
    if (out.length >= MAX_SUMMARY_KEYWORDS) break;
    if (n <= 0 || i >= starts.length) continue;
    const start = starts[i]!;
    const end = ends[Math.min(i + n, starts.length) - 1]!;
    const text = value.slice(start, end);
    out.push({
      text: detach(text),
      normalized: detach(normalizeArabic(text)),
      line,
      start: base + start,
      end: base + end,
      attested: attested[i * MAX_KEYWORD_TOKENS + n - 1] === 1,
    });
    i += n;
  }
  return out;
}

/**
 * The keyword places of an article (explicitly separated keywords are attested by their
 * separators). `attested`: the segmented line's {@link phraseAttested} bits, when the caller has them.
 */
function keywordPlaces(article: Article, wordLists: () => readonly (readonly string[])[], attested?: Uint8Array): KeywordPlace[] {
  const kw = article.keywords;
  if (!kw) return [];
  const seg = kw.segmentation;
  if (seg) {
    const line = kw.value.range.start.line;
    const base = kw.value.range.start.character;
    return segmentedPlaces(kw.value.text, line, base, seg.starts, seg.ends, seg.lengths, attested ?? phraseAttested(kw.value.text, seg.starts, seg.ends, wordLists()));
  }
  const separated = kw.split === 'separators';
  const places: KeywordPlace[] = [];
  for (const k of kw.items) {
    if (places.length >= MAX_SUMMARY_KEYWORDS) break;
    places.push({
      text: detach(k.text),
      normalized: detach(normalizeArabic(k.text)),
      line: k.range.start.line,
      start: k.range.start.character,
      end: k.range.end.character,
      attested: separated,
    });
  }
  return places;
}

/** The control characters, which end a word in {@link countWords} as the space does. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const CONTROL = /[\u0000-\u001f]/;

/**
 * The words of a text: runs of code units above U+0020. A text with no control character (nearly
 * every paragraph) is counted between its spaces with the native search, not code unit by code unit.
 */
export function countWords(t: string): number {
  let words = 0;
  if (!CONTROL.test(t)) {
    for (let from = 0; from < t.length; ) {
      const space = t.indexOf(' ', from);
      const end = space < 0 ? t.length : space;
      if (end > from) words++;
      from = end + 1;
    }
    return words;
  }
  for (let i = 0, inWord = false; i < t.length; i++) {
    const space = t.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * Summarises a parsed article. `shingles` may be passed when already computed (the set, or
 * the unsorted hashes of {@link rawShingles}: only the signature is made of them), `wordLists`
 * ({@link mainWordLists}) and the keywords line's `attested` phrases ({@link phraseAttested}) to
 * share that work with the caller.
 */
export function summarize(uri: string, article: Article, shingles?: Uint32Array, wordLists?: readonly (readonly string[])[], attested?: Uint8Array): ArticleSummary {
  const texts = mainTexts(article);
  let lists = wordLists;
  const getLists = (): readonly (readonly string[])[] => (lists ??= mainWordLists(article));
  const sh = shingles ?? rawShingles(getLists());
  let words = 0;
  for (const t of texts) words += countWords(t);
  const headline = summaryHeadline(article);
  return {
    uri,
    headline,
    headlineNormalized: detach(normalizeArabic(headline)),
    headlineLine: article.headline?.line ?? 0,
    date: article.date?.parsed.date ? isoDate(article.date.parsed.date) : undefined,
    source: article.source?.value.text ? detach(article.source.value.text) : undefined,
    sourceLine: article.source?.line,
    keywords: keywordPlaces(article, getLists, attested),
    signature: minhash(sh),
    words,
    paragraphs: article.body?.paragraphs.length ?? 0,
  };
}

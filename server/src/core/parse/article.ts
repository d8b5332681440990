/**
 * The article parser: text in, article tree with ranges out. It never throws: any input,
 * including empty text, binary junk, a BOM, CRLF, huge lines and sections that are missing,
 * repeated or out of order, gives a tree. What is wrong is recorded in the tree (missing
 * nodes, `misplaced`, `duplicates`, `strayLines`) for the rules to report.
 */
import { normalizeArabic, words } from '../arabic';
import type { Range } from '../types';
import { lineRange, range } from '../types';
import { type Line, splitLines } from '../text/lines';
import { type DateParse, parseDateValue } from './date';
import { DEFAULT_MARKERS, type MarkerKind, type MarkerTokens, matchMarker } from './markers';
import { bestSegmentation, type KeywordEvidence, type PhraseTable, phraseTable, splitKeywordLine } from '../keywords/segment';

/** The sections of an article, in the order the format wants them. */
export type SectionKind = 'headline' | 'date' | 'boilerplate' | 'body' | 'source' | 'keywords' | 'readAlso';

/** Where each section belongs in the order. */
export const SECTION_RANK: Readonly<Record<SectionKind, number>> = {
  headline: 0,
  date: 1,
  boilerplate: 2,
  body: 3,
  source: 4,
  keywords: 5,
  readAlso: 6,
};

/** A piece of text on one line, with its range. */
export interface TextSpan {
  readonly text: string;
  readonly range: Range;
}

/** A whole line of content (a headline or a paragraph). `range` excludes a leading BOM. */
export interface LineNode extends TextSpan {
  readonly line: number;
}

/** A marker as written on its line. */
export interface MarkerNode {
  readonly kind: MarkerKind;
  /** The marker's letters and colon. */
  readonly range: Range;
  /** The marker's letters, colon and the spaces before the value: what a spelling fix replaces. */
  readonly fullRange: Range;
  /** The text in `fullRange`. */
  readonly text: string;
  readonly hasColon: boolean;
}

/** A line made of a marker and a value (date, source, keywords, read-also). */
export interface MarkerLineNode extends LineNode {
  readonly marker: MarkerNode;
  /** The text after the marker (trimmed of the separating spaces; may be empty). */
  readonly value: TextSpan;
}

/** The date line, with its parsed value. */
export interface DateLineNode extends MarkerLineNode {
  readonly parsed: DateParse;
}

/** One keyword of the keywords line. */
export type KeywordItem = TextSpan;

/** The keywords line and its items. */
export interface KeywordsNode extends MarkerLineNode {
  readonly items: readonly KeywordItem[];
  /** How the items were found: split on explicit separators, or segmented from a space-joined line. */
  readonly split: 'separators' | 'segmented' | 'none';
  /** For a segmented line: its tokens, the phrase table and the lengths chosen (see core/corpus/entry.ts). */
  readonly segmentation?: KeywordSegmentation;
}

/** How a space-joined keywords line was segmented: enough to segment it again with other evidence. */
export interface KeywordSegmentation {
  /** Offsets of each token in the line's value (UTF-16, end exclusive). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Absent when the lengths were given to the parser (ParseOptions.keywordLengths). */
  readonly table?: PhraseTable;
  /** The keyword lengths in tokens, in order. */
  readonly lengths: readonly number[];
}

/** The main article's body. */
export interface BodyNode {
  readonly range: Range;
  readonly paragraphs: readonly LineNode[];
}

/** A related article in the read-also section. */
export interface RelatedArticle {
  readonly range: Range;
  readonly headline: TextSpan & { readonly line: number };
  readonly paragraphs: readonly LineNode[];
}

/** The read-also section. */
export interface ReadAlsoNode extends MarkerLineNode {
  /** From the marker line to the end of the last related article. */
  readonly sectionRange: Range;
  readonly articles: readonly RelatedArticle[];
}

/** A section marker found where it does not belong in the order. */
export interface MisplacedSection {
  readonly line: number;
  readonly section: SectionKind;
  /** The latest section seen before it, which should have come after it. */
  readonly after: SectionKind;
  readonly range: Range;
}

/** A second line of a section that may appear once. */
export interface DuplicateSection {
  readonly node: MarkerLineNode;
  readonly section: SectionKind;
  /** The line of the first occurrence. */
  readonly firstLine: number;
}

/** Text lines that belong to no section (after the source or keywords line, before any read-also marker). */
export interface StrayLine extends LineNode {
  readonly after: SectionKind;
}

/** The parsed article. */
export interface Article {
  /** All lines of the document. */
  readonly lines: readonly Line[];
  /** Whether the text starts with a byte-order mark. */
  readonly bom: boolean;
  /** True when the text has no non-blank line. */
  readonly empty: boolean;
  readonly headline?: LineNode;
  readonly date?: DateLineNode;
  readonly boilerplate: readonly LineNode[];
  readonly body?: BodyNode;
  readonly source?: MarkerLineNode;
  readonly keywords?: KeywordsNode;
  readonly readAlso?: ReadAlsoNode;
  /** Blank lines (empty or white space only) other than a final empty line after a line break. */
  readonly blankLines: readonly number[];
  readonly misplaced: readonly MisplacedSection[];
  readonly duplicates: readonly DuplicateSection[];
  readonly strayLines: readonly StrayLine[];
  /**
   * The headline (or '' without one) and body paragraphs, normalised, when the parser needed them
   * to segment a space-joined keywords line; the corpus summary reuses them
   * (core/corpus/summary.ts `mainWordLists`).
   */
  readonly mainNormalized?: readonly string[];
}

/** Options of the parser. */
export interface ParseOptions {
  /** The corpus's canonical marker spellings; recognition is tolerant whatever they are. */
  readonly markers?: MarkerTokens;
  /** Explicit keyword separators (default `،` `,` `؛` `;`). */
  readonly keywordSeparators?: readonly string[];
  /** Corpus knowledge used to segment a space-joined keywords line. */
  readonly keywordEvidence?: KeywordEvidence;
  /**
   * The keyword lengths of a space-joined keywords line, already chosen by a host that split it
   * with the corpus's evidence from its phrase table (core/corpus/entry.ts): the line is not
   * segmented again. Ignored unless they are positive and add up to the line's token count.
   */
  readonly keywordLengths?: readonly number[];
  /**
   * `false`: leave the keywords line's items empty (split 'none'), for a caller that only needs
   * the headline and body (near-duplicate shingles), so no keyword line is segmented.
   */
  readonly keywords?: false;
}

const SENTENCE_FINAL = new Set(['.', '؟', '?', '!', ':', '»', '"', '”', '…', '؛']);

/** True when a line ends with sentence-final punctuation (FORMAT.md: read-also paragraphs do). */
export function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i >= 0 && SENTENCE_FINAL.has(text[i]!);
}

function contentStart(line: Line): number {
  return line.index === 0 && line.text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function lineNode(line: Line): LineNode {
  const start = contentStart(line);
  return { line: line.index, text: line.text.slice(start), range: lineRange(line.index, start, line.text.length) };
}

function markerLine(line: Line, m: NonNullable<ReturnType<typeof matchMarker>>): MarkerLineNode {
  const text = line.text;
  let valueEnd = text.length;
  while (valueEnd > m.valueStart && /[ \t\u00A0]/.test(text[valueEnd - 1]!)) valueEnd--;
  const start = contentStart(line);
  return {
    line: line.index,
    text: text.slice(start),
    range: lineRange(line.index, start, text.length),
    marker: {
      kind: m.kind,
      range: lineRange(line.index, m.start, m.tokenEnd),
      fullRange: lineRange(line.index, m.start, m.valueStart),
      text: text.slice(m.start, m.valueStart),
      hasColon: m.hasColon,
    },
    value: { text: text.slice(m.valueStart, valueEnd), range: lineRange(line.index, m.valueStart, valueEnd) },
  };
}

/** Whether a line is blank as the parser sees it (only spaces, tabs, NBSP, BOM, VT, FF). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0xfeff && c !== 0x0b && c !== 0x0c) return false;
  }
  return true;
}

interface KeywordItems {
  readonly items: KeywordItem[];
  readonly split: KeywordsNode['split'];
  readonly segmentation: KeywordSegmentation | undefined;
  /** The main texts normalised, when the line was segmented here. */
  readonly normalized: readonly string[] | undefined;
}

/** Splits the keywords value into items, by separators when present, else by segmentation. */
function keywordItems(
  value: TextSpan,
  texts: readonly string[],
  options: ParseOptions,
): KeywordItems {
  const line = value.range.start.line;
  const base = value.range.start.character;
  // Every return has the same four fields, in the same order: one object shape for the caller.
  if (!value.text.trim() || options.keywords === false) return { items: [], split: 'none', segmentation: undefined, normalized: undefined };
  const separated = splitKeywordLine(value.text, options.keywordSeparators);
  if (separated) {
    return {
      items: separatedItems(separated, line, base),
      split: 'separators',
      segmentation: undefined,
      normalized: undefined,
    };
  }
  // Loops, not Array.prototype.map: see the note on arrays above parseArticle.
  const tokens = words(value.text);
  const starts: number[] = [];
  const ends: number[] = [];
  const tokenTexts: string[] = [];
  for (const t of tokens) {
    starts.push(t.start);
    ends.push(t.start + t.text.length);
    tokenTexts.push(t.text);
  }
  // A copy, by push: lengths that crossed threads arrive as arrays of another kind than the ones
  // built here, and Array.from's result is of one kind or another as its caller is optimised or not.
  let given: number[] | undefined;
  if (options.keywordLengths) {
    given = [];
    for (const n of options.keywordLengths) given.push(n);
  }
  if (given && given.length && given.every((n) => Number.isInteger(n) && n > 0) && given.reduce((a, b) => a + b, 0) === tokens.length) {
    return { items: segmentedItems(value.text, line, base, starts, ends, given), split: 'segmented', segmentation: { starts, ends, table: undefined, lengths: given }, normalized: undefined };
  }
  const normalized: string[] = [];
  for (const t of texts) normalized.push(normalizeArabic(t));
  const table = phraseTable(tokenTexts, normalized, true);
  const lengths = bestSegmentation(table, options.keywordEvidence);
  return { items: segmentedItems(value.text, line, base, starts, ends, lengths), split: 'segmented', segmentation: { starts, ends, table, lengths }, normalized };
}

/** The keyword items of a line split at its separators. */
function separatedItems(separated: readonly { readonly text: string; readonly start: number; readonly end: number }[], line: number, base: number): KeywordItem[] {
  const items: KeywordItem[] = [];
  for (const s of separated) items.push({ text: s.text, range: lineRange(line, base + s.start, base + s.end) });
  return items;
}

/** The keyword items of a segmented line: consecutive runs of `lengths` tokens. */
export function segmentedItems(value: string, line: number, base: number, starts: ArrayLike<number>, ends: ArrayLike<number>, lengths: readonly number[]): KeywordItem[] {
  const items: KeywordItem[] = [];
  let i = 0;
  for (const n of lengths) {
    if (n <= 0 || i >= starts.length) continue;
    const start = starts[i]!;
    const end = ends[Math.min(i + n, starts.length) - 1]!;
    items.push({ text: value.slice(start, end), range: lineRange(line, base + start, base + end) });
    i += n;
  }
  return items;
}

/*
 * A note on arrays. The parser and the corpus summary build the arrays they hand on (token
 * starts, normalised texts, word lists, keyword items) with loops and push, not with
 * Array.prototype.map: V8's unoptimised `map` returns a packed array, but once the caller is
 * optimised the inlined `map` returns a holey one, of another hidden class. Every function that
 * was optimised in between for the packed arrays was then thrown away and compiled again
 * ("wrong map"), in every worker thread: half the deoptimisations of a command-line run (64 to 33).
 */

/** Parses an article. Never throws. */
export function parseArticle(text: string, options: ParseOptions = {}): Article {
  // Callers pass options of several shapes. They are read here, in a small function, into one
  // object of one shape: the large function below then never meets an object shape its
  // optimised code has not seen, which would throw that code away ("wrong map") to compile it
  // again, at about 90 ms each time, in every worker thread.
  return parse(text, options.markers ?? DEFAULT_MARKERS, {
    keywordSeparators: options.keywordSeparators,
    keywordEvidence: options.keywordEvidence,
    keywordLengths: options.keywordLengths,
    keywords: options.keywords,
  });
}

function parse(text: string, markers: MarkerTokens, options: ParseOptions): Article {
  const lines = splitLines(typeof text === 'string' ? text : '');
  const bom = lines[0]!.text.charCodeAt(0) === 0xfeff;

  let headline: LineNode | undefined;
  let date: DateLineNode | undefined;
  let source: MarkerLineNode | undefined;
  let keywordsLine: MarkerLineNode | undefined;
  let readAlsoLine: MarkerLineNode | undefined;
  const boilerplate: LineNode[] = [];
  const paragraphs: LineNode[] = [];
  const blankLines: number[] = [];
  const misplaced: MisplacedSection[] = [];
  const duplicates: DuplicateSection[] = [];
  const strayLines: StrayLine[] = [];
  /** Lines after the read-also marker (and its inline headline), grouped later. */
  const relatedLines: LineNode[] = [];
  let inlineRelatedHeadline: (TextSpan & { line: number }) | undefined;

  let maxRank = -1;
  let maxSection: SectionKind = 'headline';
  let sawContent = false;
  const lastIndex = lines.length - 1;

  const advance = (section: SectionKind, line: number, r: Range): void => {
    const rank = SECTION_RANK[section];
    if (rank < maxRank && section !== 'boilerplate') {
      misplaced.push({ line, section, after: maxSection, range: r });
      return;
    }
    if (rank > maxRank) {
      maxRank = rank;
      maxSection = section;
    }
  };

  for (const line of lines) {
    const t = line.text;
    if (isBlank(t)) {
      // A final empty line after a line break is a final newline, not a blank line.
      if (!(line.index === lastIndex && t === '' && line.index > 0)) blankLines.push(line.index);
      continue;
    }
    const m = matchMarker(t, markers);
    if (!sawContent) {
      sawContent = true;
      if (!m) {
        headline = lineNode(line);
        maxRank = 0;
        continue;
      }
    }
    if (m) {
      const node = markerLine(line, m);
      switch (m.kind) {
        case 'boilerplate':
          boilerplate.push(lineNode(line));
          break;
        case 'date':
          if (date) duplicates.push({ node, section: 'date', firstLine: date.line });
          else {
            date = { line: node.line, text: node.text, range: node.range, marker: node.marker, value: node.value, parsed: parseDateValue(node.value.text) };
            advance('date', line.index, node.range);
          }
          break;
        case 'source':
          if (source) duplicates.push({ node, section: 'source', firstLine: source.line });
          else {
            source = node;
            advance('source', line.index, node.range);
          }
          break;
        case 'keywords':
          if (keywordsLine) duplicates.push({ node, section: 'keywords', firstLine: keywordsLine.line });
          else {
            keywordsLine = node;
            advance('keywords', line.index, node.range);
          }
          break;
        case 'readAlso':
          if (readAlsoLine) duplicates.push({ node, section: 'readAlso', firstLine: readAlsoLine.line });
          else {
            readAlsoLine = node;
            advance('readAlso', line.index, node.range);
            if (node.value.text) inlineRelatedHeadline = { line: line.index, text: node.value.text, range: node.value.range };
          }
          break;
      }
      continue;
    }
    // A text line: its zone is decided by the furthest section seen so far.
    const node = lineNode(line);
    if (maxRank >= SECTION_RANK.readAlso) relatedLines.push(node);
    else if (maxRank >= SECTION_RANK.source) strayLines.push({ line: node.line, text: node.text, range: node.range, after: maxSection });
    else {
      paragraphs.push(node);
      advance('body', line.index, node.range);
    }
  }

  const body: BodyNode | undefined = paragraphs.length
    ? { paragraphs, range: range(paragraphs[0]!.line, paragraphs[0]!.range.start.character, paragraphs[paragraphs.length - 1]!.line, paragraphs[paragraphs.length - 1]!.range.end.character) }
    : undefined;

  let keywords: KeywordsNode | undefined;
  let mainNormalized: readonly string[] | undefined;
  if (keywordsLine) {
    const texts = [headline?.text ?? ''];
    for (const p of paragraphs) texts.push(p.text);
    const result = keywordItems(keywordsLine.value, texts, options);
    const { items, split, segmentation } = result;
    mainNormalized = result.normalized;
    const k = keywordsLine;
    keywords = { line: k.line, text: k.text, range: k.range, marker: k.marker, value: k.value, items, split, segmentation };
  }

  let readAlso: ReadAlsoNode | undefined;
  if (readAlsoLine) {
    const r = readAlsoLine;
    const articles = groupRelated(inlineRelatedHeadline, relatedLines);
    const last = articles.length ? articles[articles.length - 1]!.range.end : r.range.end;
    readAlso = {
      line: r.line,
      text: r.text,
      range: r.range,
      marker: r.marker,
      value: r.value,
      articles,
      sectionRange: { start: r.range.start, end: last },
    };
  }

  return {
    lines,
    bom,
    empty: !sawContent,
    headline,
    date,
    boilerplate,
    body,
    source,
    keywords,
    readAlso,
    blankLines,
    misplaced,
    duplicates,
    strayLines,
    mainNormalized,
  };
}

/** Groups the read-also lines into related articles (FORMAT.md: a line without sentence-final punctuation starts one). */
function groupRelated(inline: (TextSpan & { line: number }) | undefined, lines: readonly LineNode[]): RelatedArticle[] {
  const out: { headline: TextSpan & { line: number }; paragraphs: LineNode[] }[] = [];
  let current = inline ? { headline: inline, paragraphs: [] as LineNode[] } : undefined;
  if (current) out.push(current);
  for (const l of lines) {
    if (!current || !endsSentence(l.text)) {
      current = { headline: l, paragraphs: [] };
      out.push(current);
    } else current.paragraphs.push(l);
  }
  const articles: RelatedArticle[] = [];
  for (const a of out) {
    const lastNode = a.paragraphs.length ? a.paragraphs[a.paragraphs.length - 1]! : a.headline;
    articles.push({ headline: a.headline, paragraphs: a.paragraphs, range: { start: a.headline.range.start, end: lastNode.range.end } });
  }
  return articles;
}

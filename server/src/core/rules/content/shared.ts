/**
 * Helpers shared by the content rules: which pieces of text they look at, cached normalised
 * paragraphs of the main article, short excerpts for messages. Everything here is computed
 * once per parsed article (a WeakMap keyed by the article) and is a single pass over code units.
 */
import type { Article, LineNode } from '../../parse/article';
import { isArabicLetter, isArabicMark, normalizeArabic } from '../../arabic';
import type { Range, TextEdit } from '../../types';
import { lineRange } from '../../types';

/** What kind of text a span is. */
export type SpanKind = 'headline' | 'body' | 'stray' | 'related' | 'value';

/** A piece of text on one line, with the character its first code unit is at. */
export interface LineText {
  readonly line: number;
  /** UTF-16 offset of `text` in its line. */
  readonly start: number;
  readonly text: string;
  readonly kind: SpanKind;
  /** Which characters of interest the text holds (the `HAS_` bits), found in one pass for all rules. */
  readonly flags: number;
  /** How many ASCII Latin letters it holds. */
  readonly latin: number;
  /** How many letters and digits it holds (as `letterCount` counts them). */
  readonly letters: number;
}

/** 1 for the code units `letterCount` counts (below U+0900, where they all are). */
const LETTER_OR_DIGIT: Uint8Array = (() => {
  const t = new Uint8Array(0x0900);
  for (let c = 0; c < 0x0900; c++) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || isArabicLetter(c) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) t[c] = 1;
  }
  return t;
})();

/** A letter or digit, as `letterCount` counts them (bit 0, so that it can be added). */
const LETTER = 1;
/** `"` `«` `»` `(` `)` `[` `]` `“` `”` */
export const HAS_QUOTES = 2;
/** `,` `;` `?` */
export const HAS_LATIN_PUNCTUATION = 4;
/** Western, Arabic-Indic or Persian digits. */
export const HAS_DIGITS = 8;
/** Tatweel. */
export const HAS_TATWEEL = 16;
/** Persian ی ک, or presentation forms. */
export const HAS_LETTERFORMS = 32;
/** An ASCII Latin letter (bit 6, the highest, so that `v >> 6` counts it). */
const LATIN_LETTER = 64;

/** The census table: code unit → bits. */
const CENSUS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x0900; c++) t[c] = LETTER_OR_DIGIT[c]!;
  for (const c of [0x22, 0xab, 0xbb, 0x28, 0x29, 0x5b, 0x5d, 0x201c, 0x201d]) t[c]! |= HAS_QUOTES;
  for (const c of [0x2c, 0x3b, 0x3f]) t[c]! |= HAS_LATIN_PUNCTUATION;
  for (let d = 0; d < 10; d++) for (const c of [0x30 + d, 0x0660 + d, 0x06f0 + d]) t[c]! |= HAS_DIGITS;
  t[0x0640]! |= HAS_TATWEEL;
  t[0x06cc]! |= HAS_LETTERFORMS;
  t[0x06a9]! |= HAS_LETTERFORMS;
  for (let c = 0xfb50; c <= 0xfdff; c++) t[c]! |= HAS_LETTERFORMS;
  for (let c = 0xfe70; c <= 0xfefe; c++) t[c]! |= HAS_LETTERFORMS;
  for (let c = 0x41; c <= 0x5a; c++) {
    t[c]! |= LATIN_LETTER;
    t[c + 32]! |= LATIN_LETTER;
  }
  return t;
})();

const spansCache = new WeakMap<Article, { readonly all: readonly LineText[]; readonly content: readonly LineText[] }>();

/**
 * The text a content rule looks at, in line order: the headline, body paragraphs, stray lines,
 * related headlines and paragraphs; with `values`, also the values of the date, source and
 * keywords lines. Marker tokens are never included (their spelling is AN110's business), nor
 * app-boilerplate lines (AN207's), nor repeated marker lines (AN109's). Each span carries a
 * census of the characters the rules look for, made in one pass, so that a rule skips the
 * spans that cannot concern it without scanning them again.
 */
export function contentSpans(article: Article, values: boolean): readonly LineText[] {
  let hit = spansCache.get(article);
  if (!hit) {
    const all: LineText[] = [];
    const add = (line: number, start: number, text: string, kind: SpanKind): void => {
      if (!text) return;
      let flags = 0;
      let latin = 0;
      let letters = 0;
      for (let i = 0; i < text.length; i++) {
        const v = CENSUS[text.charCodeAt(i)]!;
        flags |= v;
        letters += v & LETTER;
        latin += v >> 6;
      }
      all.push({ line, start, text, kind, flags, latin, letters });
    };
    const node = (n: LineNode, kind: SpanKind): void => add(n.line, n.range.start.character, n.text, kind);
    if (article.headline) node(article.headline, 'headline');
    if (article.body) for (const p of article.body.paragraphs) node(p, 'body');
    for (const s of article.strayLines) node(s, 'stray');
    if (article.readAlso) {
      for (const a of article.readAlso.articles) {
        add(a.headline.line, a.headline.range.start.character, a.headline.text, 'related');
        for (const p of a.paragraphs) node(p, 'related');
      }
    }
    for (const m of [article.date, article.source, article.keywords]) {
      if (m) add(m.line, m.value.range.start.character, m.value.text, 'value');
    }
    all.sort((a, b) => a.line - b.line || a.start - b.start);
    hit = { all, content: all.filter((s) => s.kind !== 'value') };
    spansCache.set(article, hit);
  }
  return values ? hit.all : hit.content;
}

const lettersCache = new WeakMap<Article, Map<number, number>>();

/** The letter count of the text on a line, from the census (computed when the line is not a span). */
export function lettersOn(article: Article, line: number, text: string): number {
  let map = lettersCache.get(article);
  if (!map) {
    map = new Map();
    for (const s of contentSpans(article, true)) map.set(s.line, s.letters);
    lettersCache.set(article, map);
  }
  return map.get(line) ?? letterCount(text);
}

/** The spans of the main article (headline and body), in line order. */
export function mainSpans(article: Article): LineText[] {
  return contentSpans(article, false).filter((s) => s.kind === 'headline' || s.kind === 'body');
}

/** The paragraphs of the main article: the headline, then the body paragraphs. */
export function mainParagraphs(article: Article): LineNode[] {
  const out: LineNode[] = [];
  if (article.headline) out.push(article.headline);
  if (article.body) out.push(...article.body.paragraphs);
  return out;
}

/**
 * Counts letters and digits: a number that normalisation (normalizeArabic) leaves unchanged,
 * since it maps letters to letters and digits to digits and only drops marks, tatweel,
 * invisible characters and extra white space. Two paragraphs that normalise equal have the same
 * count, so comparing counts first spares normalising most paragraphs.
 */
export function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0900) n += LETTER_OR_DIGIT[c]!;
  }
  return n;
}

interface MainIndex {
  /** Letter count → main paragraphs with that count (paragraphs without letters are left out). */
  readonly byCount: Map<number, LineNode[]>;
  /** Normalised text of a main paragraph, by line, filled lazily. */
  readonly normalized: Map<number, string>;
}

const mainIndexes = new WeakMap<Article, MainIndex>();

/** The main article's paragraphs grouped by letter count, with a lazy cache of their normalised text. */
export function mainIndex(article: Article): MainIndex {
  let index = mainIndexes.get(article);
  if (index) return index;
  const byCount = new Map<number, LineNode[]>();
  for (const p of mainParagraphs(article)) {
    const n = lettersOn(article, p.line, p.text);
    if (n === 0) continue;
    const group = byCount.get(n);
    if (group) group.push(p);
    else byCount.set(n, [p]);
  }
  index = { byCount, normalized: new Map() };
  mainIndexes.set(article, index);
  return index;
}

/** Final punctuation ignored when comparing paragraphs: . ، , : ; ؛ ! ? ؟ … ۔ - and spaces. */
const TRAILING = new Set([0x20, 0x2e, 0x060c, 0x2c, 0x3a, 0x3b, 0x061b, 0x21, 0x3f, 0x061f, 0x2026, 0x06d4, 0x2d]);

/**
 * A paragraph's text for comparison: normalised (normalizeArabic) and without its final
 * punctuation, so that a headline repeated as a paragraph with a full stop still compares equal.
 */
export function normalizeParagraph(text: string): string {
  const n = normalizeArabic(text);
  let end = n.length;
  while (end > 0 && TRAILING.has(n.charCodeAt(end - 1))) end--;
  return end === n.length ? n : n.slice(0, end);
}

/** The comparison text of a main paragraph (cached). */
export function normalizedMain(index: MainIndex, p: LineNode): string {
  let n = index.normalized.get(p.line);
  if (n === undefined) index.normalized.set(p.line, (n = normalizeParagraph(p.text)));
  return n;
}

/** A short excerpt of a text for a message: at most `max` characters, cut at a word when possible. */
export function excerpt(text: string, max = 48): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return (cut > max / 2 ? t.slice(0, cut) : t.slice(0, max)) + '…';
}

/** True for white space a paragraph may contain (space, tab, no-break space and the like). */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

/** True for a code unit that belongs to an Arabic word: a letter, a mark or tatweel. */
export function isArabicWordChar(c: number): boolean {
  return isArabicLetter(c) || isArabicMark(c) || c === 0x0640;
}

/** The range of `length` code units at `offset` of a span. */
export function spanRange(span: LineText, offset: number, length: number): Range {
  return lineRange(span.line, span.start + offset, span.start + offset + length);
}

/** Ordinal-free plural helper for English counts. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A count with an Arabic noun in the right number: `one` (حرف واحد), `two` (حرفان), `few` the
 * plural for 3–10 (أحرف), `many` the accusative singular for 11–99 (حرفًا), `hundred` the
 * genitive singular after round hundreds (حرف).
 */
export function arCount(n: number, forms: { one: string; two: string; few: string; many: string; hundred: string }): string {
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const r = n % 100;
  if (r >= 3 && r <= 10) return `${n} ${forms.few}`;
  if (r >= 11) return `${n} ${forms.many}`;
  return `${n} ${forms.hundred}`;
}

/** Arabic counts of letters and of times. */
export const AR_LETTERS = { one: 'حرف واحد', two: 'حرفان', few: 'أحرف', many: 'حرفًا', hundred: 'حرف' };
export const AR_TIMES = { one: 'مرة واحدة', two: 'مرتان', few: 'مرات', many: 'مرة', hundred: 'مرة' };

/**
 * The most findings a rule reports on one line. A paragraph with more unmatched quotes or
 * Latin commas than this is garbage of another kind, and a flood of diagnostics helps no one
 * (nor the editor's speed on a pasted megabyte).
 */
export const MAX_FINDINGS_PER_LINE = 50;

/** Above this many replacements, a fix is one edit over the span they cover instead of one per replacement. */
const MAX_SEPARATE_EDITS = 64;

/**
 * The edits of a fix that makes several replacements on one line: one edit each when they are
 * few (minimal changes, precise undo), else a single edit from the first to the last with the
 * text between rebuilt, so that a pasted megabyte does not produce a million edit objects.
 * `replacements` are sorted, non-overlapping offsets into `span.text`.
 */
export function lineEdits(span: LineText, replacements: readonly { index: number; length: number; to: string }[]): TextEdit[] {
  if (replacements.length <= MAX_SEPARATE_EDITS) {
    return replacements.map((r) => ({ range: spanRange(span, r.index, r.length), newText: r.to }));
  }
  const first = replacements[0]!;
  const last = replacements[replacements.length - 1]!;
  const length = last.index + last.length - first.index;
  const range = spanRange(span, first.index, length);
  if (replacements.every((r) => r.length === 1 && r.to.length === 1)) {
    // One code unit for one: patch a copy of the code units.
    const codes = new Uint16Array(length);
    for (let i = 0; i < length; i++) codes[i] = span.text.charCodeAt(first.index + i);
    for (const r of replacements) codes[r.index - first.index] = r.to.charCodeAt(0);
    const chunks: string[] = [];
    for (let i = 0; i < length; i += 8192) chunks.push(String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 8192)) as unknown as number[]));
    return [{ range, newText: chunks.join('') }];
  }
  const parts: string[] = [];
  let from = first.index;
  for (const r of replacements) {
    parts.push(span.text.slice(from, r.index), r.to);
    from = r.index + r.length;
  }
  parts.push(span.text.slice(from, first.index + length));
  return [{ range, newText: parts.join('') }];
}

/**
 * Helpers shared by the hygiene rules: which characters are white space to whom, which spans
 * of a line another rule already owns, how to name the place of a finding in a message, and an
 * edit that replaces a span without leaving doubled or edge white space behind.
 */
import type { Article, MarkerLineNode } from '../../parse/article';
import { canonicalMarkerText, type MarkerTokens } from '../../parse/markers';
import { deleteLineEdit, replaceEdit } from '../../text/edits';
import type { LocalizedText, TextEdit } from '../../types';
import { lineRange } from '../../types';

/**
 * White space that AN204 normalises: space, tab, vertical tab, form feed and the visible-width
 * Unicode spaces (ogham space mark, U+2000–U+200A, medium mathematical space, ideographic space).
 * The no-break spaces belong to AN201.
 */
export function isSpaceLike(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || (code >= 0x2000 && code <= 0x200a) || code === 0x1680 || code === 0x205f || code === 0x3000;
}

/** A no-break space (U+00A0 or the narrow U+202F): white space to the eye, an invisible character to AN201. */
export function isNoBreakSpace(code: number): boolean {
  return code === 0xa0 || code === 0x202f;
}

/** Any white space, breaking or not. */
export function isAnySpace(code: number): boolean {
  return isSpaceLike(code) || isNoBreakSpace(code);
}

/** Characters that are invisible format controls (not spaces): zero-width, direction marks, bidi controls, BOM, soft hyphen, word joiner. */
export function isInvisibleFormat(code: number): boolean {
  return (
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff ||
    code === 0x00ad ||
    code === 0x061c
  );
}

/** Where the text of a line starts: after the byte-order mark at the very start of the file. */
export function contentStart(article: Article, index: number): number {
  return index === 0 && article.bom ? 1 : 0;
}

/** A span `[start, end)` of one line. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A {@link Span} as the rules make one. A class, not an object literal: a literal `{ start, end }`
 * of two numbers shares V8's hidden class with every range's `{ start, end }` of two positions, so
 * the first one a rule made turned that class's fields from objects into "anything", and V8
 * threw away all the optimised code that makes ranges (the parser among it) and compiled it
 * again, in every worker thread of the command line.
 */
class LineSpan implements Span {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
}

/**
 * Spans whose white space another rule reports and repairs, by line: the marker part of a
 * marker line that AN110 rewrites (its letters, colon and the spaces before the value), and the
 * date value that AN104 rewrites. Hygiene rules leave the white space inside them alone so that
 * each problem is reported once. Mirrors the conditions of AN110 and AN104.
 */
export function ownedSpans(article: Article, markers: MarkerTokens): Map<number, Span[]> {
  const out = new Map<number, Span[]>();
  const add = (line: number, start: number, end: number): void => {
    const list = out.get(line);
    if (list) list.push(new LineSpan(start, end));
    else out.set(line, [new LineSpan(start, end)]);
  };
  const nodes: (MarkerLineNode | undefined)[] = [article.date, article.source, article.keywords, article.readAlso];
  for (const d of article.duplicates) nodes.push(d.node);
  for (const n of nodes) {
    if (!n || n.marker.kind === 'boilerplate') continue;
    const canonical = canonicalMarkerText(n.marker.kind, n.value.text !== '', markers);
    if (n.marker.text === canonical || (!n.value.text && n.marker.text.trimEnd() === canonical)) continue;
    add(n.line, n.marker.fullRange.start.character, n.marker.fullRange.end.character);
  }
  const date = article.date;
  if (date && date.parsed.status === 'noncanonical' && date.parsed.canonicalText) {
    add(date.line, date.value.range.start.character, date.value.range.end.character);
  }
  return out;
}

/** True when `[start, end)` touches one of the spans. */
export function intersects(spans: readonly Span[] | undefined, start: number, end: number): boolean {
  if (!spans) return false;
  for (const s of spans) if (start < s.end && s.start < end) return true;
  return false;
}

/** True when `index` lies in one of the spans. */
export function inside(spans: readonly Span[] | undefined, index: number): boolean {
  if (!spans) return false;
  for (const s of spans) if (index >= s.start && index < s.end) return true;
  return false;
}

/** Walks the sorted blank-line indices alongside a forward walk over the lines. */
export class BlankLines {
  private next = 0;
  constructor(private readonly blank: readonly number[]) {}
  /** Whether line `index` is blank; call with increasing indices. */
  has(index: number): boolean {
    const b = this.blank;
    while (this.next < b.length && b[this.next]! < index) this.next++;
    return this.next < b.length && b[this.next] === index;
  }
}

const SNIPPET = 24;

function skippable(code: number): boolean {
  return isAnySpace(code) || isInvisibleFormat(code);
}

/** The word just before `index` (skipping white space and invisible characters), at most a few characters, for messages. */
export function wordBefore(text: string, index: number): string {
  let e = index;
  while (e > 0 && skippable(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && !skippable(text.charCodeAt(s - 1)) && e - s < SNIPPET) s--;
  const truncated = s > 0 && !skippable(text.charCodeAt(s - 1));
  if (truncated && s < e && isLowSurrogate(text.charCodeAt(s))) s++;
  return s === e ? '' : (truncated ? '…' : '') + text.slice(s, e);
}

/** The word just after `index` (skipping white space and invisible characters), at most a few characters, for messages. */
export function wordAfter(text: string, index: number): string {
  const n = text.length;
  let s = index;
  while (s < n && skippable(text.charCodeAt(s))) s++;
  let e = s;
  while (e < n && !skippable(text.charCodeAt(e)) && e - s < SNIPPET) e++;
  const truncated = e < n && !skippable(text.charCodeAt(e));
  if (truncated && e > s && isHighSurrogate(text.charCodeAt(e - 1))) e--;
  return s === e ? '' : text.slice(s, e) + (truncated ? '…' : '');
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Shortens a text for a message without splitting a surrogate pair, and drops invisible controls from it. */
export function snippet(text: string, max = 40): string {
  let out = '';
  let count = 0;
  for (let i = 0; i < text.length && count < max; i++) {
    const c = text.charCodeAt(i);
    if (isInvisibleFormat(c)) continue;
    if (count === max - 1 && isHighSurrogate(c)) break;
    out += text[i];
    count++;
  }
  return out.length < text.length && count >= max ? out + '…' : out;
}

/**
 * Where a span sits, for a message: ` between "A" and "B"`, ` after "A"`, ` before "B"` (with a
 * leading space), or nothing when the line holds nothing else.
 */
export function place(text: string, start: number, end: number): LocalizedText {
  const before = wordBefore(text, start);
  const after = wordAfter(text, end);
  if (before && after) return { en: ` between "${before}" and "${after}"`, ar: ` بين «${before}» و«${after}»` };
  if (before) return { en: ` after "${before}"`, ar: ` بعد «${before}»` };
  if (after) return { en: ` before "${after}"`, ar: ` قبل «${after}»` };
  return { en: '', ar: '' };
}

/**
 * Replaces `[start, end)` of a line with `replacement` and leaves tidy white space: the edit
 * takes in the white space around the span, collapses it to one space, and drops it at the
 * line's start and end; a line left empty is deleted. Never joins two words that a space or a
 * replaced separator kept apart.
 */
export function tidyReplaceEdit(article: Article, index: number, start: number, end: number, replacement: string): TextEdit {
  const text = article.lines[index]!.text;
  const cs = contentStart(article, index);
  let s = start;
  while (s > cs && isAnySpace(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && isAnySpace(text.charCodeAt(e))) e++;
  let out = '';
  let pending = false;
  const combined = text.slice(s, start) + replacement + text.slice(end, e);
  for (let i = 0; i < combined.length; i++) {
    const c = combined.charCodeAt(i);
    if (isAnySpace(c)) pending = true;
    else {
      if (pending && (out || s > cs)) out += ' ';
      pending = false;
      out += combined[i];
    }
  }
  if (pending && e < text.length && (out || s > cs)) out += ' ';
  if (s === cs && e === text.length && out === '') return deleteLineEdit(article.lines, index);
  return replaceEdit(lineRange(index, s, e), out);
}

/**
 * The preview's model: an article as a reader sees it (headline, byline, paragraphs, keyword
 * chips, read-also cards), each piece of text cut into segments at the problems that cover it.
 *
 * Pure (no vscode, no DOM): built in the extension host with the article parser and sent to the
 * webview as data. The webview builds its DOM from it with `textContent` only, so no article
 * text is ever interpreted as HTML.
 */
import { words } from '../../../server/src/core/arabic';
import { type Article, parseArticle } from '../../../server/src/core/parse/article';
import type { Range } from '../../../server/src/core/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A diagnostic as the model needs it (vscode.Diagnostic reduced to plain data). */
export interface ProblemInput {
  readonly range: Range;
  readonly message: string;
  readonly severity: Severity;
  readonly code?: string;
}

/** A problem of the document, as the preview lists and underlines it. */
export interface Problem extends ProblemInput {
  readonly line: number;
}

/** A run of text with the problems (indices into `PreviewModel.problems`) that cover it. */
export interface Segment {
  readonly text: string;
  readonly problems?: readonly number[];
}

/** Segments that read in one direction: `ltr` runs are shown isolated (`<bdi dir="ltr">`). */
export interface Run {
  readonly ltr?: boolean;
  readonly segments: readonly Segment[];
}

/** Text from one line of the document (a headline, a paragraph, a date, a keyword). */
export interface Piece {
  /** Zero-based line of the document. */
  readonly line: number;
  readonly runs: readonly Run[];
}

export type BlockKind = 'paragraph' | 'boilerplate' | 'stray';

export interface Block {
  readonly kind: BlockKind;
  readonly piece: Piece;
}

export interface RelatedCard {
  readonly headline: Piece;
  readonly paragraphs: readonly Piece[];
}

export interface PreviewModel {
  readonly empty: boolean;
  readonly headline?: Piece;
  readonly date?: Piece;
  readonly source?: Piece;
  /** Body paragraphs, scraping noise and stray lines, in document order. */
  readonly body: readonly Block[];
  readonly keywordsLabel?: Piece;
  readonly keywords: readonly Piece[];
  readonly readAlso?: { readonly heading: Piece; readonly articles: readonly RelatedCard[] };
  readonly problems: readonly Problem[];
  /** Problems on lines the preview does not show (blank lines), listed apart. */
  readonly unplaced: readonly number[];
  /** Words of the headline and body, and the body's paragraphs (the status bar's figures). */
  readonly words: number;
  readonly paragraphs: number;
}

/** Latin letters and digits with the spaces and punctuation between them: `12th, June 2024 GMT`, `2024-06-12`. */
const LTR_RUN = /[A-Za-z0-9](?:[A-Za-z0-9\s,.:/-]*[A-Za-z0-9])?/g;

interface PieceDraft {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly isolateLtr: boolean;
  readonly problems: { start: number; end: number; index: number }[];
}

/** Counts the words of the main article (headline and body) and its body paragraphs. */
export function articleCounts(article: Article): { words: number; paragraphs: number } {
  let n = article.headline ? words(article.headline.text).length : 0;
  for (const p of article.body?.paragraphs ?? []) n += words(p.text).length;
  return { words: n, paragraphs: article.body?.paragraphs.length ?? 0 };
}

/** Builds the preview model of an article text and its problems. */
export function buildPreviewModel(text: string, diagnostics: readonly ProblemInput[] = []): PreviewModel {
  const article = parseArticle(text);
  const lines = article.lines;
  const drafts: PieceDraft[] = [];
  const byLine = new Map<number, PieceDraft[]>();

  const piece = (line: number, start: number, end: number, isolateLtr = false): PieceDraft => {
    const d: PieceDraft = { line, start, end: Math.max(start, end), isolateLtr, problems: [] };
    drafts.push(d);
    const list = byLine.get(line);
    if (list) list.push(d);
    else byLine.set(line, [d]);
    return d;
  };
  const ofRange = (r: Range, isolateLtr = false): PieceDraft => piece(r.start.line, r.start.character, r.end.character, isolateLtr);

  // The pieces, in reading order (the first piece of a line is its "primary" one).
  const headline = article.headline ? ofRange(article.headline.range) : undefined;
  const date = article.date ? ofRange(article.date.value.text ? article.date.value.range : article.date.marker.range, true) : undefined;
  const source = article.source ? ofRange(article.source.value.text ? article.source.value.range : article.source.marker.range) : undefined;
  const bodyDrafts: { kind: BlockKind; draft: PieceDraft; line: number }[] = [];
  for (const p of article.body?.paragraphs ?? []) bodyDrafts.push({ kind: 'paragraph', draft: ofRange(p.range), line: p.line });
  for (const b of article.boilerplate) bodyDrafts.push({ kind: 'boilerplate', draft: ofRange(b.range), line: b.line });
  for (const s of article.strayLines) bodyDrafts.push({ kind: 'stray', draft: ofRange(s.range), line: s.line });
  // A second date, source, keywords or read-also line: shown where it stands, as a stray line.
  for (const d of article.duplicates) bodyDrafts.push({ kind: 'stray', draft: ofRange(d.node.range), line: d.node.line });
  bodyDrafts.sort((a, b) => a.line - b.line);
  const keywordsLabel = article.keywords ? ofRange(article.keywords.marker.range) : undefined;
  const keywordDrafts: PieceDraft[] = [];
  if (article.keywords) {
    if (article.keywords.items.length) for (const k of article.keywords.items) keywordDrafts.push(ofRange(k.range));
    else if (article.keywords.value.text) keywordDrafts.push(ofRange(article.keywords.value.range));
  }
  const readAlso = article.readAlso
    ? {
        heading: ofRange(article.readAlso.marker.range),
        articles: article.readAlso.articles.map((a) => ({ headline: ofRange(a.headline.range), paragraphs: a.paragraphs.map((p) => ofRange(p.range)) })),
      }
    : undefined;
  // Each problem is cut to the pieces it covers, line by line.
  const problems: Problem[] = diagnostics.map((d) => ({ ...d, line: d.range.start.line }));
  const unplaced: number[] = [];
  problems.forEach((p, index) => {
    let placed = false;
    const last = Math.min(p.range.end.line, lines.length - 1);
    for (let line = Math.max(0, p.range.start.line); line <= last; line++) {
      const onLine = byLine.get(line);
      if (!onLine) continue;
      const length = lines[line]!.text.length;
      let start = line === p.range.start.line ? p.range.start.character : 0;
      let end = line === p.range.end.line ? p.range.end.character : length;
      if (end <= start) {
        // An empty range (a missing character, a position): show it on the character there.
        if (start < length) end = start + 1;
        else start = Math.max(0, end - 1);
        end = Math.max(end, start + 1);
      }
      const hit = onLine.filter((d) => start < d.end && end > d.start);
      if (hit.length) for (const d of hit) d.problems.push({ start: Math.max(start, d.start), end: Math.min(end, d.end), index });
      else {
        // On the line but outside what is shown (a marker's spelling): the line's main piece.
        const d = onLine[0]!;
        d.problems.push({ start: d.start, end: d.end, index });
      }
      placed = true;
    }
    if (!placed) unplaced.push(index);
  });

  const finish = (d: PieceDraft): Piece => ({ line: d.line, runs: runsOf(lines[d.line]!.text, d) });
  const counts = articleCounts(article);
  return {
    empty: article.empty,
    headline: headline && finish(headline),
    date: date && finish(date),
    source: source && finish(source),
    body: bodyDrafts.map((b) => ({ kind: b.kind, piece: finish(b.draft) })),
    keywordsLabel: keywordsLabel && finish(keywordsLabel),
    keywords: keywordDrafts.map(finish),
    readAlso: readAlso && {
      heading: finish(readAlso.heading),
      articles: readAlso.articles.map((a) => ({ headline: finish(a.headline), paragraphs: a.paragraphs.map(finish) })),
    },
    problems,
    unplaced,
    words: counts.words,
    paragraphs: counts.paragraphs,
  };
}

/** Cuts a piece into runs (left-to-right isolates) and segments (problem boundaries). */
function runsOf(lineText: string, d: PieceDraft): Run[] {
  const cuts = new Set<number>([d.start, d.end]);
  const ltr: [number, number][] = [];
  if (d.isolateLtr) {
    const text = lineText.slice(d.start, d.end);
    for (const m of text.matchAll(LTR_RUN)) {
      ltr.push([d.start + m.index, d.start + m.index + m[0].length]);
      cuts.add(d.start + m.index);
      cuts.add(d.start + m.index + m[0].length);
    }
  }
  for (const p of d.problems) {
    cuts.add(p.start);
    cuts.add(p.end);
  }
  const points = [...cuts].filter((c) => c >= d.start && c <= d.end).sort((a, b) => a - b);
  const runs: { ltr?: boolean; segments: Segment[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!];
    const isLtr = ltr.some(([a, b]) => s >= a && e <= b);
    const covering = d.problems.filter((p) => p.start <= s && p.end >= e).map((p) => p.index);
    const segment: Segment = covering.length ? { text: lineText.slice(s, e), problems: [...new Set(covering)] } : { text: lineText.slice(s, e) };
    const prev = runs[runs.length - 1];
    if (prev && !!prev.ltr === isLtr) prev.segments.push(segment);
    else runs.push(isLtr ? { ltr: true, segments: [segment] } : { segments: [segment] });
  }
  if (!runs.length) runs.push({ segments: [{ text: '' }] });
  return runs;
}

/** The plain text of a piece. */
export function pieceText(p: Piece | undefined): string {
  return p ? p.runs.map((r) => r.segments.map((s) => s.text).join('')).join('') : '';
}

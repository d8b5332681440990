/**
 * Completion on the article format:
 * - on the keywords line, the corpus's keywords and phrases of this article's body, matched
 *   ignoring hamza/alef forms, ى/ي, ة/ه, harakat and tatweel (typing `اسرائيل` finds `إسرائيل`),
 *   by prefix or infix, ranked so that keywords occurring in this article's body come first;
 * - on the source line, the corpus's sources;
 * - at the start of an empty line, the section markers as snippets;
 * - on the date line, today's date in the canonical form.
 */
import { normalizeArabic, words } from '../arabic';
import type { Article } from '../parse/article';
import type { CorpusLexicon } from '../corpus/lexicon';
import { formatCanonicalDate } from '../parse/date';
import { DEFAULT_MARKERS, type MarkerKind, type MarkerTokens } from '../parse/markers';
import type { MessageLanguage, Position, Range } from '../types';
import { lineRange } from '../types';

/** A completion proposal; the server maps it to LSP's `CompletionItem`. */
export interface CompletionCandidate {
  readonly label: string;
  readonly kind: 'keyword' | 'phrase' | 'source' | 'marker' | 'date';
  /** The text that replaces `range`; a snippet when `snippet` is set. */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly range: Range;
  readonly detail?: string;
  readonly documentation?: string;
  /** Sorts the list; lower first. */
  readonly sortText: string;
  /** The text the client filters on (the typed text, since matching was done here). */
  readonly filterText: string;
}

/** The result of a completion request. */
export interface CompletionResult {
  readonly items: CompletionCandidate[];
  /** True when typing more must ask again (the server filters, not the client). */
  readonly isIncomplete: boolean;
}

/** What completion needs besides the article. */
export interface CompletionContext {
  readonly lexicon?: CorpusLexicon;
  readonly markers?: MarkerTokens;
  readonly language?: MessageLanguage;
  /** The current time, for the date line. */
  readonly now?: Date;
  /** The most items returned. */
  readonly maxItems?: number;
  /** Keywords that co-occur in the corpus with the given (normalised) keywords, with counts. */
  readonly coOccurring?: (present: readonly string[]) => ReadonlyMap<string, number>;
}

/** Words too common to start or end a suggested body phrase. */
const STOPWORDS = new Set(
  'في من على إلى الى عن مع أن ان إن لا ما هذا هذه ذلك التي الذي الذين كان كانت قد قال وقال أو او ثم حتى بين بعد قبل عند كل أي اي لم لن هو هي هم وفي ومن وعلى وأن وان التى بأن كما خلال حيث منذ اليوم أمس'
    .split(' ')
    .map((w) => normalizeArabic(w)),
);

const bodyIndexCache = new WeakMap<Article, BodyIndex>();

interface BodyIndex {
  /** Normalised n-grams (1–5 words) of the headline and body. */
  readonly ngrams: Set<string>;
  /** Candidate phrases of the body with their frequency and a spelling. */
  readonly phrases: Map<string, { display: string; count: number }>;
}

/** Normalised n-grams of the main article, computed once per parse. */
function bodyIndex(article: Article): BodyIndex {
  const hit = bodyIndexCache.get(article);
  if (hit) return hit;
  const ngrams = new Set<string>();
  const phrases = new Map<string, { display: string; count: number }>();
  const texts = [article.headline?.text ?? '', ...(article.body?.paragraphs.map((p) => p.text) ?? [])];
  let budget = 200_000;
  for (const t of texts) {
    // Punctuation ends a phrase: split into clauses first.
    for (const clause of t.split(/[،,.؛;:!?؟"«»()[\]{}\u201C\u201D]+/)) {
      const ws = words(clause).map((w) => w.text);
      const norm = ws.map((w) => normalizeArabic(w));
      for (let i = 0; i < ws.length && budget > 0; i++) {
        for (let n = 1; n <= 5 && i + n <= ws.length; n++, budget--) {
          const key = norm.slice(i, i + n).join(' ');
          ngrams.add(key);
          if (n <= 3 && !STOPWORDS.has(norm[i]!) && !STOPWORDS.has(norm[i + n - 1]!) && norm.slice(i, i + n).every((w) => w.length >= 3)) {
            const e = phrases.get(key);
            if (e) e.count++;
            else phrases.set(key, { display: ws.slice(i, i + n).join(' '), count: 1 });
          }
        }
      }
    }
  }
  const index = { ngrams, phrases };
  bodyIndexCache.set(article, index);
  return index;
}

const pad = (n: number, width = 6): string => String(Math.max(0, Math.min(n, 10 ** width - 1))).padStart(width, '0');

/** Where the typed fragment starts on a keywords or source value: after the last separator or space. */
function typedFragment(lineText: string, valueStart: number, character: number, separators: RegExp): { start: number; text: string } {
  let start = character;
  while (start > valueStart && !separators.test(lineText[start - 1]!)) start--;
  return { start, text: lineText.slice(start, character) };
}

/** Computes completions at a position, or an empty result where none apply. Never throws. */
export function complete(article: Article, position: Position, context: CompletionContext = {}): CompletionResult {
  const line = article.lines[position.line];
  if (!line) return { items: [], isIncomplete: false };
  const character = Math.min(position.character, line.text.length);
  const max = context.maxItems ?? 100;

  const kw = article.keywords;
  if (kw && kw.line === position.line && character >= kw.marker.range.end.character) {
    return keywordCompletions(article, line.text, Math.max(kw.value.range.start.character, kw.marker.range.end.character), position.line, character, context, max);
  }
  const src = article.source;
  if (src && src.line === position.line && character >= src.marker.range.end.character) {
    return sourceCompletions(line.text, Math.max(src.value.range.start.character, src.marker.range.end.character), position.line, character, context, max);
  }
  const date = article.date;
  if (date && date.line === position.line && character >= date.marker.range.end.character) {
    const today = todayCanonical(context.now ?? new Date());
    const r = date.value.text ? date.value.range : lineRange(position.line, date.marker.fullRange.end.character, line.text.length);
    const typed = line.text.slice(r.start.character, character);
    return {
      items: [{ label: today, kind: 'date', insertText: today, range: r, detail: context.language === 'ar' ? 'تاريخ اليوم' : "Today's date", sortText: '0', filterText: typed || today }],
      isIncomplete: false,
    };
  }
  // The start of an empty (or just begun) line: the section markers.
  const before = line.text.slice(0, character);
  const after = line.text.slice(character);
  if (!after.trim() && !/\s/.test(before.trim()) && (position.line > 0 || before.trim() === '')) {
    return markerCompletions(article, before, position.line, context);
  }
  return { items: [], isIncomplete: false };
}

function todayCanonical(now: Date): string {
  return formatCanonicalDate({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() });
}

function keywordCompletions(
  article: Article,
  lineText: string,
  valueStart: number,
  lineNo: number,
  character: number,
  context: CompletionContext,
  max: number,
): CompletionResult {
  const fragment = typedFragment(lineText, valueStart, character, /[\s،,؛;]/);
  const query = normalizeArabic(fragment.text);
  // A multi-word keyword may be half typed: also try the last two and three words.
  const longer: { start: number; text: string; query: string }[] = [];
  let start = fragment.start;
  for (let n = 0; n < 2; n++) {
    let s = start - 1;
    while (s > valueStart && /[ \t]/.test(lineText[s - 1]!)) s--;
    while (s > valueStart && !/[\s،,؛;]/.test(lineText[s - 1]!)) s--;
    if (s < valueStart || s >= start) break;
    const text = lineText.slice(s, character);
    longer.push({ start: s, text, query: normalizeArabic(text) });
    start = s;
  }
  const present = new Set((article.keywords?.items ?? []).map((i) => normalizeArabic(i.text)));
  const body = bodyIndex(article);
  const language = context.language ?? 'en';
  const lexicon = context.lexicon;
  // Keywords that the corpus uses together with those already on the line rank higher.
  const together = present.size && context.coOccurring ? context.coOccurring([...present]) : undefined;

  // Only the best `max` candidates are kept (a bounded insertion into a sorted array), so an
  // empty query over tens of thousands of corpus keywords costs one pass and no big sort.
  const top = new TopK<Scored>(max, (a, b) => a.score - b.score || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const consider = (key: string, display: string, count: number, isPhrase: boolean): void => {
    let from = fragment.start;
    let prefix = true;
    // Prefer the longest typed span that the candidate continues.
    let long: (typeof longer)[number] | undefined;
    for (const l of longer) if (l.query && key !== l.query && key.startsWith(l.query)) long = l;
    if (long) from = long.start;
    else if (query && !key.startsWith(query)) {
      if (!key.includes(query)) return;
      prefix = false;
    }
    // Already on the line and not being typed now.
    if (present.has(key) && key !== query) return;
    const inBody = body.ngrams.has(key);
    // Rank: corpus keywords that occur in this body; other corpus keywords; then phrases of the
    // body that the corpus does not use as keywords; prefix before infix within each.
    const tier = isPhrase ? 6 + (prefix ? 0 : 1) : (inBody ? 0 : 2) + (prefix ? 0 : 1);
    const with_ = together?.get(key) ?? 0;
    // Within a tier: co-occurrence with the line's keywords first, then corpus frequency.
    top.add({ key, display, count, inBody, isPhrase, from, tier, score: tier * 1e9 - Math.min(with_, 999) * 1e6 - Math.min(count, 1e6 - 1) });
  };

  if (lexicon) for (const e of lexicon.keywords()) consider(e.normalized, e.display, e.count, false);
  // Words already on the line, so that pieces of its keywords are not offered again.
  const presentWords = new Set([...present].flatMap((k) => k.split(' ')));
  for (const [key, p] of body.phrases) {
    // A phrase is offered when the article repeats it (headline and body, or twice in the body):
    // a one-off word sequence is rarely a keyword.
    if (p.count < 2 || (lexicon && lexicon.keywordCount(key) > 0)) continue;
    if (key.split(' ').some((w) => presentWords.has(w))) continue;
    consider(key, p.display, p.count, true);
  }

  const items = top.sorted().map((s, i): CompletionCandidate => {
    const r = lineRange(lineNo, s.from, character);
    const typed = lineText.slice(s.from, character);
    const where = s.inBody ? (language === 'ar' ? 'في متن هذا الخبر' : 'in this article') : '';
    const uses = s.isPhrase
      ? language === 'ar' ? `عبارة تتكرر ${s.count} مرات في الخبر` : `phrase repeated ${s.count} times in the article`
      : language === 'ar' ? `مستخدمة في ${s.count} ${s.count === 1 ? 'خبر' : 'خبرًا'}` : `used in ${s.count} article${s.count === 1 ? '' : 's'}`;
    return {
      label: s.display,
      kind: s.isPhrase ? 'phrase' : 'keyword',
      insertText: s.display,
      range: r,
      detail: where ? `${uses} · ${where}` : uses,
      sortText: `${s.tier}${pad(i)}`,
      filterText: typed || s.display,
    };
  });
  return { items, isIncomplete: true };
}

interface Scored {
  readonly key: string;
  readonly display: string;
  readonly count: number;
  readonly inBody: boolean;
  readonly isPhrase: boolean;
  readonly from: number;
  readonly tier: number;
  readonly score: number;
}

/** Keeps the `k` smallest items under `compare`. */
class TopK<T> {
  private readonly items: T[] = [];
  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    const items = this.items;
    if (items.length >= this.k && this.compare(item, items[items.length - 1]!) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(items[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    if (items.length > this.k) items.pop();
  }

  sorted(): T[] {
    return this.items;
  }
}

function sourceCompletions(lineText: string, valueStart: number, lineNo: number, character: number, context: CompletionContext, max: number): CompletionResult {
  const typed = lineText.slice(valueStart, character);
  const query = normalizeArabic(typed);
  const language = context.language ?? 'en';
  const list = context.lexicon ? [...context.lexicon.sources()].filter((e) => !query || e.normalized.includes(query)) : [];
  list.sort((a, b) => Number(b.normalized.startsWith(query)) - Number(a.normalized.startsWith(query)) || b.count - a.count || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const r = lineRange(lineNo, valueStart, lineText.length);
  return {
    items: list.slice(0, max).map((e, i) => ({
      label: e.display,
      kind: 'source' as const,
      insertText: e.display,
      range: r,
      detail: language === 'ar' ? `مصدر ${e.count} ${e.count === 1 ? 'خبر' : 'خبرًا'}` : `source of ${e.count} article${e.count === 1 ? '' : 's'}`,
      sortText: pad(i),
      filterText: typed || e.display,
    })),
    isIncomplete: true,
  };
}

const MARKER_ORDER: readonly Exclude<MarkerKind, 'boilerplate'>[] = ['date', 'source', 'keywords', 'readAlso'];

function markerCompletions(article: Article, typed: string, lineNo: number, context: CompletionContext): CompletionResult {
  const markers = context.markers ?? DEFAULT_MARKERS;
  const language = context.language ?? 'en';
  const query = normalizeArabic(typed);
  const today = todayCanonical(context.now ?? new Date());
  const present: Record<string, boolean> = { date: !!article.date, source: !!article.source, keywords: !!article.keywords, readAlso: !!article.readAlso };
  const docs: Record<string, { en: string; ar: string }> = {
    date: { en: 'Date line', ar: 'سطر تاريخ النشر' },
    source: { en: 'Source line', ar: 'سطر المصدر' },
    keywords: { en: 'Keywords line', ar: 'سطر الكلمات الدلالية' },
    readAlso: { en: 'Read-also section', ar: 'قسم «إقرأ أيضاً»' },
  };
  const items: CompletionCandidate[] = [];
  MARKER_ORDER.forEach((kind, i) => {
    const token = markers[kind];
    if (query && !normalizeArabic(token).startsWith(query)) return;
    const body = kind === 'date' ? `${token} \${1:${today}}` : kind === 'readAlso' ? `${token}\n\${1}` : `${token} \${1}`;
    items.push({
      label: token,
      kind: 'marker',
      insertText: body,
      snippet: true,
      range: lineRange(lineNo, 0, typed.length),
      detail: docs[kind]![language],
      sortText: `${present[kind] ? 1 : 0}${i}`,
      filterText: typed || token,
    });
  });
  return { items, isIncomplete: false };
}

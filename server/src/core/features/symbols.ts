/**
 * The outline of an article: the headline as the root (the date as its detail), and under it
 * the date, the body (its paragraphs as children), the source, the keywords (each keyword a
 * child) and the read-also section (each related article a child, named by its headline).
 */
import { type Article, isBlank } from '../parse/article';
import type { MessageLanguage, Range } from '../types';
import { range } from '../types';
import { SymbolKind, type SymbolKindValue } from './symbolKind';
import { isoDate } from '../parse/date';

/** A node of the outline; the same shape as LSP's `DocumentSymbol`. */
export interface ArticleSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKindValue;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: ArticleSymbol[];
}

const LABELS = {
  en: { noHeadline: '(no headline)', date: 'Date', body: 'Body', source: 'Source', keywords: 'Keywords', readAlso: 'Read also', paragraphs: (n: number) => `${n} paragraph${n === 1 ? '' : 's'}`, articles: (n: number) => `${n} article${n === 1 ? '' : 's'}`, keywordsCount: (n: number) => `${n} keyword${n === 1 ? '' : 's'}` },
  ar: { noHeadline: '(بلا عنوان)', date: 'التاريخ', body: 'المتن', source: 'المصدر', keywords: 'الكلمات الدلالية', readAlso: 'إقرأ أيضاً', paragraphs: (n: number) => `${n} ${n === 1 ? 'فقرة' : n === 2 ? 'فقرتان' : n <= 10 ? 'فقرات' : 'فقرة'}`, articles: (n: number) => `${n} ${n === 1 ? 'خبر' : n === 2 ? 'خبران' : n <= 10 ? 'أخبار' : 'خبرًا'}`, keywordsCount: (n: number) => `${n} ${n === 1 ? 'كلمة' : n === 2 ? 'كلمتان' : n <= 10 ? 'كلمات' : 'كلمة'}` },
};

/**
 * A left-to-right mark before a detail: outline rows put the detail beside an Arabic name, and
 * without it the bidi algorithm reorders "2024-06-12" into "12-06-2024" and glues numbers to
 * the Arabic text.
 */
const LRM = '\u200E';
const ltr = (detail: string | undefined): string | undefined => (detail === undefined ? undefined : LRM + detail);

/** The first words of a paragraph, for its outline name. */
function excerpt(text: string, maxChars = 60): string {
  // Only the start matters: never normalise a whole megabyte line for a label.
  const t = text.slice(0, maxChars * 4).trim().replace(/\s+/g, ' ');
  if (t.length <= maxChars) return t;
  const cut = t.lastIndexOf(' ', maxChars);
  return t.slice(0, cut > 20 ? cut : maxChars) + '…';
}

/** The end of the last non-blank line. */
function contentEnd(article: Article): { line: number; character: number } {
  for (let i = article.lines.length - 1; i >= 0; i--) {
    const l = article.lines[i]!;
    if (!isBlank(l.text)) return { line: i, character: l.text.length };
  }
  return { line: 0, character: 0 };
}

/** Builds the outline, capped at `maxSymbols` nodes in total. */
export function documentSymbols(article: Article, language: MessageLanguage = 'en', maxSymbols = 5000): ArticleSymbol[] {
  if (article.empty) return [];
  const L = LABELS[language];
  let budget = maxSymbols;
  let truncated = false;
  const take = (): boolean => {
    if (budget-- > 0) return true;
    truncated = true;
    return false;
  };
  const children: ArticleSymbol[] = [];

  if (article.date && take()) {
    const d = article.date;
    children.push({
      name: L.date,
      detail: ltr(d.parsed.date ? isoDate(d.parsed.date) : d.value.text),
      kind: SymbolKind.Event,
      range: d.range,
      selectionRange: d.value.text ? d.value.range : d.marker.range,
      children: [],
    });
  }
  if (article.body && take()) {
    const b = article.body;
    const paragraphs: ArticleSymbol[] = [];
    b.paragraphs.forEach((p, i) => {
      // Keep room for the sections after the body, so that a huge body never hides them.
      if (budget <= 10) {
        truncated = true;
        return;
      }
      if (!take()) return;
      paragraphs.push({ name: `${i + 1}. ${excerpt(p.text, 40)}`, kind: SymbolKind.String, range: p.range, selectionRange: p.range, children: [] });
    });
    children.push({ name: L.body, detail: ltr(L.paragraphs(b.paragraphs.length)), kind: SymbolKind.Namespace, range: b.range, selectionRange: b.paragraphs[0]!.range, children: paragraphs });
  }
  if (article.source && take()) {
    const s = article.source;
    children.push({ name: L.source, detail: s.value.text, kind: SymbolKind.Constant, range: s.range, selectionRange: s.value.text ? s.value.range : s.marker.range, children: [] });
  }
  if (article.keywords && take()) {
    const k = article.keywords;
    const items: ArticleSymbol[] = [];
    for (const item of k.items) {
      if (!take()) break;
      items.push({ name: item.text, kind: SymbolKind.Key, range: item.range, selectionRange: item.range, children: [] });
    }
    children.push({ name: L.keywords, detail: ltr(L.keywordsCount(k.items.length)), kind: SymbolKind.Field, range: k.range, selectionRange: k.marker.range, children: items });
  }
  if (article.readAlso && take()) {
    const r = article.readAlso;
    const related: ArticleSymbol[] = [];
    for (const a of r.articles) {
      if (!take()) break;
      related.push({ name: excerpt(a.headline.text, 80), detail: ltr(L.paragraphs(a.paragraphs.length)), kind: SymbolKind.Module, range: a.range, selectionRange: a.headline.range, children: [] });
    }
    children.push({ name: L.readAlso, detail: ltr(L.articles(r.articles.length)), kind: SymbolKind.Package, range: r.sectionRange, selectionRange: r.marker.range, children: related });
  }

  if (budget < 0 || truncated) {
    // Say what was left out rather than silently truncating the outline.
    const total = 6 + (article.body?.paragraphs.length ?? 0) + (article.keywords?.items.length ?? 0) + (article.readAlso?.articles.length ?? 0);
    const last = children[children.length - 1];
    const where = last?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    children.push({
      name: language === 'ar' ? `(رموز كثيرة جدًا: يظهر ${maxSymbols} من ${total})` : `(too many symbols: showing ${maxSymbols} of ${total})`,
      kind: SymbolKind.String,
      range: { start: where.end, end: where.end },
      selectionRange: { start: where.end, end: where.end },
      children: [],
    });
  }
  const end = contentEnd(article);
  const start = article.headline?.range.start ?? { line: 0, character: 0 };
  const whole = range(start.line, start.character, end.line, end.character);
  const h = article.headline;
  const dateDetail = article.date?.parsed.date ? isoDate(article.date.parsed.date) : article.date?.value.text;
  return [
    {
      name: h ? excerpt(h.text, 120) : L.noHeadline,
      detail: ltr(dateDetail),
      kind: SymbolKind.File,
      range: whole,
      selectionRange: h ? h.range : range(start.line, start.character, start.line, start.character),
      children,
    },
  ];
}

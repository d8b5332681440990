/** Hover on the date line: the date in ISO form with its weekday, in English and Arabic. */
import type { Article } from '../parse/article';
import { arabicMonthName, isoDate, weekdayOf } from '../parse/date';
import type { MessageLanguage, Position, Range } from '../types';
import { rangeContains } from '../types';
import type { CorpusIndex } from '../corpus/index';
import { normalizeArabic } from '../arabic';
import type { ArticleSummary } from '../corpus/summary';
import { keywordAt } from './navigation';

/** Hover content as Markdown with the range it applies to. */
export interface ArticleHover {
  readonly markdown: string;
  readonly range: Range;
}

const toArabicDigits = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

/** What hover can use besides the article. */
export interface HoverContext {
  readonly index?: CorpusIndex;
  readonly language?: MessageLanguage;
}

/** How many articles, and their first and last dates. */
function usage(summaries: readonly ArticleSummary[], language: MessageLanguage): string {
  const dates = summaries.map((s) => s.date).filter((d): d is string => !!d).sort();
  const n = summaries.length;
  if (language === 'ar') {
    const span = dates.length ? `، من ${dates[0]} إلى ${dates[dates.length - 1]}` : '';
    return `في ${n} ${n === 1 ? 'خبر' : 'خبرًا'} من المدونة${span}`;
  }
  const span = dates.length ? `, from ${dates[0]} to ${dates[dates.length - 1]}` : '';
  return `in ${n} article${n === 1 ? '' : 's'} of the corpus${span}`;
}

/** The hover at a position, or undefined. */
export function hover(article: Article, position: Position, context: HoverContext = {}): ArticleHover | undefined {
  const language = context.language ?? 'en';
  const index = context.index;
  if (index) {
    const item = keywordAt(article, position);
    if (item) {
      const normalized = normalizeArabic(item.text);
      const users = index.byKeyword(normalized);
      const all = index.keywordSpellings(item.text);
      for (const [sp, c] of index.keywordTransliterations(item.text)) if (!all.has(sp)) all.set(sp, c);
      const spellings = [...all].sort((a, b) => b[1] - a[1]);
      const lines = [`**${item.text}**: ${language === 'ar' ? 'كلمة دلالية' : 'keyword'} ${usage(users, language)}`];
      if (spellings.length > 1) {
        lines.push('', (language === 'ar' ? 'الإملاءات في المدونة: ' : 'Spellings in the corpus: ') + spellings.map(([s, c]) => `${s} (${c})`).join(' · '));
      }
      return { markdown: lines.join('\n'), range: item.range };
    }
    const src = article.source;
    if (src && src.value.text && src.line === position.line && rangeContains(src.value.range, position)) {
      const normalized = normalizeArabic(src.value.text);
      const users = [...index.all()].filter((s) => s.source && normalizeArabic(s.source) === normalized);
      return { markdown: `**${src.value.text}**: ${language === 'ar' ? 'مصدر' : 'source'} ${usage(users, language)}`, range: src.value.range };
    }
  }
  const d = article.date;
  if (!d || d.line !== position.line || !rangeContains(d.range, position)) return undefined;
  const p = d.parsed;
  if (!p.date) return undefined;
  const iso = isoDate(p.date);
  const wd = weekdayOf(p.date);
  const arabic = `${wd.ar} ${toArabicDigits(String(p.date.day))} ${arabicMonthName(p.date.month)} ${toArabicDigits(String(p.date.year))}`;
  const lines = [`**${iso}** · ${wd.en}`, '', `\u200F${arabic}`];
  if (p.hijri) lines.push('', `Hijri (Umm al-Qura): ${p.hijri.year}-${String(p.hijri.month).padStart(2, '0')}-${String(p.hijri.day).padStart(2, '0')}`);
  return { markdown: lines.join('\n'), range: d.value.text ? d.value.range : d.range };
}

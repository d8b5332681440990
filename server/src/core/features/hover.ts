/** Hover on the date line: the date in ISO form with its weekday, in English and Arabic. */
import type { Article } from '../parse/article';
import { arabicMonthName, isoDate, weekdayOf } from '../parse/date';
import type { Position, Range } from '../types';
import { rangeContains } from '../types';

/** Hover content as Markdown with the range it applies to. */
export interface ArticleHover {
  readonly markdown: string;
  readonly range: Range;
}

const toArabicDigits = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

/** The hover at a position, or undefined. */
export function hover(article: Article, position: Position): ArticleHover | undefined {
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

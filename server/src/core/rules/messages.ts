/** Shared message fragments for the structural rules. */
import type { LocalizedText } from '../types';
import type { SectionKind } from '../parse/article';

/** Names of the sections in both languages. */
export const SECTION_NAMES: Readonly<Record<SectionKind, LocalizedText>> = {
  headline: { en: 'headline', ar: 'العنوان' },
  date: { en: 'date line', ar: 'سطر تاريخ النشر' },
  boilerplate: { en: 'app boilerplate line', ar: 'سطر دعاية التطبيق' },
  body: { en: 'body', ar: 'متن الخبر' },
  source: { en: 'source line', ar: 'سطر المصدر' },
  keywords: { en: 'keywords line', ar: 'سطر الكلمات الدلالية' },
  readAlso: { en: 'read-also section', ar: 'قسم «إقرأ أيضاً»' },
};

/** Where each section belongs, said for a person. */
export const SECTION_PLACE: Readonly<Record<SectionKind, LocalizedText>> = {
  headline: { en: 'on the first line', ar: 'في السطر الأول' },
  date: { en: 'right after the headline', ar: 'بعد العنوان مباشرة' },
  boilerplate: { en: 'after the date line', ar: 'بعد سطر التاريخ' },
  body: { en: 'after the date line', ar: 'بعد سطر التاريخ' },
  source: { en: 'after the last body paragraph', ar: 'بعد آخر فقرة من المتن' },
  keywords: { en: 'right after the source line', ar: 'بعد سطر المصدر مباشرة' },
  readAlso: { en: 'after the keywords line', ar: 'بعد سطر الكلمات الدلالية' },
};

/** Joins a message from parts in each language. */
export function text(en: string, ar: string): LocalizedText {
  return { en, ar };
}

import type { Rule } from '../rule';
import { text } from '../messages';
import { scriptCounts } from '../../arabic';
import { type LineText, mainSpans, spanRange } from './shared';

/** The default minimum number of Latin letters before a paragraph is judged. */
export const DEFAULT_MIN_LETTERS = 20;

const LATIN = /[A-Za-z]/g;

/**
 * Whether a text is mostly Latin script: more Latin letters than Arabic ones, and at least
 * `minLetters` Latin letters (so a short English name or an acronym in an Arabic sentence, or a
 * line of a few letters, never counts). Latin letters are counted first (or taken from the
 * spans' census), so an Arabic paragraph costs little.
 */
export function mostlyLatin(t: string, minLetters = DEFAULT_MIN_LETTERS, latinLetters?: number): { latin: number; arabic: number } | undefined {
  let latin = latinLetters ?? 0;
  if (latinLetters === undefined) {
    LATIN.lastIndex = 0;
    while (LATIN.exec(t) !== null) latin++;
  }
  if (latin < minLetters) return undefined;
  const counts = scriptCounts(t);
  return counts.latin > counts.arabic ? counts : undefined;
}

function minLettersOption(options: Readonly<Record<string, unknown>>): number {
  const v = options['minLetters'];
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : DEFAULT_MIN_LETTERS;
}

/** AN215: a paragraph of the main article written mostly in Latin script. */
export const nonArabicText: Rule = {
  id: 'AN215',
  name: 'non-arabic-text',
  defaultSeverity: 'info',
  tags: ['content', 'language'],
  summary: 'A headline or body paragraph is mostly in Latin script.',
  fixable: false,
  docs: {
    description:
      'An Arabic news corpus expects Arabic text. A headline or body paragraph with more Latin letters than Arabic ones (and at least 20 of them, option `minLetters`) is usually an English summary, a photo caption, a cookie notice or an embedded post the scraper kept, or a whole article in another language filed in the wrong corpus. Short English names, acronyms and handles inside an Arabic paragraph do not count. When every judged paragraph of the article is Latin, the rule reports the article once, on the headline. The read-also section is not checked: its articles are separate records.',
    bad: 'وأكد الوزير أن الحكومة ماضية في الإصلاحات.\nClick here to subscribe to our newsletter and receive the latest news.',
    good: 'وأكد الوزير أن الحكومة ماضية في الإصلاحات.',
  },
  check({ article, options }, report) {
    const min = minLettersOption(options);
    const paragraphs = mainSpans(article);
    const latin: { span: LineText; latin: number; arabic: number }[] = [];
    const others: LineText[] = [];
    for (const p of paragraphs) {
      // The census counted the Latin letters already: most paragraphs stop there.
      const counts = mostlyLatin(p.text, min, p.latin);
      if (counts) latin.push({ span: p, ...counts });
      else others.push(p);
    }
    if (latin.length === 0) return;
    const headline = latin[0]!.span.kind === 'headline' ? latin[0]!.span : undefined;
    // The whole article in Latin: the headline and every other line with enough letters to judge.
    if (headline && latin.length >= 2 && others.every((p) => scriptCounts(p.text).arabic < min)) {
      report({
        range: spanRange(headline, 0, headline.text.length),
        message: text(
          `The whole article is in Latin script (${latin.length} of its ${paragraphs.length} lines, none in Arabic): it does not belong in an Arabic corpus, or it was scraped from the wrong language edition of the site. Remove it, or replace it with the Arabic version.`,
          `الخبر كله مكتوب بالحروف اللاتينية (${latin.length} من أصل ${paragraphs.length} بين العنوان والفقرات، ولا شيء منها بالعربية): فليس مكانه مدونة عربية، أو كُشط من نسخة الموقع بلغة أخرى. احذفه أو ضع مكانه النسخة العربية.`,
        ),
      });
      return;
    }
    for (const l of latin) {
      const isHeadline = l.span.kind === 'headline';
      const counts = { en: `${l.latin} Latin letters, ${l.arabic} Arabic`, ar: `الحروف اللاتينية: ${l.latin}، والعربية: ${l.arabic}` };
      report({
        range: spanRange(l.span, 0, l.span.text.length),
        message: text(
          isHeadline
            ? `This headline is mostly in Latin script (${counts.en}): an English title or a scraping leftover in an Arabic article. Translate it into Arabic.`
            : `This paragraph is mostly in Latin script (${counts.en}): an English passage or a scraping leftover (a caption, a notice, an embedded post) in an Arabic article. Translate it, or delete it if it is not part of the article.`,
          isHeadline
            ? `هذا العنوان مكتوب في معظمه بالحروف اللاتينية (${counts.ar}): نص إنجليزي أو بقايا كشط في خبر عربي. ترجمه إلى العربية.`
            : `هذه الفقرة مكتوبة في معظمها بالحروف اللاتينية (${counts.ar}): نص إنجليزي أو بقايا كشط (تعليق صورة، إشعار، منشور مضمّن) في خبر عربي. ترجمها، أو احذفها إن لم تكن من الخبر.`,
        ),
      });
    }
  },
};

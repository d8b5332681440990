import type { Rule } from '../rule';
import { text } from '../messages';
import { isArabicLetter } from '../../arabic';
import { isSpace } from './shared';

/** The default minimum number of words in a body. */
export const DEFAULT_MIN_WORDS = 30;

/**
 * Counts words: runs of non-space characters holding at least one letter or digit, so that a
 * lone dash, `..` or an emoji is not a word. One pass over the code units.
 */
export function countWords(t: string): number {
  let n = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isSpace(c) || c === 0x0a || c === 0x0d) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (!counted && (isArabicLetter(c) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9) || (c >= 0xc0 && c <= 0x024f))) {
      counted = true;
      n++;
    }
  }
  return n;
}

/** The `minWords` option, or the default when it is missing or not a usable number. */
export function minWordsOption(options: Readonly<Record<string, unknown>>): number {
  const v = options['minWords'];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : DEFAULT_MIN_WORDS;
}

const arWords = (n: number): string => (n === 1 ? 'كلمة واحدة' : n === 2 ? 'كلمتان' : n % 100 >= 3 && n % 100 <= 10 ? `${n} كلمات` : n % 100 >= 11 ? `${n} كلمة` : n === 0 ? 'صفر كلمة' : `${n} كلمة`);

/** AN214: a body too short to be an article. */
export const bodyTooShort: Rule = {
  id: 'AN214',
  name: 'body-too-short',
  defaultSeverity: 'off',
  tags: ['content', 'structure'],
  summary: 'The body has fewer words than the corpus expects (option `minWords`, default 30).',
  fixable: false,
  docs: {
    description:
      'A news article has a body of a few paragraphs; a body of one line or a few words is usually a failed scrape (the page held a video, a photo gallery or a teaser, or the scraper lost the text behind a "read more" link). The rule counts the words of the body paragraphs (a word holds at least one letter or digit) and reports, on the headline, a body of fewer than `minWords` words (default 30). An article with no body at all is AN105\'s. Off by default, since what counts as too short depends on the corpus: turn it on with `{"AN214": {"severity": "warning", "options": {"minWords": 50}}}`.',
    bad: 'الأهلي يفوز على الزمالك في قمة الدوري\nتاريخ النشر: 3rd, October 2024 GMT\nفاز الأهلي على الزمالك بهدفين نظيفين.',
    good: 'الأهلي يفوز على الزمالك في قمة الدوري\nتاريخ النشر: 3rd, October 2024 GMT\nفاز الأهلي على الزمالك بهدفين نظيفين، مساء الجمعة، في قمة الجولة العاشرة من الدوري المصري الممتاز على ستاد القاهرة الدولي.\nوسجل هدفي المباراة مهاجم الفريق في الشوط الثاني، ليرفع الأهلي رصيده إلى 25 نقطة في صدارة الترتيب.',
  },
  check({ article, options }, report) {
    const body = article.body;
    if (!body) return;
    const min = minWordsOption(options);
    let words = 0;
    for (const p of body.paragraphs) {
      words += countWords(p.text);
      if (words >= min) return;
    }
    const at = article.headline ?? body.paragraphs[0]!;
    report({
      range: at.range,
      message: text(
        `The body has ${words === 1 ? '1 word' : `${words} words`}, fewer than the ${min} this corpus expects: the scrape probably lost the article's text. Complete the body from the source page, or drop the article.`,
        `في المتن ${arWords(words)} فقط، وهو أقل من ${arWords(min)} تتوقعها هذه المدونة: الأرجح أن الكشط أضاع نص الخبر. أكمل المتن من صفحة المصدر، أو استبعد الخبر.`,
      ),
    });
  },
};

import type { Rule } from '../rule';
import { text } from '../messages';
import { isArabicLetter, isArabicMark } from '../../arabic';
import { HAS_LATIN_PUNCTUATION, MAX_FINDINGS_PER_LINE, contentSpans, isSpace, spanRange } from './shared';

const QUICK = /[,;?]/;
/** A comma, a semicolon, or a question mark with the `?` and `!` that follow it. */
const PUNCT = /[,;]|\?[?!]*/g;

const CLOSING = new Set([0x22, 0xbb, 0x201d, 0x29, 0x5d]);
const OPENING = new Set([0x22, 0xab, 0x201c, 0x28, 0x5b]);

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9);
const isLatin = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/** The Arabic replacement of each Latin mark. */
const ARABIC: Readonly<Record<string, string>> = { ',': '\u060C', ';': '\u061B', '?': '\u061F' };

/** A Latin mark standing in Arabic text: where, which, and what it becomes. */
export interface LatinMark {
  readonly index: number;
  readonly text: string;
  readonly replacement: string;
}

/**
 * Finds `,` `;` `?` written between Arabic words: an Arabic letter before (across spaces,
 * harakat, tatweel and closing quotes) and, after, an Arabic letter or a digit (across spaces
 * and opening quotes). A question mark needs no word after it: at the end of an Arabic
 * sentence it is `؟` too, unless Latin text follows. Numbers (`1,000`) and Latin text never match.
 */
export function findLatinPunctuation(t: string, limit = Infinity): LatinMark[] {
  if (!QUICK.test(t)) return [];
  const out: LatinMark[] = [];
  PUNCT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = PUNCT.exec(t)) !== null) {
    const i = m.index;
    const question = m[0][0] === '?';
    let j = i - 1;
    while (j >= 0) {
      const c = t.charCodeAt(j);
      if (isSpace(c) || isArabicMark(c) || c === 0x0640 || CLOSING.has(c)) j--;
      else break;
    }
    if (j < 0 || !isArabicLetter(t.charCodeAt(j))) continue;
    let k = i + m[0].length;
    while (k < t.length) {
      const c = t.charCodeAt(k);
      if (isSpace(c) || OPENING.has(c) || (question && (CLOSING.has(c) || c === 0x2e || c === 0x061f || c === 0x21))) k++;
      else break;
    }
    const next = k < t.length ? t.charCodeAt(k) : -1;
    const ok = question ? next === -1 || !isLatin(next) : next !== -1 && (isArabicLetter(next) || isDigit(next));
    if (!ok) continue;
    out.push({ index: i, text: m[0], replacement: m[0].replace(/[,;?]/g, (ch) => ARABIC[ch]!) });
  }
  return out;
}

const NAMES: Readonly<Record<string, { en: string; ar: string; arabic: string }>> = {
  ',': { en: 'comma', ar: 'الفاصلة اللاتينية', arabic: '،' },
  ';': { en: 'semicolon', ar: 'الفاصلة المنقوطة اللاتينية', arabic: '؛' },
  '?': { en: 'question mark', ar: 'علامة الاستفهام اللاتينية', arabic: '؟' },
};

/** The words around a mark, for the message: the word before it and the word after it. */
function context(t: string, index: number, length: number): string {
  let a = index;
  while (a > 0 && isSpace(t.charCodeAt(a - 1))) a--;
  while (a > 0 && !isSpace(t.charCodeAt(a - 1)) && index - a < 24) a--;
  let b = index + length;
  while (b < t.length && isSpace(t.charCodeAt(b))) b++;
  while (b < t.length && !isSpace(t.charCodeAt(b)) && b - index < 24) b++;
  return t.slice(a, b).replace(/^["«“([]+/, '').replace(/["»”)\]]+$/, '');
}

/** AN208: Latin `,` `;` `?` inside Arabic text. */
export const latinPunctuation: Rule = {
  id: 'AN208',
  name: 'latin-punctuation',
  defaultSeverity: 'off',
  tags: ['content', 'style', 'punctuation'],
  summary: 'A Latin comma, semicolon or question mark stands between Arabic words.',
  fixable: true,
  docs: {
    description:
      'Arabic has its own comma `،`, semicolon `؛` and question mark `؟`. Text typed on a Latin keyboard layout, or pasted through some publishing systems, carries `,` `;` `?` instead. The rule reports such a mark when an Arabic letter stands before it and an Arabic word (or a number) after it, ignoring spaces, harakat and quotation marks; a question mark at the end of an Arabic sentence counts too. Marks inside numbers (`1,000`) or next to Latin text are left alone, and so are the date, source and keywords lines (keyword separators have their own configuration). This is a matter of house style, off by default: turn it on for a corpus that wants one consistent punctuation, which also makes sentence splitting and tokenisation of the corpus more reliable.',
    bad: 'وقال الوزير, في مؤتمر صحفي, إن الحكومة ستخفض العجز; فهل تنجح الخطة?',
    good: 'وقال الوزير، في مؤتمر صحفي، إن الحكومة ستخفض العجز؛ فهل تنجح الخطة؟',
    fix: 'Replaces the mark with its Arabic counterpart: `,` with `،`, `;` with `؛`, `?` with `؟`.',
  },
  check({ article }, report) {
    for (const span of contentSpans(article, false)) {
      if (!(span.flags & HAS_LATIN_PUNCTUATION)) continue;
      for (const mark of findLatinPunctuation(span.text, MAX_FINDINGS_PER_LINE)) {
        const name = NAMES[mark.text[0]!]!;
        const where = context(span.text, mark.index, mark.text.length);
        const range = spanRange(span, mark.index, mark.text.length);
        report({
          range,
          message: text(
            `Latin ${name.en} "${mark.text}" in Arabic text ("${where}"). Write "${mark.replacement}" instead.`,
            `${name.ar} «${mark.text}» في نص عربي («${where}»). اكتب «${mark.replacement}» بدلًا منها.`,
          ),
          fixes: [
            {
              title: text(`Replace with "${mark.replacement}"`, `استبدل بها «${mark.replacement}»`),
              edits: [{ range, newText: mark.replacement }],
              safe: true,
              preferred: true,
              format: false,
            },
          ],
        });
      }
    }
  },
};

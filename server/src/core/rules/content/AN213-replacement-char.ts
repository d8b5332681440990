import type { Rule } from '../rule';
import { text } from '../messages';
import type { LocalizedText } from '../../types';
import { lineRange } from '../../types';
import { isArabicLetter } from '../../arabic';
import { arCount, isArabicWordChar, plural } from './shared';

const REPLACEMENT = '\uFFFD';

/** What the U+FFFD of one line look like, and the likeliest cause. */
export type ReplacementCause = 'legacy-encoding' | 'legacy-words' | 'truncated' | 'inside-words';

/** The runs of U+FFFD in a line and what they suggest. */
export interface ReplacementReport {
  readonly runs: readonly { index: number; length: number }[];
  readonly count: number;
  readonly cause: ReplacementCause;
}

/**
 * Finds U+FFFD in a line and guesses where it came from:
 * - most of the line's letters are U+FFFD, or whole words are made of them: text in a legacy
 *   single-byte encoding (Windows-1256, ISO-8859-6) decoded as UTF-8, which turns every Arabic
 *   byte into U+FFFD but keeps ASCII spaces and punctuation, hence the words of U+FFFD;
 * - one U+FFFD ending the line after a letter: the text was cut inside a multi-byte character;
 * - U+FFFD inside otherwise readable Arabic words: damaged bytes in those words (a fragment in
 *   another encoding, or bytes lost in transfer).
 */
export function findReplacementChars(t: string): ReplacementReport | undefined {
  let i = t.indexOf(REPLACEMENT);
  if (i < 0) return undefined;
  const runs: { index: number; length: number }[] = [];
  let count = 0;
  let wholeWords = 0;
  while (i >= 0) {
    let j = i;
    while (j < t.length && t.charCodeAt(j) === 0xfffd) j++;
    runs.push({ index: i, length: j - i });
    count += j - i;
    const before = i > 0 ? t.charCodeAt(i - 1) : -1;
    const after = j < t.length ? t.charCodeAt(j) : -1;
    if (j - i >= 2 && !(before !== -1 && isArabicWordChar(before)) && !(after !== -1 && isArabicWordChar(after))) wholeWords++;
    i = t.indexOf(REPLACEMENT, j);
  }
  let arabic = 0;
  for (let k = 0; k < t.length; k++) if (isArabicLetter(t.charCodeAt(k))) arabic++;
  let cause: ReplacementCause;
  if (count >= 3 && count >= arabic) cause = 'legacy-encoding';
  else if (wholeWords > 0) cause = 'legacy-words';
  else {
    const last = runs[runs.length - 1]!;
    const atEnd = runs.length === 1 && last.length <= 3 && last.index + last.length === t.trimEnd().length && last.index > 0 && isArabicWordChar(t.charCodeAt(last.index - 1));
    cause = atEnd ? 'truncated' : 'inside-words';
  }
  return { runs, count, cause };
}

const CAUSES: Readonly<Record<ReplacementCause, LocalizedText>> = {
  'legacy-encoding': {
    en: 'Most of the line is lost: it was probably written in a legacy single-byte encoding (Windows-1256 or ISO-8859-6) and decoded as UTF-8, which turns every Arabic letter into U+FFFD. Decode the original file or page again with its real encoding',
    ar: 'ضاع أغلب السطر: الأرجح أنه كان بترميز قديم أحادي البايت (Windows-1256 أو ISO-8859-6) فقُرئ على أنه UTF-8، فصار كل حرف عربي U+FFFD. أعد فك ترميز الملف أو الصفحة الأصلية بترميزها الصحيح',
  },
  'legacy-words': {
    en: 'Whole words are lost: they were probably in a legacy single-byte encoding (Windows-1256) inside UTF-8 text. Take these words again from the source',
    ar: 'ضاعت كلمات كاملة: الأرجح أنها كانت بترميز قديم أحادي البايت (Windows-1256) وسط نص بترميز UTF-8. انقل هذه الكلمات من المصدر من جديد',
  },
  truncated: {
    en: 'The line ends inside a character: the text was probably cut at a byte limit in the middle of a multi-byte UTF-8 letter. Complete the last word from the source',
    ar: 'ينتهي السطر في منتصف حرف: الأرجح أن النص قُطع عند حد من البايتات في منتصف حرف متعدد البايتات في UTF-8. أكمل الكلمة الأخيرة من المصدر',
  },
  'inside-words': {
    en: 'Letters inside words are lost: the bytes of those letters were not valid UTF-8 (a fragment in another encoding such as Windows-1256, or bytes damaged in transfer). Restore the words from the source',
    ar: 'ضاعت حروف داخل الكلمات: لم تكن بايتات هذه الحروف UTF-8 صالحًا (جزء بترميز آخر مثل Windows-1256، أو بايتات تلفت أثناء النقل). استعد الكلمات من المصدر',
  },
};

/** AN213: U+FFFD, text already lost to a bad decode. */
export const replacementChar: Rule = {
  id: 'AN213',
  name: 'replacement-char',
  defaultSeverity: 'error',
  tags: ['content', 'encoding'],
  summary: 'The replacement character U+FFFD (�) marks text already lost to a bad decode.',
  fixable: false,
  docs: {
    description:
      'A decoder writes U+FFFD (�) where it meets bytes that are not valid in the encoding it was told to use; the original letters are gone from the text and no tool can bring them back. The rule reports each line that holds the character, once, with the likeliest cause: most of the line or whole words lost (a legacy single-byte encoding such as Windows-1256 decoded as UTF-8), the line ending inside a letter (text cut at a byte limit), or letters lost inside words (damaged bytes). The only repair is to decode the original page or file again, or to copy the text from the source. Question marks (`؟؟؟` or `???`) left by an encoder that could not write Arabic are a different loss and are not reported here.',
    bad: 'وقال وزير المالية إن ���� ������ ستنخفض خلال العام المقبل.',
    good: 'وقال وزير المالية إن نسبة البطالة ستنخفض خلال العام المقبل.',
  },
  check({ article }, report) {
    for (const line of article.lines) {
      const found = findReplacementChars(line.text);
      if (!found) continue;
      const first = found.runs[0]!;
      const last = found.runs[found.runs.length - 1]!;
      const cause = CAUSES[found.cause];
      report({
        range: lineRange(line.index, first.index, last.index + last.length),
        message: text(
          `${plural(found.count, 'replacement character', 'replacement characters')} (U+FFFD, �) in this line. ${cause.en}.`,
          `في هذا السطر ${arCount(found.count, { one: 'محرف استبدال واحد', two: 'محرفا استبدال', few: 'محارف استبدال', many: 'محرف استبدال', hundred: 'محرف استبدال' })} (U+FFFD، �). ${cause.ar}.`,
        ),
      });
    }
  },
};

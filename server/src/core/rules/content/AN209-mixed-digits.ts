import type { Rule } from '../rule';
import { text } from '../messages';
import type { Range } from '../../types';
import { lineRange } from '../../types';
import { HAS_DIGITS, mainSpans } from './shared';

const QUICK = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
/** A number: digits of one style, possibly grouped by `.` `,` `:` `/` or the Arabic separators ٫ ٬. */
const NUMBER = /[0-9]+(?:[.,:/][0-9]+)*|[\u0660-\u0669]+(?:[\u066B\u066C.,:/\u060C][\u0660-\u0669]+)*|[\u06F0-\u06F9]+(?:[\u066B\u066C.,:/\u060C][\u06F0-\u06F9]+)*/g;

type Style = 'western' | 'arabic' | 'persian';

const STYLE_NAMES: Readonly<Record<Style, { en: string; ar: string }>> = {
  western: { en: 'Western digits (0–9)', ar: 'الأرقام الغربية (0–9)' },
  arabic: { en: 'Arabic-Indic digits (٠–٩)', ar: 'الأرقام الهندية (٠–٩)' },
  persian: { en: 'Persian digits (۰–۹)', ar: 'الأرقام الفارسية (۰–۹)' },
};

function styleOf(c: number): Style {
  return c <= 0x39 ? 'western' : c <= 0x0669 ? 'arabic' : 'persian';
}

/** Numbers per digit style in some texts, with the first occurrence of each style. */
export function countDigitStyles(texts: readonly { text: string; line: number; start: number }[]): Map<Style, { count: number; first: Range; order: number }> {
  const out = new Map<Style, { count: number; first: Range; order: number }>();
  for (const t of texts) {
    if (!QUICK.test(t.text)) continue;
    NUMBER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NUMBER.exec(t.text)) !== null) {
      const style = styleOf(m[0].charCodeAt(0));
      const seen = out.get(style);
      if (seen) seen.count++;
      else out.set(style, { count: 1, first: lineRange(t.line, t.start + m.index, t.start + m.index + m[0].length), order: out.size });
    }
  }
  return out;
}

const numbers = (n: number): string => (n === 1 ? '1 number' : `${n} numbers`);
const arNumbers = (n: number): string => (n === 1 ? 'عدد واحد' : n === 2 ? 'عددان' : n <= 10 ? `${n} أعداد` : `${n} عددًا`);

/** AN209: Arabic-Indic (or Persian) and Western digits in the same article. */
export const mixedDigits: Rule = {
  id: 'AN209',
  name: 'mixed-digits',
  defaultSeverity: 'info',
  tags: ['content', 'style', 'digits'],
  summary: 'The main article writes numbers with two kinds of digits (Arabic-Indic or Persian, and Western).',
  fixable: false,
  docs: {
    description:
      'Arabic news is written with Western digits (`2024`) in some outlets and Arabic-Indic digits (`٢٠٢٤`) in others; a single article that uses both was usually pasted together from two sources, or edited by hand. The rule counts the numbers of each style in the headline and the body (the date line does not count: the corpus writes it in a fixed English form) and, when there are two or three styles, reports the first number of each minority style, with the counts. Mixed digits make numbers unsearchable with one query and confuse tools that extract figures and dates. A matter of house style: the rule is informational, and has no fix, since which style the corpus wants is the curator\'s decision.',
    bad: 'وارتفعت الإيرادات بنسبة ١٢ في المئة خلال الأشهر التسعة الأولى من عام 2024.',
    good: 'وارتفعت الإيرادات بنسبة 12 في المئة خلال الأشهر التسعة الأولى من عام 2024.',
  },
  check({ article }, report) {
    const styles = countDigitStyles(mainSpans(article).filter((s) => s.flags & HAS_DIGITS));
    if (styles.size < 2) return;
    // The majority style: the most numbers; on a tie, the one the article uses first.
    const ranked = [...styles].sort((a, b) => b[1].count - a[1].count || a[1].order - b[1].order);
    const [major, majorInfo] = ranked[0]!;
    const countsEn = ranked.map(([s, i]) => `${numbers(i.count)} in ${STYLE_NAMES[s].en}`).join(', ');
    const countsAr = ranked.map(([s, i]) => `${arNumbers(i.count)} ب${STYLE_NAMES[s].ar}`).join('، و');
    for (const [style, info] of ranked.slice(1)) {
      report({
        range: info.first,
        message: text(
          `This article mixes digit styles: ${countsEn}. This is the first number in ${STYLE_NAMES[style].en}; write the numbers in one style, for example in ${STYLE_NAMES[major].en} like the other ${majorInfo.count === 1 ? 'number' : `${majorInfo.count} numbers`}.`,
          `يخلط هذا الخبر بين أنماط الأرقام: ${countsAr}. هذا أول عدد مكتوب ب${STYLE_NAMES[style].ar}؛ اكتب الأعداد كلها بنمط واحد، ب${STYLE_NAMES[major].ar} مثلًا كسائر الخبر.`,
        ),
      });
    }
  },
};

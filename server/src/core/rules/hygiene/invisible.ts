/**
 * Invisible characters (AN201): what they are called, how loud they are, and where they sit on
 * a line, in runs of adjacent characters.
 */
import type { LocalizedText } from '../../types';

/** How an invisible character is treated. */
export type InvisibleClass = 'bidi' | 'format' | 'space';

interface InvisibleInfo {
  readonly cls: InvisibleClass;
  readonly name: LocalizedText;
}

const info = (cls: InvisibleClass, en: string, ar: string): InvisibleInfo => ({ cls, name: { en, ar } });

/** Every character AN201 reports, by code. */
export const INVISIBLE: ReadonlyMap<number, InvisibleInfo> = new Map<number, InvisibleInfo>([
  [0x202a, info('bidi', 'left-to-right embedding', 'تضمين من اليسار إلى اليمين')],
  [0x202b, info('bidi', 'right-to-left embedding', 'تضمين من اليمين إلى اليسار')],
  [0x202c, info('bidi', 'pop directional formatting', 'إنهاء التنسيق الاتجاهي')],
  [0x202d, info('bidi', 'left-to-right override', 'فرض الاتجاه من اليسار إلى اليمين')],
  [0x202e, info('bidi', 'right-to-left override', 'فرض الاتجاه من اليمين إلى اليسار')],
  [0x2066, info('bidi', 'left-to-right isolate', 'عزل من اليسار إلى اليمين')],
  [0x2067, info('bidi', 'right-to-left isolate', 'عزل من اليمين إلى اليسار')],
  [0x2068, info('bidi', 'first strong isolate', 'عزل بحسب أول حرف قوي')],
  [0x2069, info('bidi', 'pop directional isolate', 'إنهاء العزل الاتجاهي')],
  [0x200b, info('format', 'zero-width space', 'مسافة صفرية العرض')],
  [0x200c, info('format', 'zero-width non-joiner', 'فاصل صفري العرض')],
  [0x200d, info('format', 'zero-width joiner', 'واصل صفري العرض')],
  [0x200e, info('format', 'left-to-right mark', 'علامة اتجاه من اليسار إلى اليمين')],
  [0x200f, info('format', 'right-to-left mark', 'علامة اتجاه من اليمين إلى اليسار')],
  [0x061c, info('format', 'Arabic letter mark', 'علامة الحرف العربي')],
  [0xfeff, info('format', 'byte-order mark', 'علامة ترتيب البايتات')],
  [0x00ad, info('format', 'soft hyphen', 'واصلة اختيارية')],
  [0x2060, info('format', 'word joiner', 'رابط الكلمات')],
  [0x00a0, info('space', 'no-break space', 'مسافة غير فاصلة')],
  [0x202f, info('space', 'narrow no-break space', 'مسافة ضيقة غير فاصلة')],
]);

/** Finds the characters of `INVISIBLE` (a global regex: reset `lastIndex` before use). */
export const INVISIBLE_RE = /[\u00A0\u00AD\u061C\u200B-\u200F\u202A-\u202F\u2060\u2066-\u2069\uFEFF]/g;

/** The `U+XXXX` notation of a code. */
export function codePointLabel(code: number): string {
  return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}

function isEmojiBefore(c: number): boolean {
  return (c >= 0xdc00 && c <= 0xdfff) || c === 0xfe0f || (c >= 0x2600 && c <= 0x27bf);
}

function isEmojiAfter(c: number): boolean {
  return (c >= 0xd800 && c <= 0xdbff) || (c >= 0x2600 && c <= 0x27bf);
}

/**
 * Whether the zero-width joiner at `index` glues an emoji sequence (👨‍👩‍👧, 🏃‍♀️): there it is
 * part of the character the reader sees and stays.
 */
export function isEmojiJoiner(text: string, index: number): boolean {
  return text.charCodeAt(index) === 0x200d && index > 0 && isEmojiBefore(text.charCodeAt(index - 1)) && isEmojiAfter(text.charCodeAt(index + 1));
}

/** A run of adjacent invisible characters on a line. */
export interface InvisibleRun {
  readonly start: number;
  readonly end: number;
  /** True when the run holds a bidi embedding, override or isolate control. */
  readonly bidi: boolean;
}

/**
 * The runs of invisible characters of a line, from `from` on. `skip(index)` drops a character
 * that another rule owns or that is legitimate where it is (it also ends a run).
 */
export function invisibleRuns(text: string, from: number, skip?: (index: number) => boolean): InvisibleRun[] {
  const out: InvisibleRun[] = [];
  let start = -1;
  let end = -1;
  let bidi = false;
  const re = INVISIBLE_RE;
  re.lastIndex = from;
  // `test` on a global expression moves `lastIndex` past the match without allocating one.
  while (re.test(text)) {
    const i = re.lastIndex - 1;
    if (isEmojiJoiner(text, i) || skip?.(i)) continue;
    if (start >= 0 && i !== end) out.push({ start, end, bidi });
    if (start < 0 || i !== end) {
      start = i;
      bidi = false;
    }
    // Extend over the adjacent invisible characters with a plain loop (a long run costs no regex calls).
    let j = i;
    while (j < text.length && INVISIBLE.has(text.charCodeAt(j)) && (j === i || !(isEmojiJoiner(text, j) || skip?.(j)))) {
      bidi ||= INVISIBLE.get(text.charCodeAt(j))!.cls === 'bidi';
      j++;
    }
    end = j;
    re.lastIndex = j;
  }
  if (start >= 0) out.push({ start, end, bidi });
  return out;
}

/** Names the characters of a run in both languages: `zero-width space (U+200B) ×2, right-to-left mark (U+200F)`. */
export function describeRun(text: string, start: number, end: number): LocalizedText {
  if (end - start === 1) {
    const c = text.charCodeAt(start);
    const name = INVISIBLE.get(c)?.name ?? { en: 'invisible character', ar: 'محرف غير مرئي' };
    return { en: `${name.en} (${codePointLabel(c)})`, ar: `${name.ar} (${codePointLabel(c)})` };
  }
  const counts = new Map<number, number>();
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const en: string[] = [];
  const ar: string[] = [];
  for (const [c, n] of counts) {
    const name = INVISIBLE.get(c)?.name ?? { en: 'invisible character', ar: 'محرف غير مرئي' };
    const times = n > 1 ? ` ×${n}` : '';
    en.push(`${name.en} (${codePointLabel(c)})${times}`);
    ar.push(`${name.ar} (${codePointLabel(c)})${times}`);
  }
  return { en: en.join(', '), ar: ar.join('، ') };
}

/**
 * Arabic text normalisation for matching (never for display or editing).
 *
 * Two strings that a reader takes for the same word should normalise equal: alef with or
 * without hamza or madda (أ إ آ ٱ ا), alef maqsura and ya (ى ي), ta marbuta and ha (ة ه),
 * Persian ya and kaf (ی ک), harakat and other Quranic marks, tatweel, invisible format
 * characters, Arabic-Indic and Persian digits, and runs of white space.
 */

const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ ٲ ٳ
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g; // harakat, Quranic marks, tatweel
const FORMAT_CHARS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD]/g;
const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Characters that can sit between two letters of a word without changing it for matching. */
export const IGNORABLE_IN_WORD = '\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E8\\u06EA-\\u06ED\\u0640\\u200B-\\u200F\\u00AD';

/** Maps Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII digits. */
export function toAsciiDigits(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0660 && c <= 0x0669) out += String.fromCharCode(c - 0x0660 + 48);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String.fromCharCode(c - 0x06f0 + 48);
    else out += text[i];
  }
  return out;
}

/**
 * Normalises a string for comparison: the result is only for matching and counting.
 * Latin letters are lower-cased; white space is collapsed to single spaces and trimmed.
 */
export function normalizeArabic(text: string): string {
  return toAsciiDigits(
    text
      .replace(FORMAT_CHARS, '')
      .replace(MARKS, '')
      .replace(ALEF_FORMS, '\u0627')
      .replace(/\u0649/g, '\u064A') // ى → ي
      .replace(/\u06CC/g, '\u064A') // ی → ي
      .replace(/\u06A9/g, '\u0643') // ک → ك
      .replace(/\u0629/g, '\u0647') // ة → ه
      .replace(SPACES, ' '),
  )
    .trim()
    .toLowerCase();
}

/** True for a letter of the Arabic script (not a mark, digit or punctuation). */
export function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0621 && code <= 0x063a) ||
    (code >= 0x0641 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x066f) ||
    (code >= 0x0671 && code <= 0x06d3) ||
    code === 0x06d5 ||
    (code >= 0x06ee && code <= 0x06ef) ||
    (code >= 0x06fa && code <= 0x06fc) ||
    code === 0x06ff ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08c9)
  );
}

/** True for a harakah or another combining mark of the Arabic block. */
export function isArabicMark(code: number): boolean {
  return (
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06dc) ||
    (code >= 0x06df && code <= 0x06e8) ||
    (code >= 0x06ea && code <= 0x06ed)
  );
}

/** Counts the letters of `text` that are Arabic and those that are Latin. */
export function scriptCounts(text: string): { arabic: number; latin: number } {
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isArabicLetter(c)) arabic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return { arabic, latin };
}

/** Splits text into words on white space; each word carries its UTF-16 start offset. */
export function words(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^\s\u00A0]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ text: m[0], start: m.index });
  return out;
}

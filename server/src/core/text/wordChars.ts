/**
 * Word characters by table, for the scanners on hot paths (shingles, keyword text index): a
 * Unicode property regex per word costs more than the rest of the work. Built on first use from
 * the same property classes the regexes named: `\p{L}`, `\p{N}` and `\p{M}`.
 */

/** Class of a code unit: a letter or number, a combining mark, or neither. */
export const OTHER = 0;
export const LETTER_OR_NUMBER = 1;
export const MARK = 2;

const LN = /[\p{L}\p{N}]/u;
const M = /\p{M}/u;

let table: Uint8Array | undefined;

/** The class of every BMP code unit (surrogates are OTHER: see {@link classAt}). */
export function wordCharTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 0x80) {
      t[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? LETTER_OR_NUMBER : OTHER;
      continue;
    }
    const ch = String.fromCharCode(c);
    t[c] = LN.test(ch) ? LETTER_OR_NUMBER : M.test(ch) ? MARK : OTHER;
  }
  return (table = t);
}

/**
 * The class of the character at `i` and its width in code units (2 for a surrogate pair, whose
 * code point is classified; a lone surrogate is OTHER).
 */
export function classAt(text: string, i: number, t: Uint8Array = wordCharTable()): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return t[c]!;
  const d = text.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return OTHER;
  const pair = text.slice(i, i + 2);
  return LN.test(pair) ? LETTER_OR_NUMBER : M.test(pair) ? MARK : OTHER;
}

/** Whether the code unit at `i` starts a surrogate pair (the character is two code units wide). */
export function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

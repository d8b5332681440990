/**
 * Mojibake detection and repair (AN202): UTF-8 Arabic that a scraper decoded with a single-byte
 * code page. Each Arabic letter is two UTF-8 bytes (0xD8–0xDB then 0x80–0xBF), so it shows as
 * two characters: `ال` becomes `Ø§Ù„` in Windows-1252/Latin-1 and `ط§ظ„` in Windows-1256.
 *
 * A run is reported only when mapping its characters back to bytes in that code page gives
 * valid UTF-8 (decoded with fatal errors) that is mostly Arabic, with at least two Arabic
 * letters. Windows-1256 needs stronger evidence, since ط ظ ع غ are ordinary Arabic letters: two
 * mis-decoded letters in a row (`ط§ظ„`), which real Arabic text never shows.
 *
 * Cost: two regular-expression pre-checks per line, each a single scan with a fixed-length
 * pattern (no backtracking); the tokenizer and the decoder run only on lines that pass them.
 */
import { isArabicLetter } from '../../arabic';
import { type CodePage, WINDOWS_1252, WINDOWS_1252_HIGH, WINDOWS_1256, WINDOWS_1256_HIGH, encodeCodePage } from '../../text/codepages';

/** A mis-decoded run of a line. */
export interface MojibakeRun {
  readonly start: number;
  readonly end: number;
  /** The code page the UTF-8 bytes were wrongly decoded with. */
  readonly page: CodePage;
  /** 1, or 2 when the text was mis-decoded twice (`Ã˜Â§`). */
  readonly layers: number;
  /** The text the run stands for, exactly as the bytes decode. */
  readonly repaired: string;
}

const hex = (c: number): string => '\\u' + c.toString(16).padStart(4, '0');

/** A character class of the characters that stand for UTF-8 continuation bytes 0x80–0xBF in a code page. */
function trailClass(high: string, latin1: boolean): string {
  let cls = latin1 ? '\\u0080-\\u00bf' : '';
  for (let i = 0; i < 0x40; i++) cls += hex(high.charCodeAt(i));
  return `[${cls}]`;
}

/** Windows-1252/Latin-1: a lead byte character (Â–ô) followed by a continuation byte character. */
const LATIN_PRECHECK = new RegExp(`[\\u00c2-\\u00f4]${trailClass(WINDOWS_1252_HIGH, true)}`);
/** Windows-1256: two Arabic-letter pairs in a row, each a lead (ط ظ ع غ) and a continuation byte character. */
const ARABIC_TRAIL = trailClass(WINDOWS_1256_HIGH, false);
const ARABIC_PRECHECK = new RegExp(`[\\u0637-\\u063a]${ARABIC_TRAIL}[\\u0637-\\u063a]${ARABIC_TRAIL}`);

/**
 * A one-range-per-block gate both kinds pass: Windows-1252 mojibake of Arabic always holds its
 * lead characters Ø Ù Ú Û (U+00D8–U+00DB), and Windows-1256 mojibake of any Arabic phrase holds
 * Latin-1 symbols or general punctuation (`ا` is `ط§`, `ل` is `ظ„`). Ordinary Arabic lines fail it
 * in one fast scan. The price: a Windows-1256 run made only of letters whose second byte reads as
 * a Persian letter, `،` `؛` `ƒ` or `ˆ` (ف ك ي و ت ء غ, e.g. `ظپظٹ` for في alone) goes unseen.
 */
const GATE = /[\u0080-\u00FF\u2000-\u2122]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, or undefined when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True for a code of the Arabic blocks (letters, marks, digits, punctuation, presentation forms). */
function isArabicBlock(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe);
}

/**
 * Whether a decoded text is Arabic: at least two Arabic letters, and at least four Arabic
 * characters for every other non-ASCII letter or symbol (white space, general punctuation and
 * guillemets are neutral).
 */
export function isMostlyArabic(text: string): boolean {
  let letters = 0;
  let arabic = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (isArabicBlock(c)) {
      arabic++;
      if (isArabicLetter(c)) letters++;
    } else if (!(c === 0xa0 || c === 0xab || c === 0xbb || (c >= 0x2000 && c <= 0x206f))) other++;
  }
  return letters >= 2 && other * 4 <= arabic;
}

/** The length of the UTF-8 sequence a lead byte starts, or 0 when it is no lead byte. */
function sequenceLength(b: number): number {
  return b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

/**
 * Whether a decoded character may come out of mis-decoded Arabic text: the Arabic blocks, the
 * Latin-1 punctuation (no-break space, guillemets, middle dot, ×, ÷), general punctuation
 * (dashes, curly quotes, zero-width and direction marks) and €. With `latin`, also what a first
 * layer of double mojibake decodes to (Latin-1 and the Windows-1252 extras).
 */
function isPlausible(cp: number, latin: boolean): boolean {
  return (
    isArabicBlock(cp) ||
    (cp >= 0xa0 && cp <= 0xbf) ||
    cp === 0xd7 ||
    cp === 0xf7 ||
    (cp >= 0x2000 && cp <= 0x206f) ||
    cp === 0x20ac ||
    cp === 0xfeff ||
    (latin && ((cp >= 0x80 && cp <= 0x2ff) || WINDOWS_1252.encode(cp) >= 0x80))
  );
}

/** The code point a complete UTF-8 sequence of 2 to 4 bytes encodes. */
function codePointOf(b0: number, b1: number, b2: number, b3: number, len: number): number {
  if (len === 2) return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  if (len === 3) return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
}

/** ASCII that may sit between mis-decoded words: white space, digits, punctuation (not letters). */
function isGap(c: number): boolean {
  return c === 0x20 || (c >= 0x21 && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/**
 * Undoes one or two layers of mis-decoding: maps the text back to bytes in `page`, decodes them
 * as UTF-8, and when the result is itself Windows-1252 mojibake, does it once more. Returns the
 * Arabic text and the number of layers, or undefined when the result is not valid UTF-8 Arabic.
 */
export function repairMojibake(text: string, page: CodePage): { text: string; layers: number } | undefined {
  let current = text;
  let p = page;
  for (let layers = 1; layers <= 2; layers++) {
    const bytes = encodeCodePage(current, p);
    if (!bytes) return undefined;
    const decoded = decodeUtf8Strict(bytes);
    if (decoded === undefined || decoded === current) return undefined;
    if (isMostlyArabic(decoded)) return { text: decoded, layers };
    current = decoded;
    p = WINDOWS_1252;
  }
  return undefined;
}

/**
 * Splits a line into candidate runs for a code page: maximal stretches of complete UTF-8
 * sequences (a lead byte character and its continuation byte characters) with ASCII
 * punctuation, digits and spaces between them. `strong` tells whether two Arabic letters
 * (leads 0xD8–0xDB) stand side by side in the run.
 */
function candidateRuns(text: string, page: CodePage, emit: (start: number, end: number, strong: boolean) => void): void {
  const latin = page === WINDOWS_1252;
  const n = text.length;
  let runStart = -1;
  let lastEnd = -1;
  let strong = false;
  let prevArabicEnd = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 ? -1 : page.encode(c);
    const len = b < 0 ? 0 : sequenceLength(b);
    if (len && i + len <= n) {
      const t1 = page.encode(text.charCodeAt(i + 1));
      const t2 = len > 2 ? page.encode(text.charCodeAt(i + 2)) : 0x80;
      const t3 = len > 3 ? page.encode(text.charCodeAt(i + 3)) : 0x80;
      const ok = t1 >= 0x80 && t1 <= 0xbf && t2 >= 0x80 && t2 <= 0xbf && t3 >= 0x80 && t3 <= 0xbf;
      if (ok && isPlausible(codePointOf(b, t1, t2, t3, len), latin)) {
        if (runStart < 0) {
          runStart = i;
          strong = false;
        }
        const arabicLead = b >= 0xd8 && b <= 0xdb;
        if (arabicLead && prevArabicEnd === i) strong = true;
        prevArabicEnd = arabicLead ? i + len : -1;
        i += len;
        lastEnd = i;
        continue;
      }
    }
    if (runStart >= 0) {
      if (isGap(c)) {
        i++;
        continue;
      }
      emit(runStart, lastEnd, strong);
      runStart = -1;
    }
    prevArabicEnd = -1;
    i++;
  }
  if (runStart >= 0) emit(runStart, lastEnd, strong);
}

/** The mojibake runs of a line, in order; empty (and fast) for ordinary text. */
export function findMojibake(text: string): MojibakeRun[] {
  const out: MojibakeRun[] = [];
  if (!GATE.test(text)) return out;
  const latin = LATIN_PRECHECK.test(text);
  const arabic = ARABIC_PRECHECK.test(text);
  if (!latin && !arabic) return out;
  const collect = (page: CodePage, needStrong: boolean) => (start: number, end: number, strong: boolean): void => {
    if (needStrong && !strong) return;
    const r = repairMojibake(text.slice(start, end), page);
    if (r) out.push({ start, end, page, layers: r.layers, repaired: r.text });
  };
  if (latin) candidateRuns(text, WINDOWS_1252, collect(WINDOWS_1252, false));
  if (arabic) candidateRuns(text, WINDOWS_1256, collect(WINDOWS_1256, true));
  if (latin && arabic && out.length > 1) {
    out.sort((a, b) => a.start - b.start);
    // A run is read one way only; drop any that overlaps the one before it.
    let last = -1;
    return out.filter((r) => (r.start >= last ? ((last = r.end), true) : false));
  }
  return out;
}

/**
 * Arabic text normalisation for matching (never for display or editing).
 *
 * Two strings that a reader takes for the same word should normalise equal: alef with or
 * without hamza or madda (أ إ آ ٱ ا), alef maqsura and ya (ى ي), ta marbuta and ha (ة ه),
 * Persian ya and kaf (ی ک), harakat and other Quranic marks, tatweel, invisible format
 * characters, Arabic-Indic and Persian digits, and runs of white space.
 */
import { decodeUnits } from './text/units';

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
 * What each code unit becomes when normalising, as a flat table (a sparse JS array up to
 * U+FEFF would fall into dictionary mode): 0 keep, 1 drop, 2 white space, else the code unit
 * that replaces it.
 */
const KEEP = 0;
const DROP = 1;
const SPACE = 2;
const NORMALIZE_TABLE: Uint16Array = (() => {
  const m = new Uint16Array(0x10000);
  const set = (from: number, to: number, value: number): void => {
    for (let c = from; c <= to; c++) m[c] = value;
  };
  set(0x0610, 0x061a, DROP); // Quranic marks
  set(0x064b, 0x065f, DROP); // harakat
  m[0x0670] = DROP; // superscript alef
  set(0x06d6, 0x06dc, DROP);
  set(0x06df, 0x06e8, DROP);
  set(0x06ea, 0x06ed, DROP);
  m[0x0640] = DROP; // tatweel
  set(0x200b, 0x200f, DROP); // zero-width and direction marks
  set(0x202a, 0x202e, DROP); // bidi embeddings and overrides
  set(0x2066, 0x2069, DROP); // bidi isolates
  m[0x061c] = DROP;
  m[0xfeff] = DROP;
  m[0x00ad] = DROP;
  m[0x2060] = DROP; // word joiner
  for (const c of [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]) m[c] = 0x0627;
  m[0x0649] = 0x064a; // ى → ي
  m[0x06cc] = 0x064a; // ی → ي
  m[0x06a9] = 0x0643; // ک → ك
  m[0x0629] = 0x0647; // ة → ه
  for (let d = 0; d < 10; d++) {
    m[0x0660 + d] = 0x30 + d;
    m[0x06f0 + d] = 0x30 + d;
  }
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) m[c] = SPACE;
  set(0x2000, 0x200a, SPACE);
  for (let c = 0x41; c <= 0x5a; c++) m[c] = c + 32;
  return m;
})();

/**
 * Normalises a string for comparison: the result is only for matching and counting.
 * Latin letters are lower-cased; white space is collapsed to single spaces and trimmed.
 * One pass over the code units with a flat table (this is on every hot path: completion,
 * segmentation, shingles, rules).
 */
export function normalizeArabic(text: string): string {
  const out = text.length >= BUFFERED_FROM ? normalizeBuffered(text) : undefined;
  return out ?? normalizeByRuns(text);
}

/**
 * Texts this long (paragraphs, headlines) are normalised into a buffer of code units decoded
 * once: building them by concatenation made a string piece per replaced letter and then a
 * flat copy, 2.5 to 3.5 times slower on paragraphs, and most of the garbage of indexing an
 * article. Shorter ones (words, keywords) are quicker by runs.
 */
const BUFFERED_FROM = 32;
/** The buffer kept between calls; a longer text gets one of its own. */
const KEPT_BUFFER = 1 << 16;
let units = new Uint16Array(1024);

/** {@link normalizeArabic} through a buffer; undefined for a text with a surrogate (the decoder would replace a lone one). */
function normalizeBuffered(text: string): string | undefined {
  const n = text.length;
  let buf = units;
  if (buf.length < n) {
    buf = new Uint16Array(Math.max(n, buf.length * 2));
    if (buf.length <= KEPT_BUFFER) units = buf;
  }
  const table = NORMALIZE_TABLE;
  let o = 0;
  let pendingSpace = false;
  let latin = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const mapped = table[c]!;
    if (mapped === KEEP) {
      if (c >= 0xd800 && c <= 0xdfff) return undefined;
      if (c >= 0xc0 && c <= 0x24f) latin = true;
      if (pendingSpace && o > 0) buf[o++] = 0x20;
      pendingSpace = false;
      buf[o++] = c;
    } else if (mapped === SPACE) pendingSpace = true;
    else if (mapped !== DROP) {
      if (pendingSpace && o > 0) buf[o++] = 0x20;
      pendingSpace = false;
      buf[o++] = mapped;
    }
  }
  const out = decodeUnits(buf.subarray(0, o));
  // Non-ASCII Latin letters are rare (the table maps no code unit into their range): lower-case only when one was kept.
  return latin ? out.toLowerCase() : out;
}

/** @internal {@link normalizeArabic} by runs: unchanged runs of code units are copied as slices (exported for a test). */
export function normalizeByRuns(text: string): string {
  let out = '';
  let pendingSpace = false;
  let runStart = -1; // start of a run of code units kept as they are
  const n = text.length;
  const table = NORMALIZE_TABLE;
  for (let i = 0; i < n; i++) {
    const mapped = table[text.charCodeAt(i)]!;
    if (mapped === KEEP) {
      if (runStart < 0) {
        if (pendingSpace && out) out += ' ';
        pendingSpace = false;
        runStart = i;
      }
      continue;
    }
    if (runStart >= 0) {
      out += text.slice(runStart, i);
      runStart = -1;
    }
    if (mapped === SPACE) pendingSpace = true;
    else if (mapped !== DROP) {
      if (pendingSpace && out) out += ' ';
      pendingSpace = false;
      out += String.fromCharCode(mapped);
    }
  }
  if (runStart >= 0) out += text.slice(runStart);
  // Non-ASCII Latin capitals are rare; lower-case them only when present.
  return /[\u00C0-\u024F]/.test(out) ? out.toLowerCase() : out;
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

const LETTER_CLASSES: Readonly<Record<string, string>> = {
  '\u0627': '[\u0627\u0623\u0625\u0622\u0671\u0672\u0673]',
  '\u064A': '[\u064A\u0649\u06CC]',
  '\u0647': '[\u0647\u0629]',
  '\u0643': '[\u0643\u06A9]',
};

/**
 * A regular expression source that finds `query` in raw text the way normalizeArabic compares:
 * any alef form for ا, ى/ی for ي, ة for ه, harakat and tatweel anywhere between letters, any run
 * of white space for a space. Searching raw text with it gives exact ranges to highlight.
 */
export function tolerantPattern(query: string): string {
  const n = normalizeArabic(query);
  let out = '';
  for (const ch of n) {
    if (ch === ' ') {
      out += '\\s+';
      continue;
    }
    const digit = ch >= '0' && ch <= '9' ? `[${ch}\\u${(0x0660 + Number(ch)).toString(16).padStart(4, '0')}\\u${(0x06f0 + Number(ch)).toString(16).padStart(4, '0')}]` : undefined;
    const cls = LETTER_CLASSES[ch] ?? digit ?? (/[a-z]/.test(ch) ? `[${ch}${ch.toUpperCase()}]` : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    out += (out && !out.endsWith('\\s+') ? `[${IGNORABLE_IN_WORD}]*` : '') + cls;
  }
  return out;
}

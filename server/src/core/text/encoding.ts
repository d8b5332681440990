/**
 * Recognising a file's encoding from its bytes, and decoding it. Pure: bytes in, text and
 * {@link EncodingInfo} out (the command line reads the files; rule AN100 reports what is found).
 *
 * What is recognised, in this order:
 *
 * 1. a byte-order mark: UTF-8 (`EF BB BF`), UTF-16 LE (`FF FE`), UTF-16 BE (`FE FF`);
 * 2. NUL bytes: UTF-16 without a mark when nearly every code unit of one byte order is plain
 *    text (Latin, Arabic, punctuation, white space), otherwise a binary file;
 * 3. valid UTF-8 (pure ASCII is valid UTF-8);
 * 4. not valid UTF-8: Windows-1256 when the bytes ≥ 0x80 decode to Arabic letters forming words,
 *    Windows-1252 when they decode to Latin letters inside Latin words; otherwise UTF-8 with
 *    invalid sequences (when valid multi-byte sequences dominate) or `unknown`.
 *
 * `confident` is set only when converting the file to UTF-8 cannot lose or change text: a
 * mark, or statistics far from the threshold. UTF-8 with invalid sequences and `unknown` are
 * never confident: their text is decoded with U+FFFD in place of what cannot be read.
 */
import type { EncodingInfo } from '../rules/rule';
import { decodeUnits } from './units';

/** The result of {@link decodeBytes}. */
export interface DecodedFile {
  /** The text, without a leading byte-order mark; empty for a binary file. */
  readonly text: string;
  readonly encoding: EncodingInfo;
  /** True when the bytes are not text (NUL bytes or control characters in plenty). */
  readonly binary: boolean;
}

/** At most this many invalid UTF-8 offsets are kept. */
const MAX_INVALID_OFFSETS = 5;
/** Bytes examined by the statistical tests (the start of the file). */
const SAMPLE_BYTES = 64 * 1024;

let decoders: Record<'utf8Fatal' | 'utf8' | 'utf16le' | 'utf16be' | 'cp1256' | 'cp1252', InstanceType<typeof TextDecoder>> | undefined;
function dec(): NonNullable<typeof decoders> {
  decoders ??= {
    utf8Fatal: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
    utf8: new TextDecoder('utf-8', { ignoreBOM: true }),
    utf16le: new TextDecoder('utf-16le', { ignoreBOM: true }),
    utf16be: new TextDecoder('utf-16be', { ignoreBOM: true }),
    cp1256: new TextDecoder('windows-1256'),
    cp1252: new TextDecoder('windows-1252'),
  };
  return decoders;
}

/** A human name for an encoding, for messages. */
export function encodingLabel(name: EncodingInfo['name']): string {
  switch (name) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    case 'windows-1256':
      return 'Windows-1256 (Arabic)';
    case 'windows-1252':
      return 'Windows-1252 (Western European)';
    default:
      return 'an unknown encoding';
  }
}

/** Whether a file in this encoding can be converted to UTF-8 automatically and safely. */
export function canConvertToUtf8(info: EncodingInfo): boolean {
  return info.confident && info.name !== 'utf-8' && info.name !== 'unknown';
}

/** Whether the encoding is clean UTF-8 (with or without a byte-order mark). */
export function isCleanUtf8(info: EncodingInfo): boolean {
  return info.name === 'utf-8' && !(info.invalidUtf8At && info.invalidUtf8At.length > 0);
}

/** Encodes text as UTF-8, with a byte-order mark when asked. */
export function encodeUtf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** Scans UTF-8: offsets of invalid sequences (the first few), their number, and the number of valid multi-byte sequences. */
export function scanUtf8(bytes: Uint8Array, start = 0): { invalidAt: number[]; invalid: number; multibyte: number } {
  const invalidAt: number[] = [];
  let invalid = 0;
  let multibyte = 0;
  const n = bytes.length;
  let i = start;
  const bad = (at: number): void => {
    invalid++;
    if (invalidAt.length < MAX_INVALID_OFFSETS) invalidAt.push(at);
  };
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, lo] = [2, 0xa0];
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) need = 2;
    else if (b === 0xed) [need, hi] = [2, 0x9f];
    else if (b === 0xf0) [need, lo] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) [need, hi] = [3, 0x8f];
    else {
      bad(i);
      i++;
      continue;
    }
    let ok = i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) ok = false;
      else if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      bad(i);
      i++;
    }
  }
  return { invalidAt, invalid, multibyte };
}

/** A code unit that plain text is made of (for the UTF-16 test). */
function plainUnit(c: number): boolean {
  return (
    c === 9 || c === 10 || c === 13 ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0x24f) ||
    (c >= 0x600 && c <= 0x6ff) ||
    (c >= 0x750 && c <= 0x77f) ||
    (c >= 0x8a0 && c <= 0x8ff) ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfeff)
  );
}

/** The share of plain-text code units when the bytes are read as UTF-16 in one byte order. */
function utf16Plainness(bytes: Uint8Array, littleEndian: boolean): number {
  const end = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (end < 2) return 0;
  let plain = 0;
  for (let i = 0; i < end; i += 2) {
    const c = littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (plainUnit(c)) plain++;
  }
  return plain / (end / 2);
}

/** True when the start of the file is control characters in plenty (not text in any encoding). */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  if (end === 0) return false;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 11 && b !== 0x1b) control++;
  }
  return control / end > 0.1;
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): { text: string; clean: boolean } {
  const view = bytes.subarray(start, bytes.length - ((bytes.length - start) & 1));
  const text = (littleEndian ? dec().utf16le : dec().utf16be).decode(view);
  let clean = (bytes.length - start) % 2 === 0;
  // Lone surrogates become U+FFFD in a non-fatal decode: their presence means lost text.
  if (clean && text.includes('\uFFFD')) {
    // The file may contain U+FFFD itself; only count ones the bytes did not spell.
    const le = littleEndian;
    for (let i = 0; i + 1 < view.length; i += 2) {
      const c = le ? view[i]! | (view[i + 1]! << 8) : (view[i]! << 8) | view[i + 1]!;
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = i + 3 < view.length ? (le ? view[i + 2]! | (view[i + 3]! << 8) : (view[i + 2]! << 8) | view[i + 3]!) : 0;
        if (d < 0xdc00 || d > 0xdfff) {
          clean = false;
          break;
        }
        i += 2;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        clean = false;
        break;
      }
    }
  }
  return { text, clean };
}

/** Character classes of a decoded legacy byte. */
function isArabicChar(c: number): boolean {
  return (c >= 0x060c && c <= 0x06ff) || c === 0x200c || c === 0x200d;
}
function isLatinLetter(c: number): boolean {
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c === 0x152 || c === 0x153 || c === 0x160 || c === 0x161 || c === 0x17d || c === 0x17e || c === 0x178 || c === 0x192;
}
function isNeutralSymbol(c: number): boolean {
  // No-break space, « », typographic quotes, dashes, ellipsis, bullet, degree, currency signs.
  return c === 0xa0 || c === 0xab || c === 0xbb || (c >= 0x2010 && c <= 0x2027) || c === 0xb0 || c === 0xa3 || c === 0xa5 || c === 0x20ac || c === 0xa9 || c === 0xae || c === 0xb7;
}

/** Statistics of the bytes ≥ 0x80 read as Windows-1256 and as Windows-1252. */
function legacyScores(bytes: Uint8Array): { high: number; arabic: number; cp1256Plain: number; inRuns: number; latinInWords: number; cp1252Plain: number } {
  const end = Math.min(bytes.length, SAMPLE_BYTES * 4);
  const sample = bytes.subarray(0, end);
  const t1256 = dec().cp1256.decode(sample);
  const t1252 = dec().cp1252.decode(sample);
  let high = 0;
  let arabic = 0;
  let cp1256Plain = 0;
  let inRuns = 0;
  let latinInWords = 0;
  let cp1252Plain = 0;
  // Single-byte encodings: the n-th byte is the n-th code unit of both decodings.
  let runStart = 0;
  for (let i = 0; i < end; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    high++;
    if (i === 0 || sample[i - 1]! < 0x80) runStart = i;
    let runEnd = i + 1;
    while (runEnd < end && sample[runEnd]! >= 0x80 && runEnd - runStart < 3) runEnd++;
    const runLength = runEnd - runStart; // capped at 3: only "1, 2 or more" matters
    const a = t1256.charCodeAt(i);
    if (isArabicChar(a)) arabic++;
    if (isArabicChar(a) || isNeutralSymbol(a) || isLatinLetter(a)) cp1256Plain++;
    if (runLength >= 2) inRuns++;
    // Latin text: an accented letter alone or in a pair, inside or beside a Latin word.
    const l = t1252.charCodeAt(i);
    if (isLatinLetter(l) && runLength <= 2) latinInWords++;
    if (isLatinLetter(l) || isNeutralSymbol(l)) cp1252Plain++;
  }
  return { high, arabic, cp1256Plain, inRuns, latinInWords, cp1252Plain };
}

/** Recognises the encoding of a file's bytes. */
export function detectEncoding(bytes: Uint8Array): { encoding: EncodingInfo; binary: boolean } {
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const scan = scanUtf8(bytes, 3);
    return { encoding: scan.invalid ? { name: 'utf-8', confident: false, bom: true, invalidUtf8At: scan.invalidAt } : { name: 'utf-8', confident: true, bom: true }, binary: false };
  }
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    if (le && n >= 4 && bytes[2] === 0 && bytes[3] === 0) return { encoding: { name: 'unknown', confident: false, bom: true }, binary: true }; // UTF-32 LE
    const { clean } = decodeUtf16(bytes, 2, le);
    return { encoding: { name: le ? 'utf-16le' : 'utf-16be', confident: clean, bom: true }, binary: false };
  }
  if (bytes.indexOf(0) >= 0) {
    const le = utf16Plainness(bytes, true);
    const be = utf16Plainness(bytes, false);
    const best = Math.max(le, be);
    if (best >= 0.9 && n % 2 === 0) {
      const little = le >= be;
      const { clean } = decodeUtf16(bytes, 0, little);
      return { encoding: { name: little ? 'utf-16le' : 'utf-16be', confident: clean && best >= 0.99 && n >= 8, bom: false }, binary: false };
    }
    return { encoding: { name: 'unknown', confident: false, bom: false }, binary: true };
  }
  if (looksBinary(bytes)) return { encoding: { name: 'unknown', confident: false, bom: false }, binary: true };
  const scan = scanUtf8(bytes);
  if (scan.invalid === 0) return { encoding: { name: 'utf-8', confident: true, bom: false }, binary: false };

  const s = legacyScores(bytes);
  if (s.high > 0 && scan.multibyte < scan.invalid) {
    // Arabic letters of Windows-1256 are bytes ≥ 0xC1: an Arabic word is a run of such bytes.
    const arabicShare = s.arabic / s.high;
    const plainShare = s.cp1256Plain / s.high;
    const runShare = s.inRuns / s.high;
    if (arabicShare >= 0.6 && plainShare >= 0.9 && runShare >= 0.5) {
      const confident = plainShare >= 0.98 && arabicShare >= 0.8 && s.arabic >= 4 && scan.multibyte * 10 <= scan.invalid;
      return { encoding: { name: 'windows-1256', confident, bom: false }, binary: false };
    }
    const latinShare = s.latinInWords / s.high;
    if (latinShare >= 0.8 && s.cp1252Plain / s.high >= 0.9) {
      const confident = latinShare >= 0.95 && s.cp1252Plain === s.high && scan.multibyte === 0;
      return { encoding: { name: 'windows-1252', confident, bom: false }, binary: false };
    }
    return { encoding: { name: 'unknown', confident: false, bom: false }, binary: false };
  }
  return { encoding: { name: 'utf-8', confident: false, bom: false, invalidUtf8At: scan.invalidAt }, binary: false };
}

/** Inputs up to this many bytes are decoded by {@link decodeUtf8Strict}'s loop; longer ones by TextDecoder. */
const UTF8_LOOP_MAX = 256 * 1024;
/** The loop's UTF-16 code units (never more than the input's bytes), reused from file to file. */
let units = new Uint16Array(0);

/**
 * Strict UTF-8 decoding, as TextDecoder's `fatal` mode (the WHATWG decoder: no overlong forms,
 * no surrogates, nothing past U+10FFFF; a byte-order mark is kept), or undefined when the bytes
 * are not valid UTF-8. An article of a few kilobytes is decoded by a loop into UTF-16 code units
 * and one UTF-16 decode: in Node 20 that takes half the time of TextDecoder's UTF-8 decoder on
 * Arabic text (8.6 against 16 µs for a 6 KB article), and every file is decoded once per pass.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  const n = bytes.length;
  if (n > UTF8_LOOP_MAX) {
    try {
      return dec().utf8Fatal.decode(bytes);
    } catch {
      return undefined;
    }
  }
  if (units.length < n) units = new Uint16Array(Math.max(n, Math.min(UTF8_LOOP_MAX, units.length * 2)));
  const out = units;
  let o = 0;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      out[o++] = c;
      i++;
    } else if (c < 0xc2) {
      return undefined; // a continuation byte, or the lead of an overlong form
    } else if (c < 0xe0) {
      const c1 = i + 1 < n ? bytes[i + 1]! : 0;
      if ((c1 & 0xc0) !== 0x80) return undefined;
      out[o++] = ((c & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      const c1 = i + 1 < n ? bytes[i + 1]! : 0;
      const c2 = i + 2 < n ? bytes[i + 2]! : 0;
      // E0 needs A0–BF next (no overlong form), ED needs 80–9F (no surrogate).
      if (c1 < (c === 0xe0 ? 0xa0 : 0x80) || c1 > (c === 0xed ? 0x9f : 0xbf) || (c2 & 0xc0) !== 0x80) return undefined;
      out[o++] = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      i += 3;
    } else if (c < 0xf5) {
      const c1 = i + 1 < n ? bytes[i + 1]! : 0;
      const c2 = i + 2 < n ? bytes[i + 2]! : 0;
      const c3 = i + 3 < n ? bytes[i + 3]! : 0;
      // F0 needs 90–BF next (no overlong form), F4 needs 80–8F (nothing past U+10FFFF).
      if (c1 < (c === 0xf0 ? 0x90 : 0x80) || c1 > (c === 0xf4 ? 0x8f : 0xbf) || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return undefined;
      const cp = (((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f)) - 0x10000;
      out[o++] = 0xd800 + (cp >> 10);
      out[o++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    } else return undefined;
  }
  return decodeUnits(out.subarray(0, o));
}

/**
 * Detects the encoding and decodes the bytes. Never throws. The text has no leading
 * byte-order mark (as editors show a file); invalid bytes become U+FFFD.
 */
export function decodeBytes(bytes: Uint8Array): DecodedFile {
  // The fast path: valid UTF-8 without NUL bytes, as nearly every file of a clean corpus is.
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const first = bytes[0];
  if (first !== 0xff && first !== 0xfe && bytes.indexOf(0) < 0) {
    const text = decodeUtf8Strict(hasBom ? bytes.subarray(3) : bytes);
    if (text !== undefined) {
      if (!hasBom && looksBinary(bytes)) return { text: '', encoding: { name: 'unknown', confident: false, bom: false }, binary: true };
      return { text, encoding: { name: 'utf-8', confident: true, bom: hasBom }, binary: false };
    }
    // Not valid UTF-8: the full detection below.
  }
  const { encoding, binary } = detectEncoding(bytes);
  if (binary) return { text: '', encoding, binary };
  switch (encoding.name) {
    case 'utf-16le':
    case 'utf-16be':
      return { text: decodeUtf16(bytes, encoding.bom ? 2 : 0, encoding.name === 'utf-16le').text, encoding, binary };
    case 'windows-1256':
      return { text: dec().cp1256.decode(bytes), encoding, binary };
    case 'windows-1252':
      return { text: dec().cp1252.decode(bytes), encoding, binary };
    default:
      return { text: dec().utf8.decode(encoding.bom ? bytes.subarray(3) : bytes), encoding, binary };
  }
}

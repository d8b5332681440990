/**
 * The two single-byte code pages that UTF-8 Arabic is most often mis-decoded with, as data:
 * Windows-1252 (Western European; a superset of Latin-1 for printable characters) and
 * Windows-1256 (Arabic). Only the upper halves differ from ASCII, so each table lists the
 * 128 characters of bytes 0x80–0xFF in order.
 *
 * Used to undo mojibake: a character of a mis-decoded run is mapped back to its byte, and the
 * bytes are decoded again as UTF-8.
 */

/**
 * Windows-1252, bytes 0x80–0xFF, as the WHATWG Encoding Standard (and so every browser and
 * scraper built on one) decodes them. The five bytes the code page leaves undefined (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 control of the same value.
 */
export const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178' +
  '\u00A0\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE\u00AF' +
  '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00BA\u00BB\u00BC\u00BD\u00BE\u00BF' +
  '\u00C0\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF' +
  '\u00D0\u00D1\u00D2\u00D3\u00D4\u00D5\u00D6\u00D7\u00D8\u00D9\u00DA\u00DB\u00DC\u00DD\u00DE\u00DF' +
  '\u00E0\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF' +
  '\u00F0\u00F1\u00F2\u00F3\u00F4\u00F5\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u00FD\u00FE\u00FF';

/** Windows-1256 (Arabic), bytes 0x80–0xFF. Every byte is defined. */
export const WINDOWS_1256_HIGH =
  '\u20AC\u067E\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0679\u2039\u0152\u0686\u0698\u0688' +
  '\u06AF\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u06A9\u2122\u0691\u203A\u0153\u200C\u200D\u06BA' +
  '\u00A0\u060C\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u06BE\u00AB\u00AC\u00AD\u00AE\u00AF' +
  '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u061B\u00BB\u00BC\u00BD\u00BE\u061F' +
  '\u06C1\u0621\u0622\u0623\u0624\u0625\u0626\u0627\u0628\u0629\u062A\u062B\u062C\u062D\u062E\u062F' +
  '\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u00D7\u0637\u0638\u0639\u063A\u0640\u0641\u0642\u0643' +
  '\u00E0\u0644\u00E2\u0645\u0646\u0647\u0648\u00E7\u00E8\u00E9\u00EA\u00EB\u0649\u064A\u00EE\u00EF' +
  '\u064B\u064C\u064D\u064E\u00F4\u064F\u0650\u00F7\u0651\u00F9\u0652\u00FB\u00FC\u200E\u200F\u06D2';

/** A single-byte code page: decode a byte, encode a UTF-16 code unit back to its byte. */
export interface CodePage {
  /** A name for messages, e.g. `Windows-1256`. */
  readonly name: string;
  /** The character a byte decodes to. */
  decode(byte: number): string;
  /** The byte a code unit came from, or -1 when the code page has no byte for it. */
  encode(code: number): number;
}

/** Highest code unit either table maps (™ U+2122); anything above encodes to -1 without a lookup. */
const MAX_MAPPED = 0x2122;

function build(name: string, high: string, latin1: boolean): CodePage {
  if (high.length !== 128) throw new Error(`${name}: the table must list 128 characters`);
  const table = new Int16Array(MAX_MAPPED + 1).fill(-1);
  for (let b = 0; b < 0x80; b++) table[b] = b;
  // Latin-1's view of the same bytes: U+0080–U+00FF decode from the byte of the same value.
  if (latin1) for (let b = 0x80; b < 0x100; b++) table[b] = b;
  for (let i = 0; i < 128; i++) table[high.charCodeAt(i)] = 0x80 + i;
  return {
    name,
    decode: (byte) => (byte < 0x80 ? String.fromCharCode(byte) : high[byte - 0x80]!),
    encode: (code) => (code <= MAX_MAPPED ? table[code]! : -1),
  };
}

/**
 * Windows-1252, also accepting the plain Latin-1 reading of bytes 0x80–0x9F (C1 controls), so
 * that text mis-decoded either way maps back to the same bytes.
 */
export const WINDOWS_1252: CodePage = build('Windows-1252', WINDOWS_1252_HIGH, true);

/** Windows-1256 (Arabic). */
export const WINDOWS_1256: CodePage = build('Windows-1256', WINDOWS_1256_HIGH, false);

/** Encodes a text in a code page; undefined when a character has no byte there. */
export function encodeCodePage(text: string, page: CodePage): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = page.encode(text.charCodeAt(i));
    if (b < 0) return undefined;
    out[i] = b;
  }
  return out;
}

/** Decodes bytes in a code page (how the mojibake was made). */
export function decodeCodePage(bytes: Uint8Array, page: CodePage): string {
  const chunks: string[] = [];
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    codes.push(page.decode(bytes[i]!).charCodeAt(0));
    if (codes.length === 4096) {
      chunks.push(String.fromCharCode(...codes));
      codes.length = 0;
    }
  }
  chunks.push(String.fromCharCode(...codes));
  return chunks.join('');
}

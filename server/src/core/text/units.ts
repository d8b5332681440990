/**
 * Strings built as UTF-16 code units in a typed array, then decoded once: the UTF-8 decoding
 * loop (encoding.ts) and the buffered normaliser (arabic.ts) both build text this way, which is
 * quicker than concatenating it piece by piece.
 */

/** Whether a Uint16Array's bytes are little-endian here (it is in the platform's byte order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let decoder: { decode(input: Uint16Array): string } | undefined;

/** The string of some UTF-16 code units. A lone surrogate becomes U+FFFD, as TextDecoder makes it. */
export function decodeUnits(units: Uint16Array): string {
  decoder ??= new TextDecoder(LITTLE_ENDIAN ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });
  return decoder.decode(units);
}

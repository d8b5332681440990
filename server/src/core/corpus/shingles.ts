/**
 * Near-duplicate detection primitives: word 5-gram shingles of normalised text, their 32-bit
 * hashes, MinHash signatures, and exact Jaccard similarity of two shingle sets.
 *
 * The text compared is the main article only (headline and body): the read-also block is
 * crawl-time filler that repeats across files of the same day (FORMAT.md).
 */
import { normalizeArabic } from '../arabic';
import { classAt, isPairAt, LETTER_OR_NUMBER, wordCharTable } from '../text/wordChars';

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** MinHash signature length (bins of one-permutation hashing). 16 bands of 4 rows: a pair at Jaccard 0.8 becomes a candidate with probability 0.9998, one at 0.3 with 0.12. */
export const SIGNATURE_SIZE = 64;
export const LSH_BANDS = 16;
export const LSH_ROWS = SIGNATURE_SIZE / LSH_BANDS;

/** FNV-1a over a string's code units, 32 bits. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Final avalanche (murmur3's fmix32), so that near keys spread. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The normalised words of a text: {@link normalizeArabic} first (so harakat, tatweel and
 * invisible characters never split a word), then maximal runs of letters and numbers; anything
 * else (punctuation, symbols, white space, other marks) separates words. One pass with a table.
 */
export function normalizedWords(text: string): string[] {
  return wordsOfNormalized(normalizeArabic(text));
}

/** {@link normalizedWords} of a text that is already normalised. */
export function wordsOfNormalized(n: string): string[] {
  const table = wordCharTable();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < n.length; i++) {
    const pair = isPairAt(n, i);
    const word = (pair ? classAt(n, i, table) : table[n.charCodeAt(i)]!) === LETTER_OR_NUMBER;
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(n.slice(start, i));
      start = -1;
    }
    if (pair) i++;
  }
  if (start >= 0) out.push(n.slice(start));
  return out;
}

/**
 * The sorted, distinct hashes of the word 5-grams of the given texts (each text on its own:
 * a shingle never spans two paragraphs). A text shorter than five words is one shingle.
 */
export function shingleHashes(texts: readonly string[]): Uint32Array {
  return shinglesOfWords(texts.map(normalizedWords));
}

/** The same, from texts already split into normalised words. */
export function shinglesOfWords(wordLists: readonly (readonly string[])[]): Uint32Array {
  return distinctSorted(rawShingles(wordLists));
}

/** The word hashes of one text, reused between calls (grown when a text has more words). */
let wordHashes = new Uint32Array(1024);

/**
 * The hashes of the word 5-grams of the given texts, in text order, repeats included: what
 * {@link minhash} needs (it gives the same signature for these as for the distinct sorted set),
 * without the sort. {@link distinctSorted} makes the set.
 */
export function rawShingles(wordLists: readonly (readonly string[])[]): Uint32Array {
  let total = 0;
  for (const ws of wordLists) if (ws.length) total += Math.max(1, ws.length - SHINGLE_WORDS + 1);
  const all = new Uint32Array(total);
  let k = 0;
  for (const ws of wordLists) {
    if (!ws.length) continue;
    if (wordHashes.length < ws.length) wordHashes = new Uint32Array(ws.length * 2);
    const wh = wordHashes;
    for (let i = 0; i < ws.length; i++) wh[i] = fnv1a(ws[i]!);
    if (ws.length < SHINGLE_WORDS) {
      let h = 0x9747b28c;
      for (let i = 0; i < ws.length; i++) h = mix((h ^ wh[i]!) >>> 0);
      all[k++] = h;
      continue;
    }
    for (let i = 0; i + SHINGLE_WORDS <= ws.length; i++) {
      let h = 0x9747b28c;
      for (let j = 0; j < SHINGLE_WORDS; j++) h = mix((Math.imul(h, 31) ^ wh[i + j]!) >>> 0);
      all[k++] = h;
    }
  }
  return all;
}

/** The distinct values of hashes, sorted (sorts `hashes` in place). */
export function distinctSorted(hashes: Uint32Array): Uint32Array {
  hashes.sort();
  let m = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[m - 1]) hashes[m++] = hashes[i]!;
  return m === hashes.length ? hashes : hashes.slice(0, m);
}

/** Exact Jaccard similarity of two sorted distinct hash arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length && !b.length) return 1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      inter++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/**
 * The MinHash signature of a shingle set, by one-permutation hashing: each shingle is hashed
 * once and falls into one of SIGNATURE_SIZE bins by its top bits; a bin keeps its smallest
 * value. Empty bins (short texts) borrow from the next non-empty bin, rotated, so that two
 * signatures still agree where their sets agree. One hash per shingle instead of one per
 * shingle and bin: 64 times less work than classic MinHash for the same estimate quality.
 * Neither the order of the hashes nor repeats change the signature ({@link rawShingles}).
 *
 * Each bin's value is kept as 16 bits of a hash of it (b-bit MinHash): two different minima
 * agree by chance once in 65,536, which moves an estimate by less than 0.0001, and the index
 * stores a signature in 128 bytes instead of 256 (13 MB less at 100,000 articles). Every
 * estimate is a first filter only: a near-duplicate is confirmed on the texts' shingles.
 */
export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  const filled = new Uint8Array(SIGNATURE_SIZE);
  for (let k = 0; k < shingles.length; k++) {
    const h = mix((shingles[k]! ^ 0x5bd1e995) >>> 0);
    const bin = h >>> 26; // top 6 bits: 64 bins
    const v = h & 0x03ffffff;
    if (v < sig[bin]!) sig[bin] = v;
    filled[bin] = 1;
  }
  if (shingles.length) {
    // Densification by rotation: an empty bin takes the value of the next filled bin to its right.
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      if (filled[i]) continue;
      for (let step = 1; step < SIGNATURE_SIZE; step++) {
        const j = (i + step) % SIGNATURE_SIZE;
        if (filled[j]) {
          sig[i] = (sig[j]! + step * 0x04000000) >>> 0;
          break;
        }
      }
    }
  }
  for (let i = 0; i < SIGNATURE_SIZE; i++) sig[i] = mix(sig[i]!) >>> 16;
  return sig;
}

/** The share of equal positions of two signatures: an estimate of their sets' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** The LSH bucket keys of a signature, one per band (the band number is mixed in). */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = mix(b + 1);
    for (let r = 0; r < LSH_ROWS; r++) h = mix((Math.imul(h, 31) ^ sig[b * LSH_ROWS + r]!) >>> 0);
    keys.push(h);
  }
  return keys;
}

/**
 * Near-duplicate detection primitives: word 5-gram shingles of normalised text, their 32-bit
 * hashes, MinHash signatures, and exact Jaccard similarity of two shingle sets.
 *
 * The text compared is the main article only (headline and body): the read-also block is
 * crawl-time filler that repeats across files of the same day (FORMAT.md).
 */
import { normalizeArabic } from '../arabic';

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** MinHash signature length. 16 bands of 4 rows: a pair at Jaccard 0.8 becomes a candidate with probability 0.9998, one at 0.3 with 0.12. */
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
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const PUNCT = /[^\p{L}\p{N}\s]+/gu;

/** The normalised words of a text, punctuation removed. */
export function normalizedWords(text: string): string[] {
  const n = normalizeArabic(text.replace(PUNCT, ' '));
  return n ? n.split(' ') : [];
}

/**
 * The sorted, distinct hashes of the word 5-grams of the given texts (each text on its own:
 * a shingle never spans two paragraphs). A text shorter than five words is one shingle.
 */
export function shingleHashes(texts: readonly string[]): Uint32Array {
  const set = new Set<number>();
  for (const t of texts) {
    const ws = normalizedWords(t);
    if (!ws.length) continue;
    const wh = ws.map((w) => fnv1a(w));
    if (ws.length < SHINGLE_WORDS) {
      let h = 0x9747b28c;
      for (const x of wh) h = mix((h ^ x) >>> 0);
      set.add(h);
      continue;
    }
    for (let i = 0; i + SHINGLE_WORDS <= wh.length; i++) {
      let h = 0x9747b28c;
      for (let j = 0; j < SHINGLE_WORDS; j++) h = mix((Math.imul(h, 31) ^ wh[i + j]!) >>> 0);
      set.add(h);
    }
  }
  const out = Uint32Array.from(set);
  out.sort();
  return out;
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

/** The seeds of the signature's hash functions (fixed, so signatures are comparable across runs). */
const SEEDS: Uint32Array = (() => {
  const s = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x2545f491;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = mix((x + 0x9e3779b9) >>> 0);
    s[i] = x;
  }
  return s;
})();

/** The MinHash signature of a shingle set: for each seeded hash, the minimum over the set. */
export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let k = 0; k < shingles.length; k++) {
    const x = shingles[k]!;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix((x ^ SEEDS[i]!) >>> 0);
      if (h < sig[i]!) sig[i] = h;
    }
  }
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

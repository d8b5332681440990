/**
 * Keyword postings of the corpus index: a key → the ids of the articles that have it, in
 * ascending order. A lone id is kept as itself (most keywords of a real corpus have one article);
 * two and more as a sorted array of small integers, about 8 bytes an id where a `Set` took 25 to
 * 30 (the postings were a sixth of the index). Ids arrive mostly in ascending order (articles are
 * indexed in file order), so adding one is nearly always a push.
 *
 * A key that most articles share (a corpus's commonest keywords) is kept as a bitset over the
 * ids instead: a corpus pass that splits keyword lines again takes ids out of such lists and puts
 * others in anywhere, and each of those moved half a sorted array that could hold most of the
 * corpus (2.6 billion moves on 100,000 articles). A bitset adds and removes in place and is no
 * larger than the array it replaces.
 */
export class Postings {
  private readonly map = new Map<string, number | number[] | IdBitset>();

  /** Adds an id under a key (no effect when it is there). */
  add(key: string, id: number): void {
    const v = this.map.get(key);
    if (v === undefined) {
      this.map.set(key, id);
      return;
    }
    if (typeof v === 'number') {
      if (v !== id) this.map.set(key, v < id ? [v, id] : [id, v]);
      return;
    }
    if (v instanceof IdBitset) {
      v.add(id);
      return;
    }
    if (id > v[v.length - 1]!) v.push(id);
    else {
      const at = lowerBound(v, id);
      if (v[at] === id) return;
      v.splice(at, 0, id);
    }
    if (v.length >= DENSE_MIN && v.length * ID_BITS >= v[v.length - 1]!) this.map.set(key, IdBitset.of(v));
  }

  /** Removes an id from a key; the key goes with its last id. */
  delete(key: string, id: number): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (typeof v === 'number') {
      if (v === id) this.map.delete(key);
      return;
    }
    if (v instanceof IdBitset) {
      // Back to an array once the bitset is four times the array's size (not at once: a list
      // that hovers about the limit would be converted back and forth).
      if (!v.delete(id) || v.size * ID_BITS * 4 >= v.capacity) return;
      if (v.size === 0) this.map.delete(key);
      else this.map.set(key, v.size === 1 ? v.first() : [...v]);
      return;
    }
    const at = lowerBound(v, id);
    if (v[at] !== id) return;
    v.splice(at, 1);
    if (v.length === 1) this.map.set(key, v[0]!);
  }

  /** Whether a key has an id. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** How many ids a key has. */
  count(key: string): number {
    const v = this.map.get(key);
    return v === undefined ? 0 : typeof v === 'number' ? 1 : v instanceof IdBitset ? v.size : v.length;
  }

  /** The ids of a key, ascending (a lone id without allocating). */
  *values(key: string): IterableIterator<number> {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (typeof v === 'number') yield v;
    else yield* v;
  }

  /** How many keys there are. */
  get size(): number {
    return this.map.size;
  }
}

/** Ids a list holds before it may become a bitset (below this, moving an array's ids is cheap). */
const DENSE_MIN = 64;
/**
 * Bits of a bitset per id of the array it replaces: an array element takes 8 bytes, 64 bits, so
 * a list becomes a bitset when that costs no more than the array.
 */
const ID_BITS = 64;

/** A set of ids as bits, growing with the largest id; iterates in ascending order. */
class IdBitset {
  private words: Uint32Array;
  /** How many ids it holds. */
  size = 0;

  private constructor(words: number) {
    this.words = new Uint32Array(words);
  }

  /** A bitset of the ids of a sorted array (of at least one id). */
  static of(ids: readonly number[]): IdBitset {
    const set = new IdBitset((ids[ids.length - 1]! >>> 5) + 1);
    for (const id of ids) set.add(id);
    return set;
  }

  /** How many ids it has room for without growing. */
  get capacity(): number {
    return this.words.length * 32;
  }

  /** Adds an id; false when it was there. */
  add(id: number): boolean {
    const w = id >>> 5;
    if (w >= this.words.length) {
      const grown = new Uint32Array(Math.max(w + 1, this.words.length * 2));
      grown.set(this.words);
      this.words = grown;
    }
    const bit = 1 << (id & 31);
    if (this.words[w]! & bit) return false;
    this.words[w]! |= bit;
    this.size++;
    return true;
  }

  /** Removes an id; false when it was not there. */
  delete(id: number): boolean {
    const w = id >>> 5;
    const bit = 1 << (id & 31);
    if (w >= this.words.length || !(this.words[w]! & bit)) return false;
    this.words[w]! &= ~bit;
    this.size--;
    return true;
  }

  /** The smallest id (the set is not empty). */
  first(): number {
    for (const id of this) return id;
    return -1;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    const words = this.words;
    for (let w = 0; w < words.length; w++) {
      let bits = words[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        yield w * 32 + 31 - Math.clz32(low);
        bits ^= low;
      }
    }
  }
}

/** The first position of a sorted array whose value is not below `id`. */
function lowerBound(a: readonly number[], id: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

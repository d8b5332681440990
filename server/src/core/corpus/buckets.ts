/**
 * The LSH buckets of the corpus index: bucket key (a 32-bit hash) → the ids of the articles in
 * that bucket. Every article is in sixteen buckets, nearly all of which hold only it, so a
 * corpus of 100,000 articles has about 1.6 million keys: in a `Map` they cost about 50 bytes
 * each; in this open-addressing table (linear probing, backward-shift deletion) 8 bytes, with
 * the rare shared buckets in small arrays.
 */

const EMPTY = 0x7fffffff;

/** A multimap from 32-bit keys to small non-negative integers. */
export class BucketTable {
  private keys = new Uint32Array(1024);
  /** An id (≥ 0), EMPTY, or -1 - i for the list `lists[i]`. */
  private vals = new Int32Array(1024).fill(EMPTY);
  private count = 0;
  private readonly lists: (number[] | undefined)[] = [];
  private readonly freeLists: number[] = [];

  /** How many keys are in use. */
  get size(): number {
    return this.count;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let i = key & mask;
    while (this.vals[i] !== EMPTY && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /**
   * Makes room for `keys` keys in all, so that adding them never grows the table: growing
   * moves every key at once, about 80 ms at 1.6 million keys, which a host that knows how many
   * articles it is about to index spends up front, on an empty table.
   */
  reserve(keys: number): void {
    let capacity = this.keys.length;
    while (keys * 2 > capacity) capacity *= 2;
    if (capacity > this.keys.length) this.resize(capacity);
  }

  private grow(): void {
    this.resize(this.keys.length * 2);
  }

  private resize(capacity: number): void {
    const keys = this.keys;
    const vals = this.vals;
    this.keys = new Uint32Array(capacity);
    this.vals = new Int32Array(capacity).fill(EMPTY);
    for (let i = 0; i < keys.length; i++) {
      if (vals[i] === EMPTY) continue;
      const j = this.find(keys[i]!);
      this.keys[j] = keys[i]!;
      this.vals[j] = vals[i]!;
    }
  }

  /** Adds `id` to the bucket `key`. */
  add(key: number, id: number): void {
    key >>>= 0;
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const i = this.find(key);
    const v = this.vals[i]!;
    if (v === EMPTY) {
      this.keys[i] = key;
      this.vals[i] = id;
      this.count++;
    } else if (v >= 0) {
      const list = [v, id];
      const li = this.freeLists.pop() ?? this.lists.length;
      this.lists[li] = list;
      this.vals[i] = -1 - li;
    } else {
      this.lists[-1 - v]!.push(id);
    }
  }

  /** Calls `each` for every id in the bucket `key`. */
  forEach(key: number, each: (id: number) => void): void {
    const v = this.vals[this.find(key >>> 0)]!;
    if (v === EMPTY) return;
    if (v >= 0) each(v);
    else for (const id of this.lists[-1 - v]!) each(id);
  }

  /** Removes `id` from the bucket `key`. */
  remove(key: number, id: number): void {
    const i = this.find(key >>> 0);
    const v = this.vals[i]!;
    if (v === EMPTY) return;
    if (v < 0) {
      const li = -1 - v;
      const list = this.lists[li]!;
      const at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1);
      if (list.length > 1) return;
      this.lists[li] = undefined;
      this.freeLists.push(li);
      if (list.length === 1) {
        this.vals[i] = list[0]!;
        return;
      }
    } else if (v !== id) return;
    this.deleteAt(i);
  }

  /** Empties slot i, moving later entries of its probe run back so that every key stays findable. */
  private deleteAt(i: number): void {
    const mask = this.keys.length - 1;
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (this.vals[j] === EMPTY) break;
      const home = this.keys[j]! & mask;
      // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      this.keys[hole] = this.keys[j]!;
      this.vals[hole] = this.vals[j]!;
      hole = j;
    }
    this.vals[hole] = EMPTY;
    this.count--;
  }
}

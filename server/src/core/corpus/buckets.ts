/**
 * The LSH buckets of the corpus index: bucket key (a 32-bit hash) → the ids of the articles in
 * that bucket. Every article is in sixteen buckets, nearly all of which hold only it, so a
 * corpus of 100,000 articles has about 1.6 million keys: in a `Map` they cost about 50 bytes
 * each; in this open-addressing table (linear probing, backward-shift deletion) 10 to 20 bytes, with
 * the rare shared buckets in small arrays.
 */

const EMPTY = 0x7fffffff;

/**
 * The table is 256 tables, chosen by a key's top eight bits (the keys are hashes), each growing
 * on its own: growing one moves 1/256 of the keys (well under a millisecond at 1.6 million), so
 * the table needs no size given up front and never pauses its host. A single table had to be
 * reserved at its final size before indexing (about 34 MB at once for 100,000 articles, which also
 * made V8 start a full collection) or moved all its keys each time it doubled (about 80 ms).
 */
const SHARD_SHIFT = 24;
const SHARDS = 1 << (32 - SHARD_SHIFT);
const FIRST_CAPACITY = 16;

/** One of the tables: open addressing, linear probing on the key's low bits, backward-shift deletion. */
class Shard {
  keys = new Uint32Array(FIRST_CAPACITY);
  /** An id (≥ 0), EMPTY, or -1 - i for the list `lists[i]` of the BucketTable. */
  vals = new Int32Array(FIRST_CAPACITY).fill(EMPTY);
  count = 0;

  find(key: number): number {
    const keys = this.keys;
    const vals = this.vals;
    const mask = keys.length - 1;
    let i = key & mask;
    while (vals[i] !== EMPTY && keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /**
   * Makes room for one more key, keeping the load at four fifths at most: a lookup of a key
   * that is there (every band key of an indexed article) takes about three probes at that
   * load, an insertion about thirteen, so the table costs 10 to 20 bytes a key instead of 16
   * to 32 at one half (17 MB less at 100,000 articles; see bench/corpus-bench.ts).
   */
  roomForOne(): void {
    if ((this.count + 1) * 5 <= this.keys.length * 4) return;
    const keys = this.keys;
    const vals = this.vals;
    this.keys = new Uint32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2).fill(EMPTY);
    for (let i = 0; i < keys.length; i++) {
      if (vals[i] === EMPTY) continue;
      const j = this.find(keys[i]!);
      this.keys[j] = keys[i]!;
      this.vals[j] = vals[i]!;
    }
  }

  /** Empties slot i, moving later entries of its probe run back so that every key stays findable. */
  deleteAt(i: number): void {
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

/** A multimap from 32-bit keys to small non-negative integers. */
export class BucketTable {
  private readonly shards: Shard[] = Array.from({ length: SHARDS }, () => new Shard());
  private count = 0;
  private readonly lists: (number[] | undefined)[] = [];
  private readonly freeLists: number[] = [];

  /** How many keys are in use. */
  get size(): number {
    return this.count;
  }

  /** Adds `id` to the bucket `key`. */
  add(key: number, id: number): void {
    key >>>= 0;
    const shard = this.shards[key >>> SHARD_SHIFT]!;
    shard.roomForOne();
    const i = shard.find(key);
    const v = shard.vals[i]!;
    if (v === EMPTY) {
      shard.keys[i] = key;
      shard.vals[i] = id;
      shard.count++;
      this.count++;
    } else if (v >= 0) {
      const list = [v, id];
      const li = this.freeLists.pop() ?? this.lists.length;
      this.lists[li] = list;
      shard.vals[i] = -1 - li;
    } else {
      this.lists[-1 - v]!.push(id);
    }
  }

  /** Calls `each` for every id in the bucket `key`. */
  forEach(key: number, each: (id: number) => void): void {
    key >>>= 0;
    const shard = this.shards[key >>> SHARD_SHIFT]!;
    const v = shard.vals[shard.find(key)]!;
    if (v === EMPTY) return;
    if (v >= 0) each(v);
    else for (const id of this.lists[-1 - v]!) each(id);
  }

  /** Removes `id` from the bucket `key`. */
  remove(key: number, id: number): void {
    key >>>= 0;
    const shard = this.shards[key >>> SHARD_SHIFT]!;
    const i = shard.find(key);
    const v = shard.vals[i]!;
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
        shard.vals[i] = list[0]!;
        return;
      }
    } else if (v !== id) return;
    shard.deleteAt(i);
    this.count--;
  }
}

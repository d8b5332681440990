/**
 * A map from a key to a set of values that keeps a lone value as itself: in a corpus nearly
 * every keyword, headline and spelling group has one article or one form, and a Set costs a
 * hundred bytes and more before it holds anything. Values are strings or numbers, so that a
 * set is told from a lone value by its type.
 */
export class MultiMap<K, V extends string | number> {
  private readonly map = new Map<K, V | Set<V>>();

  /** Adds a value under a key (no effect when it is there). */
  add(key: K, value: V): void {
    const v = this.map.get(key);
    if (v === undefined) this.map.set(key, value);
    else if (typeof v === 'object') v.add(value);
    else if (v !== value) this.map.set(key, new Set([v, value]));
  }

  /** Removes a value from a key; the key goes with its last value. */
  delete(key: K, value: V): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (!(typeof v === 'object')) {
      if (v === value) this.map.delete(key);
      return;
    }
    v.delete(value);
    if (v.size === 1) this.map.set(key, v.values().next().value as V);
  }

  /** Whether a key has a value. */
  has(key: K): boolean {
    return this.map.has(key);
  }

  /** How many values a key has. */
  count(key: K): number {
    const v = this.map.get(key);
    return v === undefined ? 0 : typeof v === 'object' ? v.size : 1;
  }

  /** The values of a key (a lone value without allocating a set). */
  *values(key: K): IterableIterator<V> {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (typeof v === 'object') yield* v;
    else yield v;
  }

  /** How many keys there are. */
  get size(): number {
    return this.map.size;
  }
}

/**
 * Keyword postings of the corpus index: a key → the ids of the articles that have it, in
 * ascending order. A lone id is kept as itself (most keywords of a real corpus have one article);
 * two and more as a sorted array of small integers, about 8 bytes an id where a `Set` took 25 to
 * 30 (the postings were a sixth of the index). Ids arrive mostly in ascending order (articles are
 * indexed in file order), so adding one is nearly always a push.
 */
export class Postings {
  private readonly map = new Map<string, number | number[]>();

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
    if (id > v[v.length - 1]!) {
      v.push(id);
      return;
    }
    const at = lowerBound(v, id);
    if (v[at] !== id) v.splice(at, 0, id);
  }

  /** Removes an id from a key; the key goes with its last id. */
  delete(key: string, id: number): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (typeof v === 'number') {
      if (v === id) this.map.delete(key);
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
    return v === undefined ? 0 : typeof v === 'number' ? 1 : v.length;
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

/**
 * Substring search over every article's normalised headline (workspace symbols). A linear scan
 * of 100,000 headline strings costs tens of milliseconds; here the headlines are kept joined in
 * blocks of 1,024 articles, each one string searched with `indexOf` (a fast native search), and
 * a match is mapped back to its article by binary search. A change marks its block stale; a
 * block is joined again when next searched.
 */

/** Articles per block. */
const BLOCK = 1024;
/** Never in a normalised headline (normalizeArabic turns line breaks into spaces). */
const SEPARATOR = '\n';

interface Block {
  text: string;
  /** Start offset of each headline in `text`, ascending. */
  starts: number[];
  /** The article id of each headline. */
  ids: number[];
}

/** Headline search over articles identified by small integer ids. */
export class HeadlineSearch {
  private readonly blocks: (Block | undefined)[] = [];

  /** `headlineOf(id)` is the normalised headline of article id, or undefined/'' for none. */
  constructor(private readonly headlineOf: (id: number) => string | undefined) {}

  /** Marks the article's block stale (call on every add, change or removal). */
  touch(id: number): void {
    this.blocks[Math.floor(id / BLOCK)] = undefined;
  }

  private block(b: number): Block {
    let block = this.blocks[b];
    if (block) return block;
    const parts: string[] = [];
    const starts: number[] = [];
    const ids: number[] = [];
    let offset = 0;
    for (let id = b * BLOCK; id < (b + 1) * BLOCK; id++) {
      const h = this.headlineOf(id);
      if (!h) continue;
      starts.push(offset);
      ids.push(id);
      parts.push(h);
      offset += h.length + SEPARATOR.length;
    }
    block = { text: parts.join(SEPARATOR) + SEPARATOR, starts, ids };
    this.blocks[b] = block;
    return block;
  }

  /**
   * Calls `each(id, at)` for every article whose headline contains `query` (normalised, not
   * empty), in id order, with the offset of the first occurrence in its headline, until `each`
   * returns false. `size` is one past the largest id.
   */
  search(query: string, size: number, each: (id: number, at: number) => boolean): void {
    if (!query || query.includes(SEPARATOR)) return;
    for (let b = 0; b * BLOCK < size; b++) {
      const { text, starts, ids } = this.block(b);
      let from = 0;
      for (;;) {
        const hit = text.indexOf(query, from);
        if (hit < 0) break;
        // The headline holding the hit: the last start at or before it.
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= hit) lo = mid;
          else hi = mid - 1;
        }
        const start = starts[lo]!;
        const end = lo + 1 < starts.length ? starts[lo + 1]! - SEPARATOR.length : text.length - SEPARATOR.length;
        if (hit + query.length <= end && !each(ids[lo]!, hit - start)) return;
        // The next headline (a query never spans the separator of two headlines).
        from = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
      }
    }
  }
}

/**
 * Substring search over every article's normalised headline (workspace symbols). A linear scan
 * of 100,000 headline strings costs tens of milliseconds; here the headlines are kept joined in
 * blocks of 1,024 articles, each one string searched with `indexOf` (a fast native search), and
 * a match is mapped back to its article by binary search. A change marks its block stale; a
 * block is joined again when next searched.
 *
 * Each headline in a block follows a separator, so the headlines that start with the query are
 * found by searching for the separator and the query: a caller that wants those first (workspace
 * symbols ranks them first) never visits the many headlines that hold a common query inside.
 */

/** Articles per block. */
const BLOCK = 1024;
/** Never in a normalised headline (normalizeArabic turns line breaks into spaces). */
const SEPARATOR = '\n';

/** Which of the headlines holding the query a search reports. */
export type HeadlineMatch = 'any' | 'prefix' | 'infix';

interface Block {
  /** The block's headlines, each after a separator, and one separator at the end. */
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
    let offset = SEPARATOR.length;
    for (let id = b * BLOCK; id < (b + 1) * BLOCK; id++) {
      const h = this.headlineOf(id);
      if (!h) continue;
      starts.push(offset);
      ids.push(id);
      parts.push(h);
      offset += h.length + SEPARATOR.length;
    }
    block = { text: SEPARATOR + parts.join(SEPARATOR) + SEPARATOR, starts, ids };
    this.blocks[b] = block;
    return block;
  }

  /**
   * Calls `each(id, at)` for every article whose headline contains `query` (normalised, not
   * empty), in id order, with the offset of the first occurrence in its headline, until `each`
   * returns false. `size` is one past the largest id. `match`: every such headline (`any`), only
   * those that start with the query (`prefix`, `at` is 0), or only the others (`infix`).
   */
  search(query: string, size: number, each: (id: number, at: number) => boolean, match: HeadlineMatch = 'any'): void {
    if (!query || query.includes(SEPARATOR)) return;
    const needle = match === 'prefix' ? SEPARATOR + query : query;
    // A prefix hit starts at the separator before its headline.
    const shift = match === 'prefix' ? SEPARATOR.length : 0;
    for (let b = 0; b * BLOCK < size; b++) {
      const { text, starts, ids } = this.block(b);
      // No hit of any kind before the query's first occurrence. (A short needle that starts with
      // the separator, which comes before every headline, is slow to search for: a block without
      // the query is skipped on the plain search.)
      const first = text.indexOf(query);
      if (first < 0) continue;
      let from = first - shift;
      for (;;) {
        const found = text.indexOf(needle, from);
        if (found < 0) break;
        const hit = found + shift;
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
        const wanted = match === 'any' || (match === 'prefix') === (hit === start);
        if (hit + query.length <= end && wanted && !each(ids[lo]!, hit - start)) return;
        // The next headline (a query never spans the separator of two headlines).
        from = lo + 1 < starts.length ? starts[lo + 1]! - shift : text.length;
      }
    }
  }
}

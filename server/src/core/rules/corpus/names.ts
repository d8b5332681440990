/** Helpers shared by the corpus rules. */

/** The file name of a URI, for messages. */
export function fileName(uri: string): string {
  const last = uri.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Levenshtein distance, for short strings (source names). With `max`, any distance above it is
 * answered as `max + 1`, as soon as it is certain: when the lengths differ by more, or when a
 * whole row of the table is above it.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[] = [];
  for (let j = 0; j <= b.length; j++) d.push(j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      const v = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      d[j] = v;
      if (v < rowMin) rowMin = v;
      prev = tmp;
    }
    if (rowMin > max) return max + 1;
  }
  return Math.min(d[b.length]!, max + 1);
}

/** The most frequent spelling of a map (ties: the smallest in code-unit order). */
export function mostFrequent(spellings: ReadonlyMap<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const [s, c] of spellings) if (!best || c > best[1] || (c === best[1] && s < best[0])) best = [s, c];
  return best;
}

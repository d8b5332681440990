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

/** Levenshtein distance, for short strings (source names). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[] = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/** The most frequent spelling of a map (ties: the smallest in code-unit order). */
export function mostFrequent(spellings: ReadonlyMap<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const [s, c] of spellings) if (!best || c > best[1] || (c === best[1] && s < best[0])) best = [s, c];
  return best;
}

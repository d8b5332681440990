/**
 * Deciding whether a plain-text document is an article, from its content alone: a date-line
 * marker in its first five lines, or two different section markers anywhere (so an article
 * that lost its date line is still recognised). Used by the VS Code client to switch `.txt`
 * files to the `arabic-news` language and by the server for clients that send `plaintext`.
 */
import { DEFAULT_MARKERS, type MarkerKind, type MarkerTokens, matchMarker } from './markers';

/** Lines looked at in a very large file, to stay fast. */
const MAX_LINES = 20_000;

/** True when the text looks like an article. */
export function looksLikeArticle(text: string, markers: MarkerTokens = DEFAULT_MARKERS): boolean {
  const seen = new Set<MarkerKind>();
  let start = 0;
  for (let i = 0; i < MAX_LINES && start <= text.length; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (line.trim()) {
      const m = matchMarker(line, markers);
      if (m) {
        if (m.kind === 'date' && i < 5) return true;
        seen.add(m.kind);
        if (seen.size >= 2) return true;
      }
    }
    if (end >= text.length) break;
  }
  return false;
}

/**
 * Custom requests for the VS Code client's corpus views (dashboard, corpus tree, search,
 * status bar). Glue: the answers come from core/corpus/queries.ts and the corpus host.
 *
 * - `arabicNews/status` → { indexReady, articles, files }
 * - `arabicNews/corpusStats` { filter? } → CorpusStats
 * - `arabicNews/facet` { groupBy: 'source'|'month'|'keyword', filter?, limit? } → FacetValue[]
 * - `arabicNews/articles` { filter?, offset?, limit? } → { total, items: ArticleItem[] }
 * - `arabicNews/search` { query, limit? } → { items: SearchHit[], truncated }
 */
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { normalizeArabic, tolerantPattern } from './core/arabic';
import { type ArticleFilter, corpusStats, facet, listArticles } from './core/corpus/queries';
import type { CorpusHost } from './corpusHost';
import { TimeSlice } from './slices';

/** A search result: a headline or a paragraph, with the exact range of the match. */
export interface SearchHit {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly length: number;
  /** The matched line, cut around the match. */
  readonly text: string;
  readonly kind: 'headline' | 'paragraph';
  readonly headline: string;
}

/** What the requests need from the server. */
export interface CorpusRequestDeps {
  readonly connection: Connection;
  readonly host: CorpusHost;
  readonly guard: <T>(name: string, fallback: T, fn: () => T | Promise<T>) => Promise<T>;
  readonly status: () => { indexReady: boolean; files: number };
}

const excerpt = (line: string, at: number, length: number): string => {
  const start = Math.max(0, at - 60);
  const end = Math.min(line.length, at + length + 60);
  return (start > 0 ? '…' : '') + line.slice(start, end) + (end < line.length ? '…' : '');
};

/**
 * Searches the corpus as Arabic is written: headlines from the index at once, then paragraphs
 * read from the files, in slices so the server keeps answering; stops at `limit` hits.
 */
export async function searchCorpus(host: CorpusHost, query: string, limit: number, token?: CancellationToken): Promise<{ items: SearchHit[]; truncated: boolean }> {
  const q = normalizeArabic(query);
  if (!q) return { items: [], truncated: false };
  const re = new RegExp(tolerantPattern(query), 'u');
  const items: SearchHit[] = [];
  const summaries = [...host.index.all()];
  for (const s of summaries) {
    if (!s.headlineNormalized.includes(q)) continue;
    const m = re.exec(s.headline);
    items.push({ uri: s.uri, line: s.headlineLine, character: m?.index ?? 0, length: m?.[0].length ?? 0, text: s.headline, kind: 'headline', headline: s.headline });
    if (items.length >= limit) return { items, truncated: true };
  }
  const slice = new TimeSlice();
  for (const s of summaries) {
    if (token?.isCancellationRequested) break;
    const text = await host.textOf(s.uri);
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\n|\r/);
    for (let i = 0; i < lines.length; i++) {
      if (i === s.headlineLine) continue;
      const m = re.exec(lines[i]!);
      if (!m) continue;
      items.push({ uri: s.uri, line: i, character: m.index, length: m[0].length, text: excerpt(lines[i]!, m.index, m[0].length), kind: 'paragraph', headline: s.headline });
      if (items.length >= limit) return { items, truncated: true };
    }
    await slice.yieldIfDue();
  }
  return { items, truncated: false };
}

/** Registers the requests. */
export function registerCorpusRequests({ connection, host, guard, status }: CorpusRequestDeps): void {
  connection.onRequest('arabicNews/status', () => guard('status', { indexReady: false, articles: 0, files: 0 }, () => ({ ...status(), articles: host.index.size })));
  connection.onRequest('arabicNews/corpusStats', (p: { filter?: ArticleFilter } | undefined) =>
    guard('corpusStats', null, () => corpusStats(host.index, p?.filter ?? {})),
  );
  connection.onRequest('arabicNews/facet', (p: { groupBy: 'source' | 'month' | 'keyword'; filter?: ArticleFilter; limit?: number }) =>
    guard('facet', [], () => facet(host.index, p.groupBy, p.filter ?? {}, p.limit ?? 1000)),
  );
  connection.onRequest('arabicNews/articles', (p: { filter?: ArticleFilter; offset?: number; limit?: number } | undefined) =>
    guard('articles', { total: 0, items: [] }, () => listArticles(host.index, p?.filter ?? {}, p?.offset ?? 0, Math.min(p?.limit ?? 200, 5000))),
  );
  connection.onRequest('arabicNews/search', (p: { query: string; limit?: number }, token: CancellationToken) =>
    guard('search', { items: [], truncated: false }, () => searchCorpus(host, String(p?.query ?? ''), Math.min(p?.limit ?? 500, 5000), token)),
  );
}

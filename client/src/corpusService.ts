/**
 * The client side of the server's corpus requests (server/src/corpusRequests.ts) and of its
 * indexing notifications, typed, for the dashboard, the corpus view, search and the status bar.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ArticleFilter, ArticleItem, CorpusStats, FacetValue } from '../../server/src/core/corpus/queries';
import type { SearchHit } from '../../server/src/corpusRequests';

export type { ArticleFilter, ArticleItem, CorpusStats, FacetValue, SearchHit };

export interface IndexProgress {
  readonly done: number;
  readonly total: number;
}

export interface IndexReady {
  readonly articles: number;
  readonly keywords: number;
  readonly files: number;
  readonly ms: number;
}

export interface ArticlePage {
  readonly total: number;
  readonly items: readonly ArticleItem[];
}

export type FacetKind = 'source' | 'month' | 'keyword';

export class CorpusService implements vscode.Disposable {
  private readonly progressEmitter = new vscode.EventEmitter<IndexProgress>();
  private readonly readyEmitter = new vscode.EventEmitter<IndexReady>();
  /** Fires while the server indexes the workspace. */
  readonly onIndexProgress = this.progressEmitter.event;
  /** Fires when an indexing pass has finished (also after a server restart). */
  readonly onIndexReady = this.readyEmitter.event;
  /** The last progress report, while an indexing pass runs. */
  progress: IndexProgress | undefined;
  /** Whether an indexing pass has finished since the server started. */
  indexReady = false;
  private started: Promise<void>;
  private markStarted!: () => void;
  private markFailed!: (reason: unknown) => void;

  constructor(private readonly client: LanguageClient) {
    this.started = new Promise((resolve, reject) => {
      this.markStarted = resolve;
      this.markFailed = reject;
    });
    this.started.catch(() => {}); // rejected only when the server cannot start; each request reports it
    // Registered before the client starts, so the first notifications are not missed.
    client.onNotification('arabicNews/indexProgress', (p: IndexProgress) => {
      this.progress = p;
      this.indexReady = false;
      this.progressEmitter.fire(p);
    });
    client.onNotification('arabicNews/indexReady', (r: IndexReady) => {
      this.progress = undefined;
      this.indexReady = true;
      this.readyEmitter.fire(r);
    });
  }

  /** Called once the language client has started: requests wait until then. */
  clientStarted(): void {
    this.markStarted();
  }

  /** Called when the language client could not start: requests fail instead of waiting. */
  clientFailed(reason: unknown): void {
    this.markFailed(reason);
  }

  private async request<T>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<T> {
    await this.started;
    return token ? this.client.sendRequest<T>(method, params, token) : this.client.sendRequest<T>(method, params);
  }

  status(): Promise<{ indexReady: boolean; articles: number; files: number }> {
    return this.request('arabicNews/status', {});
  }

  async stats(filter: ArticleFilter = {}): Promise<CorpusStats | undefined> {
    return (await this.request<CorpusStats | null>('arabicNews/corpusStats', { filter })) ?? undefined;
  }

  facet(groupBy: FacetKind, filter: ArticleFilter = {}, limit?: number): Promise<FacetValue[]> {
    return this.request('arabicNews/facet', { groupBy, filter, ...(limit ? { limit } : {}) });
  }

  articles(filter: ArticleFilter = {}, offset = 0, limit = 200): Promise<ArticlePage> {
    return this.request('arabicNews/articles', { filter, offset, limit });
  }

  search(query: string, limit: number, token?: vscode.CancellationToken): Promise<{ items: SearchHit[]; truncated: boolean }> {
    return this.request('arabicNews/search', { query, limit }, token);
  }

  dispose(): void {
    this.progressEmitter.dispose();
    this.readyEmitter.dispose();
  }
}

/** Calls `fn` at most once per `ms`, after the last call (trailing debounce). */
export function debounce(fn: () => void, ms: number): (() => void) & { cancel(): void; flush(): void } {
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
  return Object.assign(run, {
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
    flush: () => {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
        fn();
      }
    },
  });
}

/** Messages between the corpus dashboard (extension host) and its webview (media/src/dashboard.ts). */
import type { ArticleFilter, ArticleItem, CorpusStats } from '../../../server/src/core/corpus/queries';

export type ChartId = 'month' | 'source' | 'keyword' | 'rule';

export interface DashboardStrings {
  readonly articles: string;
  readonly sources: string;
  readonly months: string;
  readonly problems: string;
  readonly byMonth: string;
  readonly bySource: string;
  readonly topKeywords: string;
  readonly byRule: string;
  readonly noDate: string;
  readonly noSource: string;
  readonly noData: string;
  readonly indexing: string;
  readonly clickBar: string;
  readonly listTitle: string;
  readonly listMore: string;
  readonly problemCount: string;
  readonly close: string;
}

/** A bar the user clicked: the filter of its articles and how to name it. */
export interface Selection {
  readonly chart: ChartId;
  readonly filter: ArticleFilter;
  readonly label: string;
}

export type ToDashboard =
  | { readonly type: 'stats'; readonly stats: CorpusStats; readonly indexing: boolean; readonly strings: DashboardStrings; readonly locale: string }
  | { readonly type: 'list'; readonly selection: Selection; readonly total: number; readonly items: readonly ArticleItem[] };

/** What the webview reports after drawing (read by the end-to-end tests through the API). */
export interface DashboardRendered {
  /** Bars drawn per chart. */
  readonly bars: Readonly<Record<ChartId, number>>;
  readonly articles: number;
}

export type FromDashboard =
  | { readonly type: 'ready' }
  | { readonly type: 'select'; readonly selection: Selection }
  | { readonly type: 'open'; readonly uri: string }
  | ({ readonly type: 'rendered' } & DashboardRendered)
  | { readonly type: 'listed'; readonly count: number; readonly label: string };

/**
 * "Arabic News: Show Corpus Dashboard": a webview with the corpus at a glance (articles per
 * month and per source, top keywords, problems per rule) from the server's aggregates, drawn
 * with Chart.js (bundled into dist/webview/dashboard.js). Clicking a bar lists its articles;
 * clicking an article opens it. Refreshed when indexing finishes and when problems change.
 */
import * as vscode from 'vscode';
import { type CorpusService, type CorpusStats, debounce } from '../corpusService';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import type { DashboardRendered, DashboardStrings, FromDashboard, Selection, ToDashboard } from './protocol';

export const DASHBOARD_VIEW_TYPE = 'arabicNews.dashboard';
/** Problems change in bursts (a whole corpus is checked after indexing): wait for quiet. */
const DIAGNOSTICS_DELAY_MS = 1000;
/** Articles listed under the charts for a clicked bar. */
const LIST_LIMIT = 200;

function strings(): DashboardStrings {
  return {
    articles: vscode.l10n.t('Articles'),
    sources: vscode.l10n.t('Sources'),
    months: vscode.l10n.t('Months'),
    problems: vscode.l10n.t('Problems'),
    byMonth: vscode.l10n.t('Articles per month'),
    bySource: vscode.l10n.t('Articles per source'),
    topKeywords: vscode.l10n.t('Top keywords'),
    byRule: vscode.l10n.t('Problems per rule'),
    noDate: vscode.l10n.t('(no date)'),
    noSource: vscode.l10n.t('(no source)'),
    noData: vscode.l10n.t('Nothing to show yet.'),
    indexing: vscode.l10n.t('Indexing the corpus…'),
    clickBar: vscode.l10n.t('Click a bar to list its articles.'),
    listTitle: vscode.l10n.t('{0}: {1} articles', '{0}', '{1}'),
    listMore: vscode.l10n.t('Showing the first {0}.', '{0}'),
    problemCount: vscode.l10n.t('{0} problems', '{0}'),
    close: vscode.l10n.t('Close'),
  };
}

/** What the end-to-end tests read. */
export interface DashboardState {
  readonly visible: boolean;
  readonly stats?: CorpusStats;
  readonly rendered?: DashboardRendered;
  readonly listed?: { readonly count: number; readonly label: string };
  readonly refreshes: number;
}

export class DashboardManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private stats: CorpusStats | undefined;
  private rendered: DashboardRendered | undefined;
  private listed: { count: number; label: string } | undefined;
  private selection: Selection | undefined;
  /** The articles listed in the page: the only ones the page may ask to open. */
  private listedUris = new Set<string>();
  private refreshes = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly refreshSoon = debounce(() => void this.refresh(), DIAGNOSTICS_DELAY_MS);

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
  ) {
    this.disposables.push(
      corpus.onIndexReady(() => {
        this.refreshSoon.cancel();
        void this.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics(() => {
        if (this.panel?.visible) this.refreshSoon();
      }),
    );
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.ready = false;
    this.panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, vscode.l10n.t('Corpus Dashboard'), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    this.panel.webview.html = webviewHtml(this.panel.webview, this.extensionUri, {
      title: vscode.l10n.t('Corpus Dashboard'),
      style: 'dashboard.css',
      script: 'dashboard.js',
      body: '<main id="dashboard"></main>',
    });
    this.panel.webview.onDidReceiveMessage((m: FromDashboard) => void this.onMessage(m), undefined, this.disposables);
    this.panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.visible) this.ready = false;
    }, undefined, this.disposables);
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      this.stats = undefined;
      this.rendered = undefined;
      this.listed = undefined;
      this.selection = undefined;
      this.listedUris.clear();
      this.refreshSoon.cancel();
    }, undefined, this.disposables);
  }

  /** Asks the server for fresh statistics and draws them (and the open list, if any). */
  async refresh(): Promise<void> {
    if (!this.panel || !this.ready) return;
    this.refreshes++;
    const stats = await this.corpus.stats().catch(() => undefined);
    if (!stats || !this.panel) return;
    this.stats = stats;
    this.post({ type: 'stats', stats, indexing: !this.corpus.indexReady, strings: strings(), locale: vscode.env.language });
    if (this.selection) await this.select(this.selection);
  }

  /** Lists the articles of a bar (what a click on it does). */
  async select(selection: Selection): Promise<void> {
    this.selection = selection;
    const page = await this.corpus.articles(selection.filter, 0, LIST_LIMIT).catch(() => ({ total: 0, items: [] }));
    this.listedUris = new Set(page.items.map((i) => i.uri));
    this.post({ type: 'list', selection, total: page.total, items: page.items });
  }

  private post(message: ToDashboard): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  private async onMessage(m: FromDashboard): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        break;
      case 'select':
        await this.select(m.selection);
        break;
      case 'open':
        if (this.listedUris.has(m.uri)) await vscode.window.showTextDocument(vscode.Uri.parse(m.uri, true), { viewColumn: vscode.ViewColumn.Beside, preview: true });
        break;
      case 'rendered':
        this.rendered = { bars: m.bars, articles: m.articles };
        break;
      case 'listed':
        this.listed = { count: m.count, label: m.label };
        break;
    }
  }

  state(): DashboardState {
    return { visible: !!this.panel?.visible, stats: this.stats, rendered: this.rendered, listed: this.listed, refreshes: this.refreshes };
  }

  dispose(): void {
    this.refreshSoon.cancel();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The "Corpus" view in the Explorer: the articles of the workspace grouped source → month →
 * article, or keyword → month → article. Children are asked of the server when a node is
 * expanded (`arabicNews/facet`, `arabicNews/articles`), a page at a time, so the view stays
 * fast with 100,000 articles. A headline filter (matched as Arabic is written) narrows it.
 */
import * as vscode from 'vscode';
import { type ArticleFilter, type ArticleItem, type CorpusService, debounce, type FacetKind } from './corpusService';
import { isArticle } from './languageSwitch';

export const CORPUS_VIEW_ID = 'arabicNews.corpus';
/** Articles and groups shown per page; a "Show more…" node asks for the next page. */
export const PAGE_SIZE = 500;

export type GroupBy = 'source' | 'keyword';

export type CorpusNode =
  | { readonly kind: 'group'; readonly facet: FacetKind; readonly value: string; readonly count: number; readonly filter: ArticleFilter; readonly id: string }
  | { readonly kind: 'article'; readonly item: ArticleItem; readonly id: string }
  | { readonly kind: 'more'; readonly parent: CorpusNode | undefined; readonly offset: number; readonly id: string }
  | { readonly kind: 'message'; readonly text: string; readonly id: string };

/** The levels under the root for each grouping. */
const LEVELS: Record<GroupBy, readonly FacetKind[]> = { source: ['source', 'month'], keyword: ['keyword', 'month'] };

function monthLabel(value: string): string {
  if (value === 'none') return vscode.l10n.t('(no date)');
  const [y, m] = value.split('-').map(Number);
  if (!y || !m) return value;
  try {
    return new Intl.DateTimeFormat(vscode.env.language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  } catch {
    return value;
  }
}

const number = (n: number): string => n.toLocaleString(vscode.env.language);

export class CorpusTreeProvider implements vscode.TreeDataProvider<CorpusNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CorpusNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groupBy: GroupBy = 'source';
  private query = '';
  /** Extra pages loaded by "Show more…", per parent id. */
  private readonly pages = new Map<string, number>();
  private view: vscode.TreeView<CorpusNode> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Problem counts change as files are checked: refresh the visible view once things are quiet. */
  private readonly refreshSoon = debounce(() => this.changed.fire(undefined), 2000);

  constructor(private readonly corpus: CorpusService) {
    this.disposables.push(
      this.changed,
      corpus.onIndexReady((r) => {
        if (r.articles > 0) this.activate();
        this.refresh();
      }),
      // The view shows in a workspace with articles, or once an article is open.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (isArticle(doc)) this.activate();
      }),
      corpus.onIndexProgress(() => this.updateMessage()),
      vscode.languages.onDidChangeDiagnostics(() => {
        if (this.view?.visible && this.corpus.indexReady) this.refreshSoon();
      }),
    );
    void this.setContext();
    if (vscode.workspace.textDocuments.some(isArticle)) this.activate();
  }

  private active = false;
  /** Shows the view (its `when` clause): the workspace has articles, or one is open. */
  private activate(): void {
    if (this.active) return;
    this.active = true;
    void vscode.commands.executeCommand('setContext', 'arabicNews.corpusActive', true);
  }

  /** Registers the view and its commands. */
  register(): vscode.Disposable {
    this.view = vscode.window.createTreeView(CORPUS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      vscode.commands.registerCommand('arabicNews.corpus.groupByKeyword', () => this.setGroupBy('keyword')),
      vscode.commands.registerCommand('arabicNews.corpus.groupBySource', () => this.setGroupBy('source')),
      vscode.commands.registerCommand('arabicNews.corpus.filter', () => this.promptFilter()),
      vscode.commands.registerCommand('arabicNews.corpus.clearFilter', () => this.setFilter('')),
      vscode.commands.registerCommand('arabicNews.corpus.refresh', () => this.refresh()),
      vscode.commands.registerCommand('arabicNews.corpus.showMore', (node: CorpusNode) => this.showMore(node)),
    );
    this.updateMessage();
    return this;
  }

  get grouping(): GroupBy {
    return this.groupBy;
  }

  get filterText(): string {
    return this.query;
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupBy = groupBy;
    void this.setContext();
    this.refresh();
  }

  setFilter(query: string): void {
    this.query = query.trim();
    void this.setContext();
    if (this.view) this.view.description = this.query ? vscode.l10n.t('Filter: {0}', this.query) : undefined;
    this.refresh();
  }

  private async promptFilter(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Corpus'),
      prompt: vscode.l10n.t('Show the articles whose headline contains this text (alef forms, ى/ي, ة/ه and harakat are ignored).'),
      placeHolder: vscode.l10n.t('Words of a headline'),
      value: this.query,
    });
    if (value !== undefined) this.setFilter(value);
  }

  private setContext(): Thenable<unknown> {
    return Promise.all([
      vscode.commands.executeCommand('setContext', 'arabicNews.corpusGroupBy', this.groupBy),
      vscode.commands.executeCommand('setContext', 'arabicNews.corpusFiltered', !!this.query),
    ]);
  }

  refresh(): void {
    this.refreshSoon.cancel();
    this.pages.clear();
    this.updateMessage();
    this.changed.fire(undefined);
  }

  private updateMessage(): void {
    if (!this.view) return;
    const p = this.corpus.progress;
    this.view.message = p && !this.corpus.indexReady ? vscode.l10n.t('Indexing {0} / {1}…', number(p.done), number(p.total)) : undefined;
  }

  private showMore(node: CorpusNode): void {
    if (node?.kind !== 'more') return;
    const key = node.parent?.id ?? '';
    this.pages.set(key, (this.pages.get(key) ?? 1) + 1);
    this.changed.fire(node.parent);
  }

  private withQuery(filter: ArticleFilter): ArticleFilter {
    return this.query ? { ...filter, query: this.query } : filter;
  }

  async getChildren(node?: CorpusNode): Promise<CorpusNode[]> {
    if (node && node.kind !== 'group') return [];
    try {
      return await this.children(node);
    } catch (err) {
      // The server restarting, or gone: say so in the tree instead of an empty view.
      const reason = err instanceof Error ? err.message : String(err);
      return [{ kind: 'message', text: vscode.l10n.t('The corpus could not be read: {0}', reason), id: `${node?.id ?? ''}/error` }];
    }
  }

  private async children(node: (CorpusNode & { kind: 'group' }) | undefined): Promise<CorpusNode[]> {
    const levels = LEVELS[this.groupBy];
    const depth = node ? levels.indexOf(node.facet) + 1 : 0;
    const filter = this.withQuery(node?.filter ?? {});
    const pages = this.pages.get(node?.id ?? '') ?? 1;
    const parentId = node?.id ?? `${this.groupBy}|${this.query}`;
    if (depth < levels.length) {
      const facet = levels[depth]!;
      // Facets have no offset: ask for one more than shown to know whether there are more.
      const limit = PAGE_SIZE * pages;
      let values = await this.corpus.facet(facet, filter, limit + 1);
      const more = values.length > limit;
      values = values.slice(0, limit);
      if (facet === 'month') values = [...values].reverse(); // newest first
      const out: CorpusNode[] = values.map((v) => ({
        kind: 'group',
        facet,
        value: v.value,
        count: v.count,
        filter: { ...(node?.filter ?? {}), [facet]: v.value },
        id: `${parentId}/${facet}:${v.value}`,
      }));
      if (more) out.push({ kind: 'more', parent: node, offset: limit, id: `${parentId}/more` });
      if (!node && !out.length) out.push({ kind: 'message', text: this.query ? vscode.l10n.t('No headline matches “{0}”.', this.query) : this.corpus.indexReady ? vscode.l10n.t('No articles in this workspace.') : vscode.l10n.t('Indexing the corpus…'), id: 'message' });
      return out;
    }
    // One request per page of 500 (the server answers at most 5,000 items a request).
    const loaded = await Promise.all(Array.from({ length: pages }, (_, i) => this.corpus.articles(filter, i * PAGE_SIZE, PAGE_SIZE)));
    const items = loaded.flatMap((p) => p.items);
    const total = loaded[0]?.total ?? 0;
    const out: CorpusNode[] = items.map((item) => ({ kind: 'article', item, id: `${parentId}/article:${item.uri}` }));
    if (total > items.length) out.push({ kind: 'more', parent: node, offset: items.length, id: `${parentId}/more` });
    return out;
  }

  getTreeItem(node: CorpusNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const label = node.facet === 'month' ? monthLabel(node.value) : node.value || (node.facet === 'source' ? vscode.l10n.t('(no source)') : node.value);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = number(node.count);
        item.tooltip = vscode.l10n.t('{0}: {1} articles', label, number(node.count));
        item.iconPath = new vscode.ThemeIcon(node.facet === 'source' ? 'globe' : node.facet === 'keyword' ? 'tag' : 'calendar');
        item.contextValue = `arabicNews.${node.facet}`;
        return item;
      }
      case 'article': {
        const { item: a } = node;
        const uri = vscode.Uri.parse(a.uri);
        const item = new vscode.TreeItem(a.headline || uri.path.slice(uri.path.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = [a.date, a.problems ? `⚠ ${number(a.problems)}` : ''].filter(Boolean).join('  ');
        item.iconPath = a.problems ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('file-text');
        const tip = new vscode.MarkdownString();
        tip.appendText(a.headline);
        tip.appendMarkdown('\n\n');
        tip.appendText([a.date ?? vscode.l10n.t('(no date)'), a.source ?? vscode.l10n.t('(no source)')].join(' · '));
        tip.appendMarkdown('\n\n');
        tip.appendText(vscode.workspace.asRelativePath(uri));
        if (a.problems) {
          tip.appendMarkdown('\n\n');
          tip.appendText(vscode.l10n.t('{0} problems', number(a.problems)));
        }
        item.tooltip = tip;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Article'), arguments: [uri, { preview: true }] };
        item.contextValue = 'arabicNews.article';
        item.accessibilityInformation = { label: [a.headline, a.date, a.problems ? vscode.l10n.t('{0} problems', number(a.problems)) : ''].filter(Boolean).join(', ') };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Show more…'), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'arabicNews.corpus.showMore', title: vscode.l10n.t('Show more…'), arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        return item;
      }
    }
  }

  dispose(): void {
    this.refreshSoon.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

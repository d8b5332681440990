/**
 * The status bar: for the active article, its words, paragraphs and problems (counted with the
 * parser on the editor's text, so they follow unsaved edits); while the corpus is indexed, the
 * progress. Clicking either opens the Problems panel.
 */
import * as vscode from 'vscode';
import { parseArticle } from '../../server/src/core/parse/article';
import { type CorpusService, debounce } from './corpusService';
import { isArticle } from './languageSwitch';
import { articleCounts } from './preview/model';

const UPDATE_DELAY_MS = 150;
const number = (n: number): string => n.toLocaleString(vscode.env.language);

/** What the end-to-end tests read. */
export interface StatusBarState {
  readonly article?: { readonly text: string; readonly tooltip: string; readonly visible: boolean };
  readonly indexing?: { readonly text: string; readonly visible: boolean };
}

export class ArticleStatusBar implements vscode.Disposable {
  private readonly article: vscode.StatusBarItem;
  private readonly indexing: vscode.StatusBarItem;
  private articleVisible = false;
  private indexingVisible = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updateSoon = debounce(() => this.update(), UPDATE_DELAY_MS);

  constructor(corpus: CorpusService) {
    this.article = vscode.window.createStatusBarItem('arabicNews.article', vscode.StatusBarAlignment.Right, 100);
    this.article.name = vscode.l10n.t('Arabic News Article');
    this.article.command = 'workbench.actions.view.problems';
    this.indexing = vscode.window.createStatusBarItem('arabicNews.indexing', vscode.StatusBarAlignment.Left, 10);
    this.indexing.name = vscode.l10n.t('Arabic News Corpus Indexing');
    this.indexing.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.article,
      this.indexing,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.updateSoon();
      }),
      // A language switch (plaintext → arabic-news) reopens the document.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) this.updateSoon();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        // At once: the server already waits for typing to pause before it publishes.
        if (uri && e.uris.some((u) => u.toString() === uri)) this.update();
      }),
      corpus.onIndexProgress((p) => this.showProgress(p.done, p.total)),
      corpus.onIndexReady(() => this.hideProgress()),
    );
    this.update();
  }

  private showProgress(done: number, total: number): void {
    this.indexing.text = `$(sync~spin) ${vscode.l10n.t('Indexing {0} / {1}', number(done), number(total))}`;
    this.indexing.tooltip = vscode.l10n.t('The language server is reading the articles of the workspace.');
    this.indexing.show();
    this.indexingVisible = true;
  }

  private hideProgress(): void {
    this.indexing.hide();
    this.indexingVisible = false;
  }

  update(): void {
    this.updateSoon.cancel();
    const doc = vscode.window.activeTextEditor?.document;
    if (!isArticle(doc)) {
      this.article.hide();
      this.articleVisible = false;
      return;
    }
    const counts = articleCounts(parseArticle(doc.getText()));
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    const by = (s: vscode.DiagnosticSeverity): number => diagnostics.filter((d) => d.severity === s).length;
    const problems = diagnostics.length;
    const parts = [
      counts.words === 1 ? vscode.l10n.t('1 word') : vscode.l10n.t('{0} words', number(counts.words)),
      counts.paragraphs === 1 ? vscode.l10n.t('1 paragraph') : vscode.l10n.t('{0} paragraphs', number(counts.paragraphs)),
    ];
    const problemText = problems === 1 ? vscode.l10n.t('1 problem') : problems ? vscode.l10n.t('{0} problems', number(problems)) : vscode.l10n.t('no problems');
    this.article.text = `$(book) ${parts.join(' · ')} · ${problems ? '$(warning)' : '$(check)'} ${problemText}`;
    this.article.tooltip = [
      vscode.l10n.t('Headline and body: {0} words in {1} paragraphs', number(counts.words), number(counts.paragraphs)),
      vscode.l10n.t('Problems: {0} errors, {1} warnings, {2} infos', by(vscode.DiagnosticSeverity.Error), by(vscode.DiagnosticSeverity.Warning), by(vscode.DiagnosticSeverity.Information) + by(vscode.DiagnosticSeverity.Hint)),
      vscode.l10n.t('Click to open the Problems panel'),
    ].join('\n');
    this.article.accessibilityInformation = { label: `${parts.join(', ')}, ${problemText}` };
    this.article.show();
    this.articleVisible = true;
  }

  state(): StatusBarState {
    return {
      article: { text: this.article.text, tooltip: String(this.article.tooltip ?? ''), visible: this.articleVisible },
      indexing: { text: this.indexing.text, visible: this.indexingVisible },
    };
  }

  dispose(): void {
    this.updateSoon.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * "Arabic News: Open Preview to the Side": a webview beside the editor that shows the active
 * article right to left as a reader sees it. It follows the active article editor, re-renders
 * as you type (debounced) and when the article's problems change, underlines the problems,
 * and keeps the editor and the preview at the same line in both directions.
 */
import * as vscode from 'vscode';
import { debounce } from '../corpusService';
import { isArticle } from '../languageSwitch';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { buildPreviewModel, type PreviewModel, type ProblemInput, type Severity } from './model';
import type { FromPreview, PreviewRendered, PreviewStrings, ToPreview } from './protocol';

export const PREVIEW_VIEW_TYPE = 'arabicNews.preview';
const RENDER_DELAY_MS = 150;
/** After the preview asked the editor to reveal a line, the editor's scrolling and selection there are not echoed back. */
const ECHO_MS = 400;

const SEVERITY: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The problems of a document as the model takes them. */
export function problemsOf(uri: vscode.Uri): ProblemInput[] {
  return vscode.languages.getDiagnostics(uri).map((d) => {
    const code = typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
    return {
      range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
      message: d.message,
      severity: SEVERITY[d.severity] ?? 'info',
      ...(code ? { code } : {}),
    };
  });
}

function strings(): PreviewStrings {
  return {
    empty: vscode.l10n.t('This article is empty.'),
    otherProblems: vscode.l10n.t('Problems on lines not shown'),
    line: vscode.l10n.t('Line {0}', '{0}'),
    boilerplate: vscode.l10n.t('Scraping noise'),
    stray: vscode.l10n.t('Outside the article'),
    clickToReveal: vscode.l10n.t('Click to show this line in the editor'),
  };
}

/** What the end-to-end tests read. */
export interface PreviewState {
  readonly uri?: string;
  readonly version: number;
  readonly model?: PreviewModel;
  /** What the webview last reported having rendered. */
  readonly rendered?: PreviewRendered;
  /** Where the webview last scrolled to follow the editor. */
  readonly scrolled?: { readonly line: number; readonly reason: 'scroll' | 'cursor' };
  readonly visible: boolean;
}

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private version = 0;
  private model: PreviewModel | undefined;
  private rendered: PreviewRendered | undefined;
  private scrolled: PreviewState['scrolled'];
  private webviewReady = false;
  private revealedAt = 0;
  private revealedLine = -1;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderSoon = debounce(() => this.render(), RENDER_DELAY_MS);

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && e && isArticle(e.document) && e.document !== this.document) this.follow(e.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document && e.contentChanges.length) this.renderSoon();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.document?.uri.toString();
        if (this.panel && uri && e.uris.some((u) => u.toString() === uri)) this.renderSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc === this.document) this.document = undefined;
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document !== this.document || !e.visibleRanges.length) return;
        if (Date.now() - this.revealedAt < ECHO_MS) return;
        this.post({ type: 'scrollTo', line: e.visibleRanges[0]!.start.line, reason: 'scroll' });
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== this.document) return;
        const line = e.selections[0]!.active.line;
        // The selection the preview just asked for is not sent back; the user's next move is.
        if (line === this.revealedLine && Date.now() - this.revealedAt < ECHO_MS) return;
        this.post({ type: 'scrollTo', line, reason: 'cursor' });
      }),
    );
  }

  /** Opens the preview beside the editor of `doc` (default: the active article), or shows it. */
  open(doc?: vscode.TextDocument): void {
    const target = doc ?? (isArticle(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor.document : undefined);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an Arabic news article to preview it.'));
      return;
    }
    if (!this.panel) {
      this.attach(
        vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Preview'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
          ...webviewOptions(this.extensionUri),
          retainContextWhenHidden: false,
        }),
      );
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.follow(target);
  }

  /**
   * A preview panel that VS Code kept across a window reload (its serializer, registered by the
   * extension, hands it back): set it up again and follow the article it showed, from the state
   * the page saved (`setState`), else the active article.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose(); // one preview at a time
      return;
    }
    this.attach(panel);
    const saved = typeof (state as { uri?: unknown } | undefined)?.uri === 'string' ? (state as { uri: string }).uri : undefined;
    let doc: vscode.TextDocument | undefined;
    if (saved) {
      try {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(saved));
      } catch {
        doc = undefined; // deleted or moved since
      }
    }
    doc ??= isArticle(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor.document : undefined;
    if (doc) this.follow(doc);
  }

  /** Sets up a preview panel: its page, messages and lifetime. */
  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    this.webviewReady = false;
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, {
      title: vscode.l10n.t('Preview'),
      style: 'preview.css',
      script: 'preview.js',
      body: '<main id="article" dir="rtl" lang="ar" aria-live="polite"></main>',
    });
    panel.webview.onDidReceiveMessage((m: FromPreview) => this.onMessage(m), undefined, this.disposables);
    panel.onDidChangeViewState((e) => {
      // A hidden webview loses its page (no retained context): it asks again with 'ready'.
      if (!e.webviewPanel.visible) this.webviewReady = false;
    }, undefined, this.disposables);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.document = undefined;
      this.model = undefined;
      this.rendered = undefined;
      this.scrolled = undefined;
      this.renderSoon.cancel();
    }, undefined, this.disposables);
  }

  private follow(doc: vscode.TextDocument): void {
    this.document = doc;
    this.renderSoon.cancel();
    this.render();
  }

  private render(): void {
    const doc = this.document;
    if (!this.panel || !doc) return;
    this.model = buildPreviewModel(doc.getText(), problemsOf(doc.uri));
    this.version++;
    const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
    this.panel.title = vscode.l10n.t('Preview {0}', name);
    this.post({ type: 'render', version: this.version, uri: doc.uri.toString(), model: this.model, strings: strings() });
  }

  private post(message: ToPreview): void {
    if (!this.panel || !this.webviewReady) return;
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(m: FromPreview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.webviewReady = true;
        this.render();
        {
          const editor = this.editor();
          if (editor?.visibleRanges.length) this.post({ type: 'scrollTo', line: editor.visibleRanges[0]!.start.line, reason: 'scroll' });
        }
        break;
      case 'rendered':
        this.rendered = m;
        break;
      case 'scrolled':
        this.scrolled = { line: m.line, reason: m.reason };
        break;
      case 'reveal':
        await this.reveal(m.line);
        break;
    }
  }

  private editor(): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document === this.document);
  }

  /** Shows `line` in the article's editor (opening it again if its tab was closed). */
  private async reveal(line: number): Promise<void> {
    const doc = this.document;
    if (!doc || !Number.isInteger(line) || line < 0 || line >= doc.lineCount) return;
    this.revealedAt = Date.now();
    this.revealedLine = line;
    const editor = this.editor();
    const shown = await vscode.window.showTextDocument(doc, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const at = new vscode.Position(line, 0);
    shown.selection = new vscode.Selection(at, at);
    shown.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  state(): PreviewState {
    return { uri: this.document?.uri.toString(), version: this.version, model: this.model, rendered: this.rendered, scrolled: this.scrolled, visible: !!this.panel?.visible };
  }

  dispose(): void {
    this.renderSoon.cancel();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

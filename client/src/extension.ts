/**
 * The VS Code client's activation: starts the language server and wires up what only the editor
 * can do. Each feature lives in its own module:
 *
 *   languageSwitch.ts       .txt articles → the arabic-news language; "Treat File as Article"
 *   languageClient.ts       the language server over IPC
 *   corpusService.ts        the server's corpus requests and indexing notifications
 *   preview/                "Open Preview to the Side": the article right to left
 *   dashboard/              "Show Corpus Dashboard": charts of the corpus
 *   corpusView.ts           the Explorer's "Corpus" view
 *   search.ts               "Search Corpus"
 *   statusBar.ts            words, paragraphs, problems; indexing progress
 *   corpusCommands.ts       "Fix All in Corpus", "Compare" (near-duplicates), "Export Corpus…"
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CorpusService } from './corpusService';
import { CorpusTreeProvider } from './corpusView';
import { DashboardManager, type DashboardState } from './dashboard/dashboardPanel';
import type { Selection } from './dashboard/protocol';
import { createLanguageClient } from './languageClient';
import { registerLanguageSwitch } from './languageSwitch';
import { PREVIEW_VIEW_TYPE, PreviewManager, type PreviewState } from './preview/previewPanel';
import { CorpusSearch, type SearchState } from './search';
import { ArticleStatusBar, type StatusBarState } from './statusBar';
import { registerCorpusCommands } from './corpusCommands';

let client: LanguageClient | undefined;

/** What the extension exports to other extensions and to its end-to-end tests. */
export interface ArabicNewsApi {
  /** The process id of the running language server (to test crash recovery). */
  serverPid(): Promise<number>;
  /** The views' state, for the end-to-end tests (test/e2e/suite/views.e2e.ts). */
  readonly views: {
    preview(): PreviewState;
    /** What the preview's serializer does after a window reload (the test cannot reload the window it runs in). */
    restorePreview(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
    dashboard(): DashboardState;
    /** Lists the articles of a dashboard bar, as a click on it does. */
    selectInDashboard(selection: Selection): Promise<void>;
    readonly corpusTree: CorpusTreeProvider;
    statusBar(): StatusBarState;
    search(): SearchState | undefined;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<ArabicNewsApi> {
  context.subscriptions.push(registerLanguageSwitch());
  client = createLanguageClient(context);
  const corpus = new CorpusService(client);
  const preview = new PreviewManager(context.extensionUri);
  const dashboard = new DashboardManager(context.extensionUri, corpus);
  const corpusTree = new CorpusTreeProvider(corpus);
  const search = new CorpusSearch(corpus);
  const statusBar = new ArticleStatusBar(corpus);
  context.subscriptions.push(
    corpus,
    preview,
    dashboard,
    corpusTree.register(),
    search,
    statusBar,
    vscode.commands.registerCommand('arabicNews.openPreviewToSide', (uri?: unknown) => {
      const doc = uri instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
      preview.open(doc);
    }),
    vscode.commands.registerCommand('arabicNews.showDashboard', () => dashboard.open()),
    // A preview open when the window reloads comes back, on the article it showed.
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => preview.restore(panel, state) }),
    registerCorpusCommands(context, client),
  );

  try {
    await client.start();
  } catch (err) {
    corpus.clientFailed(err);
    throw err;
  }
  corpus.clientStarted();
  return {
    serverPid: async () => ((await client!.sendRequest('arabicNews/serverInfo')) as { pid: number }).pid,
    views: {
      preview: () => preview.state(),
      restorePreview: (panel, state) => preview.restore(panel, state),
      dashboard: () => dashboard.state(),
      selectInDashboard: (selection) => dashboard.select(selection),
      corpusTree,
      statusBar: () => statusBar.state(),
      search: () => search.state(),
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

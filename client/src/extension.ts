/**
 * The VS Code client: starts the language server over IPC and adds what only the editor can
 * do: switching `.txt` article files to the `arabic-news` language, and the command that
 * does it by hand.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { looksLikeArticle } from '../../server/src/core/parse/sniff';

const LANGUAGE_ID = 'arabic-news';
let client: LanguageClient | undefined;

/** Whether a document should be switched to the article language. */
function shouldSwitch(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'plaintext') return false;
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
  const patterns = vscode.workspace.getConfiguration('arabicNews', doc.uri).get<string[]>('files', []);
  for (const pattern of patterns) {
    if (pattern && vscode.languages.match({ pattern }, doc) > 0) return true;
  }
  if (!doc.fileName.toLowerCase().endsWith('.txt') && doc.uri.scheme !== 'untitled') return false;
  return looksLikeArticle(doc.getText());
}

async function maybeSwitch(doc: vscode.TextDocument): Promise<void> {
  if (shouldSwitch(doc)) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
}

/** What the extension exports to other extensions and to its end-to-end tests. */
export interface ArabicNewsApi {
  /** The process id of the running language server (to test crash recovery). */
  serverPid(): Promise<number>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ArabicNewsApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6029'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      { scheme: 'vscode-remote', language: LANGUAGE_ID },
      // The corpus configuration: the server reports its problems as you type.
      { scheme: 'file', pattern: '**/.arabic-news.json' },
      { scheme: 'vscode-remote', pattern: '**/.arabic-news.json' },
    ],
    synchronize: { configurationSection: 'arabicNews' },
    // In an untrusted workspace the server reads no file outside the workspace folders.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('arabicNews', vscode.l10n.t('Arabic News Language Server'), serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => void maybeSwitch(doc)),
    vscode.commands.registerCommand('arabicNews.treatAsArticle', async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_ID);
    }),
  );
  for (const doc of vscode.workspace.textDocuments) void maybeSwitch(doc);
  // Trust granted later: restart the server so that it may read configured files anywhere.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client) {
        client.clientOptions.initializationOptions = { trusted: true };
        void client.restart();
      }
    }),
  );

  await client.start();
  return {
    serverPid: async () => ((await client!.sendRequest('arabicNews/serverInfo')) as { pid: number }).pid,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

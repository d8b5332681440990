/**
 * The language client: starts the bundled server (dist/server.js) over IPC. In an untrusted
 * workspace the server reads no file outside the workspace folders; when trust is granted it
 * is restarted with full access. Diagnostics are pushed (see initializationOptions).
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './languageSwitch';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
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
    initializationOptions: initializationOptions(vscode.workspace.isTrusted),
  };
  const client = new LanguageClient('arabicNews', vscode.l10n.t('Arabic News Language Server'), serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      client.clientOptions.initializationOptions = initializationOptions(true);
      void client.restart();
    }),
  );
  return client;
}

/**
 * The options the server reads at start. VS Code gets its diagnostics pushed: this client would
 * pull if the server offered it (and pull the whole corpus again every few seconds), and the
 * Problems panel, the corpus view, the status bar and the preview all follow the pushed ones.
 */
function initializationOptions(trusted: boolean): { trusted: boolean; diagnosticsMode: 'push' } {
  return { trusted, diagnosticsMode: 'push' };
}

/**
 * The language client: starts the bundled server (dist/server.js) over IPC. In an untrusted
 * workspace the server reads no file outside the workspace folders; when trust is granted it
 * is restarted with full access.
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
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  const client = new LanguageClient('arabicNews', vscode.l10n.t('Arabic News Language Server'), serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      client.clientOptions.initializationOptions = { trusted: true };
      void client.restart();
    }),
  );
  return client;
}

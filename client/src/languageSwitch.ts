/**
 * Switching `.txt` article files to the `arabic-news` language: by the `arabicNews.files`
 * globs, or when the content looks like an article; and the command that does it by hand.
 */
import * as vscode from 'vscode';
import { looksLikeArticle } from '../../server/src/core/parse/sniff';

export const LANGUAGE_ID = 'arabic-news';

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

let switchFailureLogged = false;

/**
 * Switches a document when it should be. A document closed meanwhile (VS Code then rejects with
 * "document '…' NOT found") is left alone; any other failure is logged once.
 */
async function maybeSwitch(doc: vscode.TextDocument): Promise<void> {
  try {
    if (shouldSwitch(doc)) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  } catch (error) {
    if (doc.isClosed || /\bNOT found\b/.test(error instanceof Error ? error.message : String(error))) return;
    if (switchFailureLogged) return;
    switchFailureLogged = true;
    console.error(`arabic-news: switching ${doc.uri.toString()} to the article language failed:`, error);
  }
}

/** Switches open and newly opened article files; registers "Treat File as Article". */
export function registerLanguageSwitch(): vscode.Disposable {
  const disposables = [
    vscode.workspace.onDidOpenTextDocument((doc) => void maybeSwitch(doc)),
    vscode.commands.registerCommand('arabicNews.treatAsArticle', async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_ID);
    }),
  ];
  for (const doc of vscode.workspace.textDocuments) void maybeSwitch(doc);
  return vscode.Disposable.from(...disposables);
}

/** True for a document in the article language. */
export function isArticle(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc?.languageId === LANGUAGE_ID;
}

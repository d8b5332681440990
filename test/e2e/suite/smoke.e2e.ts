// Smoke test in a real VS Code: the extension is there, it activates, and an article opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'arabic-news.arabic-news';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (test/e2e/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

suite('smoke', () => {
  test(`the extension ${EXTENSION_ID} is present and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('opens article-clean.txt', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('article-clean.txt'));
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    assert.equal(editor.document.lineCount, 8);
    assert.ok(doc.lineAt(1).text.startsWith('تاريخ النشر:'), `line 2 is the date line: ${doc.lineAt(1).text}`);
    assert.ok(doc.lineAt(doc.lineCount - 1).text.startsWith('كلمات دلالية:'), 'the last line is the keywords line');
  });
});

// Crash recovery: killing the language server mid-session loses nothing. The client restarts it,
// sends it the open documents again (unsaved edits included), and diagnostics follow the edits.
// (Named to run last: it restarts the server under the other suites' feet otherwise.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, EXTENSION_ID, findings, openArticle, revert, waitFor, waitForFindings, workspaceFile } from './util';

interface Api {
  serverPid(): Promise<number>;
}

suite('recovery', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('the server is killed: it is restarted, and the unsaved edit is checked as typed', async () => {
    const api = vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
    const uri = workspaceFile('article-defects.txt');
    const doc = await openArticle(uri);
    try {
      await waitForFindings(uri, ['AN103@2', 'AN110@6'], 15_000, 'before the crash');
      // An unsaved edit: fix the impossible date by hand.
      const edit = new vscode.WorkspaceEdit();
      const line = doc.lineAt(1);
      edit.replace(uri, line.range, 'تاريخ النشر: 30th, June 2024 GMT');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitForFindings(uri, ['AN110@6'], 10_000, 'after the unsaved edit');
      const before = await api.serverPid();
      process.kill(before, 'SIGKILL');
      const after = await waitFor(
        () => api.serverPid(),
        (pid) => pid !== before && pid > 0,
        30_000,
        `a new language server process after killing pid ${before}`,
        250,
      );
      assert.notEqual(after, before);
      assert.ok(doc.isDirty, 'the edit is still there, unsaved');
      assert.equal(doc.lineAt(1).text, 'تاريخ النشر: 30th, June 2024 GMT');
      // Typing after the restart reaches the new server.
      const again = new vscode.WorkspaceEdit();
      again.replace(uri, doc.lineAt(1).range, 'تاريخ النشر: 31st, June 2024 GMT');
      assert.ok(await vscode.workspace.applyEdit(again));
      await waitForFindings(uri, ['AN103@2', 'AN110@6'], 15_000, 'after an edit made once the server was restarted');
      assert.deepEqual(findings(uri), ['AN103@2', 'AN110@6']);
    } finally {
      await revert(doc);
    }
  });
});

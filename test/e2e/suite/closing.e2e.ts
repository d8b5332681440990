// Diagnostics while editing and after closing, in both diagnostics scopes.
//
// What VS Code 1.100 does on close: a document opened the way the Explorer opens files (the
// `vscode.open` command) is closed in the extension host about 100-200 ms after its last tab
// closes, and the language client then sends didClose. A document opened with
// `workspace.openTextDocument` is kept alive by the extension host for up to three minutes after
// its tab closes (and no didClose is sent), so these tests open files with `vscode.open`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, basename, closeAllEditors, LANGUAGE_ID, openDocument, waitFor, waitForFindings, workspaceFile } from './util';

/** An article with an impossible date (line 2) and a source marker written with a space (line 4). */
const SCRATCH_ARTICLE = [
  'المنتخب الوطني يتأهل إلى نهائي كأس الخليج بعد فوز مثير بركلات الترجيح',
  'تاريخ النشر: 30th, February 2025 GMT',
  'تأهل المنتخب الوطني لكرة القدم إلى المباراة النهائية لبطولة كأس الخليج، مساء الثلاثاء، بعد فوزه على منافسه بركلات الترجيح إثر انتهاء الوقت الأصلي والإضافي بالتعادل السلبي.',
  'المصدر : صحيفة الملاعب',
  'كلمات دلالية: المنتخب الوطني كأس الخليج ركلات الترجيح',
].join('\n');

/** Opens a file as the Explorer does and waits until it is an arabic-news document. */
async function openLikeExplorer(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.open', uri);
  const doc = await waitFor(() => openDocument(uri), (d) => d?.languageId === LANGUAGE_ID, 10_000, `${basename(uri)} to open as an arabic-news document`);
  return doc!;
}

/** Closes the active editor (discarding unsaved changes) and waits until the document itself is closed. */
async function closeActiveEditor(uri: vscode.Uri, revert: boolean): Promise<void> {
  await vscode.commands.executeCommand(revert ? 'workbench.action.revertAndCloseActiveEditor' : 'workbench.action.closeActiveEditor');
  await waitFor(() => openDocument(uri), (d) => d === undefined, 5_000, `VS Code to close the document ${basename(uri)} after its tab was closed`);
}

async function setScope(value: 'open' | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('arabicNews').update('diagnostics.scope', value, vscode.ConfigurationTarget.Global);
}

suite('closing', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('workspace scope (default): a closed article has diagnostics; after closing with unsaved edits they are those of the file on disk', async () => {
    const uri = workspaceFile('article-market.txt'); // opened by no other test
    await waitForFindings(uri, ['AN110@5'], 20_000, 'before it is opened (the workspace scope checks closed files)');
    await openLikeExplorer(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(4, 0, 4, 'المصدر : '.length), 'المصدر: ');
    assert.ok(await vscode.workspace.applyEdit(edit), 'correcting the source marker in the editor');
    await waitForFindings(uri, [], 10_000, 'after correcting the marker (unsaved)');
    await closeActiveEditor(uri, true);
    await waitForFindings(uri, ['AN110@5'], 10_000, 'after closing without saving (the file on disk still has the defect)');
  });

  test('scope "open": closing an article clears its diagnostics', async () => {
    const uri = workspaceFile('article-market.txt');
    try {
      await setScope('open');
      await waitFor(() => vscode.languages.getDiagnostics(uri), (d) => d.length === 0, 10_000, 'the closed file article-market.txt to lose its diagnostics once the scope is "open"');
      await openLikeExplorer(uri);
      await waitForFindings(uri, ['AN110@5'], 10_000, 'once opened');
      await closeActiveEditor(uri, false);
      await waitFor(() => vscode.languages.getDiagnostics(uri), (d) => d.length === 0, 5_000, 'the diagnostics of article-market.txt to be cleared once its editor is closed (scope "open")');
    } finally {
      await setScope(undefined);
    }
    await waitForFindings(uri, ['AN110@5'], 10_000, 'again once the scope is back to "workspace"');
  });

  test('a file outside the workspace: edits update its diagnostics; closing it clears them', async () => {
    // A scratch article of its own (so no corpus rule sees a duplicate), outside the workspace folder.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arabic-news-e2e-'));
    const file = path.join(dir, '001_00000000e2e0c105.txt');
    fs.writeFileSync(file, SCRATCH_ARTICLE);
    const uri = vscode.Uri.file(file);
    try {
      const doc = await openLikeExplorer(uri);
      await waitForFindings(uri, ['AN103@2', 'AN110@4'], 15_000, '(the scratch article) as opened');

      const day = doc.lineAt(1).text.indexOf('30th');
      let edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(1, day, 1, day + '30th'.length), '28th');
      assert.ok(await vscode.workspace.applyEdit(edit), 'editing the date to 28th, February');
      await waitForFindings(uri, ['AN110@4'], 10_000, 'after correcting the date');

      edit = new vscode.WorkspaceEdit();
      edit.delete(uri, new vscode.Range(3, doc.lineAt(3).text.length, 4, doc.lineAt(4).text.length));
      assert.ok(await vscode.workspace.applyEdit(edit), 'deleting the keywords line');
      await waitForFindings(uri, ['AN107@1', 'AN110@4'], 10_000, 'after deleting the keywords line (AN107 is reported on the headline)');

      assert.ok(await doc.save(), 'saving the scratch article');
      await closeActiveEditor(uri, false);
      // Not part of the workspace folder, so not part of the corpus: nothing of it stays in the Problems panel.
      await waitFor(() => vscode.languages.getDiagnostics(uri), (d) => d.length === 0, 5_000, 'the diagnostics of the scratch article (outside the workspace) to be cleared once its editor is closed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

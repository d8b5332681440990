// The client switches `.txt` files that look like articles to the `arabic-news` language, leaves
// other `.txt` files alone, and the command "Arabic News: Treat File as Article" switches by hand.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, findings, LANGUAGE_ID, openArticle, openDocument, waitFor, workspaceFile } from './util';

suite('language switching', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('an article .txt is switched to arabic-news on open; notes.txt stays plaintext', async () => {
    const notes = workspaceFile('notes.txt');
    const article = workspaceFile('article-infrastructure.txt');
    // notes.txt first: once the article (opened after it) has been switched, the extension has
    // seen notes.txt too, so "still plaintext" is a result, not a race.
    const notesDoc = await vscode.workspace.openTextDocument(notes);
    await vscode.window.showTextDocument(notesDoc, { preview: false });
    const articleDoc = await openArticle(article);
    assert.equal(articleDoc.languageId, LANGUAGE_ID);
    assert.equal(openDocument(notes)?.languageId, 'plaintext', 'notes.txt (no section markers) keeps the plaintext language');
    assert.deepEqual(findings(notes), [], 'notes.txt gets no diagnostics');
  });

  test('"Treat File as Article" switches notes.txt by hand; switching back clears its diagnostics', async () => {
    const notes = workspaceFile('notes.txt');
    const doc = await vscode.workspace.openTextDocument(notes);
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.equal(openDocument(notes)?.languageId, 'plaintext', 'notes.txt opens as plaintext');
    await vscode.commands.executeCommand('arabicNews.treatAsArticle');
    await waitFor(() => openDocument(notes)?.languageId, (id) => id === LANGUAGE_ID, 5_000, 'the command to switch notes.txt to arabic-news');
    // As an article, notes.txt lacks the date, source and keywords lines (reported on line 1).
    await waitFor(
      () => findings(notes),
      (f) => ['AN102@1', 'AN106@1', 'AN107@1'].every((x) => f.includes(x)),
      10_000,
      'AN102, AN106 and AN107 on line 1 of notes.txt once it is treated as an article',
    );
    await vscode.languages.setTextDocumentLanguage(openDocument(notes)!, 'plaintext');
    // The client closes the document on the server, which clears what it published.
    await waitFor(() => vscode.languages.getDiagnostics(notes), (d) => d.length === 0, 5_000, 'the diagnostics of notes.txt to be cleared after switching it back to plaintext');
  });
});

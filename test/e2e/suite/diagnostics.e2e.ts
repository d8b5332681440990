// Diagnostics as VS Code shows them (vscode.languages.getDiagnostics), for the test workspace.
// Only errors and warnings are compared exactly: info-level rules may be added without breaking this.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, basename, closeAllEditors, codeOf, findings, openArticle, publicationCount, waitFor, waitForFindings, workspaceFile } from './util';

suite('diagnostics', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('article-defects.txt: AN103 (impossible date) on line 2, AN110 (المصدر :) on line 6, nothing else', async () => {
    const uri = workspaceFile('article-defects.txt');
    await openArticle(uri);
    await waitForFindings(uri, ['AN103@2', 'AN110@6'], 15_000);
    const byCode = new Map(vscode.languages.getDiagnostics(uri).map((d) => [codeOf(d), d]));
    const an103 = byCode.get('AN103')!;
    assert.equal(an103.severity, vscode.DiagnosticSeverity.Error, 'AN103 (date-invalid) is an error');
    assert.match(an103.message, /31st, June 2024 GMT|June|يونيو|حزيران/, `the AN103 message quotes the date or names the month: ${an103.message}`);
    assert.equal(an103.range.start.line, 1, 'AN103 is on the date line');
    const an110 = byCode.get('AN110')!;
    assert.equal(an110.severity, vscode.DiagnosticSeverity.Warning, 'AN110 (marker-noncanonical) is a warning');
    assert.deepEqual(
      [an110.range.start.character, an110.range.end.line],
      [0, 5],
      `AN110 starts at the beginning of line 6 and stays on it: ${JSON.stringify(an110.range)}`,
    );
  });

  for (const name of ['article-clean.txt', 'article-infrastructure.txt', 'article-storm.txt']) {
    test(`${name}: checked, and no error or warning`, async () => {
      const uri = workspaceFile(name);
      await openArticle(uri);
      // An empty list is only meaningful once the server has published one for this file.
      await waitFor(() => publicationCount(uri), (n) => n > 0, 15_000, `the server to publish diagnostics for ${basename(uri)}`);
      assert.deepEqual(findings(uri), [], `${name} is a clean article: no error or warning expected`);
    });
  }
});

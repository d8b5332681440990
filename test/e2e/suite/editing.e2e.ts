// Quick fixes and "fix all" applied through the editor, and the diagnostics following them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, openArticle, revert, show, waitFor, waitForFindings, workspaceFile } from './util';

const isCodeAction = (a: vscode.Command | vscode.CodeAction): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string');

suite('editing', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('the AN110 quick fix rewrites "المصدر :" as "المصدر:" and the warning goes away', async () => {
    const uri = workspaceFile('article-defects.txt');
    const doc = await openArticle(uri);
    const original = doc.getText();
    try {
      await waitForFindings(uri, ['AN103@2', 'AN110@6'], 15_000, 'before the fix');
      const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'AN110')!;
      const actions = await vscode.commands.executeCommand<(vscode.Command | vscode.CodeAction)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      // vscode.executeCodeActionProvider does not hand back an action's `diagnostics` (VS Code 1.100
      // drops them when converting), so the quick fix is the one offered for the AN110 range.
      const fixes = actions.filter(isCodeAction).filter((a) => a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind));
      assert.equal(fixes.length, 1, `one quick fix on the range of AN110 (line 6); the code actions were ${show(actions)}`);
      const fix = fixes[0]!;
      assert.match(fix.title, /المصدر:/, `the fix says what it writes: ${fix.title}`);
      assert.ok(fix.edit, 'the quick fix carries its edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the editor applies the fix');

      assert.equal(doc.lineAt(5).text, 'المصدر: وكالة الأنباء الاقتصادية', 'line 6 after the fix');
      assert.equal(doc.getText(), original.replace('المصدر : ', 'المصدر: '), 'nothing else in the file changed');
      await waitForFindings(uri, ['AN103@2'], 10_000, 'after the AN110 fix (the impossible date remains)');
    } finally {
      await revert(doc);
    }
    assert.equal(doc.getText(), original, 'article-defects.txt is back to its saved text');
  });

  test('"fix all" (source.fixAll.arabic-news) repairs the marker too', async () => {
    const uri = workspaceFile('article-defects.txt');
    const doc = await openArticle(uri);
    try {
      await waitForFindings(uri, ['AN103@2', 'AN110@6'], 15_000, 'before fix all');
      const whole = new vscode.Range(0, 0, doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length);
      const actions = await vscode.commands.executeCommand<(vscode.Command | vscode.CodeAction)[]>(
        'vscode.executeCodeActionProvider', uri, whole, vscode.CodeActionKind.SourceFixAll.append('arabic-news').value,
      );
      const fixAll = actions.filter(isCodeAction).find((a) => a.kind?.value === 'source.fixAll.arabic-news');
      assert.ok(fixAll?.edit, `a source.fixAll.arabic-news action with an edit; got ${show(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.equal(doc.lineAt(5).text, 'المصدر: وكالة الأنباء الاقتصادية', 'line 6 after fix all');
      await waitFor(
        () => vscode.languages.getDiagnostics(uri).map(codeOf),
        (codes) => !codes.includes('AN110'),
        10_000,
        'AN110 to disappear after fix all',
      );
    } finally {
      await revert(doc);
    }
  });
});

// Outline, folding, completion and hover, through the commands VS Code's own UI uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openArticle, revert, show, waitFor, workspaceFile } from './util';

/** Outline labels: English unless VS Code's display language is Arabic. */
const LABELS = vscode.env.language.toLowerCase().startsWith('ar')
  ? { date: 'التاريخ', body: 'المتن', source: 'المصدر', keywords: 'الكلمات الدلالية', readAlso: 'إقرأ أيضاً' }
  : { date: 'Date', body: 'Body', source: 'Source', keywords: 'Keywords', readAlso: 'Read also' };

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** A symbol as "name [start-end]" with 1-based lines, children nested. */
interface Outline {
  readonly name: string;
  readonly lines: string;
  readonly children: Outline[];
}
function outline(symbols: readonly vscode.DocumentSymbol[]): Outline[] {
  return symbols.map((s) => ({ name: s.name, lines: `${s.range.start.line + 1}-${s.range.end.line + 1}`, children: outline(s.children ?? []) }));
}

suite('features', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('outline: the headline with Date, Body, Source, Keywords and Read also under it', async () => {
    const uri = workspaceFile('article-storm.txt');
    const doc = await openArticle(uri);
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri),
      (s) => Array.isArray(s) && s.length > 0,
      10_000,
      'a non-empty outline of article-storm.txt',
    );
    const tree = outline(symbols);
    assert.equal(tree.length, 1, `one root (the headline): ${show(tree)}`);
    const root = tree[0]!;
    assert.equal(root.name, doc.lineAt(0).text, 'the root is named by the headline');
    assert.equal(root.lines, '1-12', 'the root spans the whole article');
    assert.deepEqual(
      root.children.map((c) => `${c.name} ${c.lines}`),
      [`${LABELS.date} 2-2`, `${LABELS.body} 3-6`, `${LABELS.source} 7-7`, `${LABELS.keywords} 8-8`, `${LABELS.readAlso} 9-12`],
      `the sections in order with their lines; got ${show(root.children.map((c) => c.name))}`,
    );
    const [, body, , keywords, readAlso] = root.children;
    assert.equal(body!.children.length, 4, 'the body has its four paragraphs as children');
    assert.deepEqual(
      keywords!.children.map((c) => c.name),
      ['أمطار غزيرة', 'الدفاع المدني', 'الأرصاد الجوية', 'السيول', 'تعليق الدراسة'],
      'the keywords line is split into its five keywords',
    );
    assert.deepEqual(
      readAlso!.children.map((c) => `${c.name} ${c.lines}`),
      [`${doc.lineAt(9).text} 10-12`],
      'the read-also section holds one related article, named by its headline',
    );
  });

  test('folding: the body, the read-also section and each related article', async () => {
    const uri = workspaceFile('article-storm.txt');
    await openArticle(uri);
    const folds = await waitFor(
      () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri),
      (f) => Array.isArray(f) && f.length > 0,
      10_000,
      'folding ranges of article-storm.txt',
    );
    const got = folds.map((f) => `${f.start + 1}-${f.end + 1}`).sort();
    assert.deepEqual(got, ['10-12', '3-6', '9-12'], 'folds (1-based lines): body 3-6, read also 9-12, related article 10-12');
  });

  test("completion on the keywords line offers the other articles' keywords once the workspace is scanned", async () => {
    const uri = workspaceFile('article-clean.txt');
    const doc = await openArticle(uri);
    const line = doc.lineCount - 1;
    assert.ok(doc.lineAt(line).text.startsWith('كلمات دلالية: '), 'the last line of article-clean.txt is the keywords line');
    const valueStart = new vscode.Position(line, 'كلمات دلالية: '.length);
    // مجلس الوزراء is a keyword of article-infrastructure.txt only, تعليق الدراسة of article-storm.txt
    // only: they can come only from the server's scan of the workspace, which runs in the background.
    const list = await waitFor(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, valueStart),
      (l) => ['مجلس الوزراء', 'تعليق الدراسة'].every((k) => l.items.some((i) => labelOf(i) === k)),
      15_000,
      'the keywords مجلس الوزراء and تعليق الدراسة (from other files) among the completions at the start of the keywords value',
    );
    const labels = list.items.map(labelOf);
    assert.ok(!labels.includes('السيول'), `a keyword already on the line (السيول) is not offered again: ${show(labels)}`);
    const item = list.items.find((i) => labelOf(i) === 'مجلس الوزراء')!;
    assert.match(item.detail ?? '', /used in 1 article|مستخدمة في 1/, `the item tells how many articles use it: ${item.detail}`);

    // Typed with ه for ة and no hamza, "البنيه" still finds البنية التحتية (article-infrastructure.txt).
    try {
      const end = doc.lineAt(line).range.end;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, end, ' البنيه');
      assert.ok(await vscode.workspace.applyEdit(edit), 'typing " البنيه" at the end of the keywords line');
      const at = new vscode.Position(line, end.character + ' البنيه'.length);
      const typed = await waitFor(
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at),
        (l) => l.items.some((i) => labelOf(i) === 'البنية التحتية'),
        10_000,
        'البنية التحتية among the completions of "البنيه"',
      );
      const hit = typed.items.find((i) => labelOf(i) === 'البنية التحتية')!;
      const range = hit.range instanceof vscode.Range ? hit.range : hit.range?.replacing;
      assert.ok(range, 'the item says which text it replaces');
      assert.equal(doc.getText(range), 'البنيه', 'the item replaces the typed word');
    } finally {
      await revert(doc);
    }
  });

  test('hover on the date line shows the ISO date and the weekday', async () => {
    const uri = workspaceFile('article-clean.txt');
    const doc = await openArticle(uri);
    assert.equal(doc.lineAt(1).text, 'تاريخ النشر: 21st, November 2024 GMT');
    const onValue = new vscode.Position(1, doc.lineAt(1).text.indexOf('November'));
    const hovers = await waitFor(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onValue),
      (h) => hoverText(h).includes('2024-11-21'),
      10_000,
      'a hover containing 2024-11-21 on the date line',
    );
    const text = hoverText(hovers);
    assert.match(text, /Thursday/, `the hover names the weekday (21 November 2024 was a Thursday): ${text}`);
    assert.match(text, /الخميس/, `and names it in Arabic: ${text}`);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 5));
    assert.ok(!hoverText(none).includes('2024-11-21'), `no date hover on a body paragraph: ${hoverText(none)}`);
  });
});

// The views of the client: the right-to-left preview, the corpus dashboard, the Explorer's Corpus
// view, corpus search and the status bar. What the webviews rendered is read back through the
// extension's API (each page reports what it drew); every wait polls with a bound.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ArabicNewsApi } from '../../../client/src/extension';
import type { CorpusNode } from '../../../client/src/corpusView';
import { buildPreviewModel, pieceText } from '../../../client/src/preview/model';
import { activateExtension, basename, closeAllEditors, EXTENSION_ID, openArticle, show, waitFor, workspaceFile } from './util';

function api(): ArabicNewsApi {
  const ext = vscode.extensions.getExtension<ArabicNewsApi>(EXTENSION_ID);
  assert.ok(ext?.isActive, 'the extension is active');
  return ext.exports;
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const wordsIn = (text: string): number => text.split(/[\s\u00A0]+/).filter(Boolean).length;
/** The articles of the test workspace (notes.txt is not one). */
const ARTICLES = ['article-clean.txt', 'article-defects.txt', 'article-infrastructure.txt', 'article-market.txt', 'article-storm.txt'];

suite('views', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('preview model: the byline isolates the Latin date, problems are cut to their ranges', () => {
    const text = ['عنوان الخبر', 'تاريخ النشر: 12th, June 2024 GMT', 'فقرة أولى من الخبر.', 'المصدر : وكالة', 'كلمات دلالية: أولى، ثانية', 'إقرأ أيضاً:', 'خبر آخر', 'فقرته.'].join('\n');
    const model = buildPreviewModel(text, [
      { range: { start: { line: 2, character: 5 }, end: { line: 2, character: 9 } }, message: 'm1', severity: 'warning', code: 'AN204' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 8 } }, message: 'marker', severity: 'warning', code: 'AN110' },
      { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, message: 'nowhere', severity: 'info' },
    ]);
    assert.equal(pieceText(model.headline), 'عنوان الخبر');
    assert.deepEqual(model.date?.runs.map((r) => ({ ltr: !!r.ltr, text: r.segments.map((s) => s.text).join('') })), [{ ltr: true, text: '12th, June 2024 GMT' }], 'the date value is one left-to-right run');
    const para = model.body[0]!.piece.runs[0]!.segments;
    assert.deepEqual(para.map((s) => [s.text, s.problems ?? []]), [['فقرة ', []], ['أولى', [0]], [' من الخبر.', []]], 'a problem underlines exactly its range');
    assert.equal(pieceText(model.source), 'وكالة');
    assert.deepEqual(model.source?.runs[0]?.segments[0]?.problems, [1], 'a problem on the source marker falls on the source shown');
    assert.deepEqual(model.keywords.map(pieceText), ['أولى', 'ثانية']);
    assert.equal(model.readAlso?.articles.length, 1);
    assert.equal(pieceText(model.readAlso?.articles[0]?.headline), 'خبر آخر');
    assert.deepEqual(model.unplaced, [2], 'a problem on no shown line is listed apart');
    assert.equal(model.words, 2 + 4);
    assert.equal(model.paragraphs, 1);
  });

  test('preview: opens beside the article, shows its headline right to left with its problems, and follows an edit', async () => {
    const uri = workspaceFile('article-defects.txt');
    const doc = await openArticle(uri);
    const headline = doc.lineAt(0).text;
    await vscode.commands.executeCommand('arabicNews.openPreviewToSide');
    const first = await waitFor(
      () => api().views.preview(),
      (s) => s.rendered?.uri === uri.toString() && s.rendered.headline === headline && s.rendered.problems >= 2,
      20_000,
      'the preview webview to show the headline of article-defects.txt with its two problems underlined',
    );
    assert.equal(first.rendered!.dir, 'rtl');
    assert.equal(first.rendered!.lang, 'ar');
    assert.equal(first.rendered!.paragraphs, 3, 'the three body paragraphs');
    const codes = first.model!.problems.map((p) => p.code);
    assert.ok(codes.includes('AN103') && codes.includes('AN110'), `the model carries the diagnostics: ${show(codes)}`);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the editor keeps the focus');

    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    assert.ok(editor, 'the article is still visible beside the preview');
    // The cursor on a paragraph: the preview marks that paragraph.
    editor.selection = new vscode.Selection(3, 5, 3, 5);
    await waitFor(() => api().views.preview().scrolled, (s) => s?.line === 3 && s.reason === 'cursor', 10_000, 'the preview to follow the cursor to line 4');
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'عاجل: ')));
    await waitFor(
      () => api().views.preview(),
      (s) => s.rendered?.headline === `عاجل: ${headline}` && s.rendered.version > first.rendered!.version,
      10_000,
      'the preview to show the edited headline',
    );
  });

  test('preview: a panel handed back after a window reload shows the article its page saved', async () => {
    // Close the open preview: the serializer makes a new one from VS Code's kept panel.
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('arabicNews.preview'));
    await vscode.window.tabGroups.close(open);
    await waitFor(() => api().views.preview(), (s) => !s.visible && s.uri === undefined, 10_000, 'the preview to close');
    const uri = workspaceFile('article-defects.txt');
    const headline = (await vscode.workspace.openTextDocument(uri)).lineAt(0).text;
    // What VS Code does on reload: a panel of the preview's type and the state its page saved.
    const kept = vscode.window.createWebviewPanel('arabicNews.preview', 'Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    await waitFor(() => kept.visible, (v) => v, 10_000, 'the kept panel to open');
    await api().views.restorePreview(kept, { uri: uri.toString() });
    await waitFor(
      () => api().views.preview(),
      (s) => s.rendered?.uri === uri.toString() && s.rendered.headline === headline && s.rendered.problems >= 2,
      20_000,
      'the restored preview to render article-defects.txt with its problems',
    );
  });

  test('dashboard: charts of the workspace, and a bar lists its articles', async () => {
    await vscode.commands.executeCommand('arabicNews.showDashboard');
    const state = await waitFor(
      () => api().views.dashboard(),
      (s) => !!s.rendered && s.rendered.articles >= ARTICLES.length && s.rendered.bars.month > 0 && s.rendered.bars.source > 0 && s.rendered.bars.keyword > 0 && s.rendered.bars.rule > 0,
      20_000,
      `the dashboard to draw the ${ARTICLES.length} articles of the workspace in its four charts`,
    );
    const stats = state.stats!;
    assert.equal(state.rendered!.bars.source, stats.bySource.length, 'a bar per source');
    assert.ok(stats.problemsByRule.some((r) => r.value === 'AN103'), `AN103 (article-defects.txt) is among the problems: ${show(stats.problemsByRule)}`);
    const top = stats.bySource[0]!;
    assert.equal(top.value, 'وكالة الأنباء الوطنية');
    await api().views.selectInDashboard({ chart: 'source', filter: { source: top.value }, label: top.value });
    await waitFor(
      () => api().views.dashboard().listed,
      (l) => l?.label === top.value && l.count === top.count,
      10_000,
      `the page to list the ${top.count} articles of ${top.value}`,
    );
  });

  test('corpus view: source → month → article; an article opens; the filter and the keyword grouping', async () => {
    const tree = api().views.corpusTree;
    tree.setFilter('');
    tree.setGroupBy('source');
    const sources = await waitFor(
      () => tree.getChildren(),
      (nodes) => nodes.filter((n) => n.kind === 'group').reduce((a, n) => a + (n.kind === 'group' ? n.count : 0), 0) >= ARTICLES.length,
      20_000,
      'the Corpus view to group the workspace articles by source',
    );
    const labels = sources.map((n) => labelOf(tree.getTreeItem(n)));
    assert.ok(labels.includes('وكالة الأنباء الوطنية') && labels.includes('صحيفة الخبر اليومي'), `the sources: ${show(labels)}`);
    const national = sources.find((n) => labelOf(tree.getTreeItem(n)) === 'وكالة الأنباء الوطنية')!;
    assert.equal(tree.getTreeItem(national).description, '2', 'the group shows its count');
    const months = await tree.getChildren(national);
    assert.equal(months.length, 2, `November and December 2024: ${show(months.map((m) => labelOf(tree.getTreeItem(m))))}`);
    assert.ok(months.every((m) => m.kind === 'group' && m.facet === 'month'));
    assert.equal(months[0]!.kind === 'group' && months[0]!.value, '2024-12', 'newest month first');
    const articles = await tree.getChildren(months[0]);
    assert.equal(articles.length, 1);
    const item = tree.getTreeItem(articles[0]!);
    assert.equal(labelOf(item), 'الحكومة تخصص اعتمادات عاجلة لإصلاح البنية التحتية المتضررة من السيول', 'an article is shown by its headline');
    assert.match(String(item.description), /2024-12-02/);
    assert.ok(item.command, 'selecting an article opens it');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path ?? '',
      (p) => p.endsWith('/article-infrastructure.txt'),
      10_000,
      'article-infrastructure.txt to open from the Corpus view',
    );

    // The filter: أمطار written without hamza still finds both rain headlines.
    tree.setFilter('امطار');
    const filtered = await tree.getChildren();
    const total = filtered.reduce((a, n) => a + (n.kind === 'group' ? n.count : 0), 0);
    assert.equal(total, 2, `two headlines contain أمطار: ${show(filtered.map((n) => labelOf(tree.getTreeItem(n))))}`);

    tree.setFilter('');
    tree.setGroupBy('keyword');
    const keywords = await tree.getChildren();
    const byLabel = new Map(keywords.map((n: CorpusNode) => [labelOf(tree.getTreeItem(n)), n]));
    const rain = byLabel.get('أمطار غزيرة');
    assert.ok(rain?.kind === 'group' && rain.count === 2, `the keyword أمطار غزيرة groups two articles: ${show([...byLabel.keys()])}`);
    tree.setGroupBy('source');
  });

  test('search: finds a phrase as Arabic is written and opens the match selected', async () => {
    await vscode.commands.executeCommand('arabicNews.searchCorpus', 'امطار غزيره');
    const state = await waitFor(() => api().views.search(), (s) => s?.query === 'امطار غزيره' && s.items.length >= 2, 15_000, 'the search to list its hits');
    assert.ok(state!.items.some((i) => i.label === 'هيئة الأرصاد تحذر من أمطار غزيرة على المناطق الساحلية خلال عطلة نهاية الأسبوع'), `a headline hit: ${show(state!.items)}`);
    assert.ok(state!.items.every((i) => /\.txt:\d+$/.test(i.detail ?? '')), 'each hit names its file and line');
    const editor = await waitFor(
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return vscode.window.activeTextEditor;
      },
      (e) => !!e && ARTICLES.some((a) => e.document.uri.path.endsWith(`/${a}`)) && !e.selection.isEmpty,
      10_000,
      'the first hit to open with the match selected',
    );
    assert.equal(editor!.document.getText(editor!.selection), 'أمطار غزيرة');
  });

  test('status bar: words, paragraphs and problems of the active article', async () => {
    const uri = workspaceFile('article-defects.txt');
    const doc = await openArticle(uri);
    const words = [0, 2, 3, 4].reduce((a, l) => a + wordsIn(doc.lineAt(l).text), 0);
    const state = await waitFor(
      () => ({ bar: api().views.statusBar(), problems: vscode.languages.getDiagnostics(uri).length }),
      (s) => !!s.bar.article?.visible && s.problems >= 2 && s.bar.article.text.includes(`${s.problems} problems`),
      15_000,
      `the status bar to count the words, paragraphs and problems of ${basename(uri)}`,
    );
    assert.ok(state.bar.article!.text.includes(`${words} words`), `${words} words: ${state.bar.article!.text}`);
    assert.ok(state.bar.article!.text.includes('3 paragraphs'), state.bar.article!.text);
    assert.equal(state.bar.indexing?.visible, false, 'no indexing in progress');

    // An edit that adds a problem (a doubled space, AN204): the counts follow.
    const editor = vscode.window.activeTextEditor!;
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(2, 4), ' ')));
    await waitFor(
      () => ({ bar: api().views.statusBar(), problems: vscode.languages.getDiagnostics(uri).length }),
      (s) => s.problems > state.problems && s.bar.article!.text.includes(`${s.problems} problems`),
      10_000,
      'the status bar to count the problem the edit added',
    );

    // Another editor that is not an article hides it.
    const notes = await vscode.workspace.openTextDocument(workspaceFile('notes.txt'));
    await vscode.window.showTextDocument(notes);
    await waitFor(() => api().views.statusBar().article?.visible, (v) => v === false, 5_000, 'the article item to hide for notes.txt');
  });
});

/**
 * Protocol tests of the corpus features: background index with progress, corpus rules pushed
 * for files that are not open, navigation across articles.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, Location, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { repoRoot } from '../support/fixtures';
import { initializeOnFolder, type ServerHandle, startServer } from '../support/lspClient';

const strip = (t: string): string => t.replace(/ ?⟦[^⟧]*⟧/g, '');

describe('the corpus over the protocol', () => {
  let server: ServerHandle;
  let dir: string;
  const uriOf = (rel: string): string => pathToFileURL(path.join(dir, rel)).toString();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-corpus-'));
    // Two near-copies, a same-topic article, keyword spellings, and a read-also headline that is a corpus article.
    for (const [folder, target] of [['near-copy', 'economy'], ['keyword-variant', 'politics'], ['same-headline', 'gold']] as const) {
      const src = path.join(repoRoot, 'test/fixtures/corpus', folder);
      fs.mkdirSync(path.join(dir, target), { recursive: true });
      for (const f of fs.readdirSync(src).filter((f) => f.endsWith('.txt'))) fs.writeFileSync(path.join(dir, target, f), strip(fs.readFileSync(path.join(src, f), 'utf8')));
    }
    const sport = fs.readFileSync(path.join(repoRoot, 'test/fixtures/clean/sport-final.txt'), 'utf8');
    fs.writeFileSync(path.join(dir, 'sport.txt'), sport);
    // The first related headline of sport.txt exists as an article of its own.
    fs.writeFileSync(
      path.join(dir, 'zamalek.txt'),
      'الزمالك يعلن التعاقد مع مدرب جديد .. فيديو\nتاريخ النشر: 2nd, June 2024 GMT\nأعلن نادي الزمالك، مساء السبت، التعاقد مع مدرب برتغالي جديد لقيادة الفريق الأول لمدة موسمين.\nالمصدر: بوابة الأهرام\nكلمات دلالية: الزمالك، مدرب جديد',
    );
    server = startServer();
    const counts = await initializeOnFolder(server, dir, { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } });
    assert.equal(counts.articles, 12);
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('indexing reports work-done progress', () => {
    const progress = server.all<{ value: { kind: string; message?: string } }>('$/progress').map((p) => p.value);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress[progress.length - 1]?.kind, 'end');
    assert.ok(progress.some((p) => p.kind === 'report' && /12 \/ 12/.test(p.message ?? '')), JSON.stringify(progress));
  });

  test('a near-copy is flagged in both files, each pointing at the other, without opening them', async () => {
    const a = uriOf('economy/001_a1b2c3d4e5f60718.txt');
    const b = uriOf('economy/002_b1b2c3d4e5f60718.txt');
    const pa = await server.diagnostics(a, (p) => p.diagnostics.some((d) => d.code === 'AN301'));
    const pb = await server.diagnostics(b, (p) => p.diagnostics.some((d) => d.code === 'AN301'));
    assert.equal(pa.diagnostics.find((d) => d.code === 'AN301')!.relatedInformation![0]!.location.uri, b);
    assert.equal(pb.diagnostics.find((d) => d.code === 'AN301')!.relatedInformation![0]!.location.uri, a);
    // A code action opens both articles side by side.
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'arabic-news', version: 1, text: fs.readFileSync(new URL(a), 'utf8') } });
    const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: a }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })) as { title: string; command?: { command: string; arguments: string[] } }[];
    const compare = actions.find((x) => x.command?.command === 'arabicNews.compare');
    assert.ok(compare, JSON.stringify(actions));
    assert.equal(compare!.title, 'Compare with 002_b1b2c3d4e5f60718.txt');
    assert.deepEqual(compare!.command!.arguments, [a, b]);
    const c = await server.diagnostics(uriOf('economy/003_c1b2c3d4e5f60718.txt'));
    assert.equal(c.diagnostics.some((d) => d.code === 'AN301'), false, 'the same topic is not a duplicate');
  });

  test('workspace symbols: headlines matched as Arabic is written', async () => {
    const found = (await server.connection.sendRequest('workspace/symbol', { query: 'اسعار الذهب' })) as SymbolInformation[];
    assert.deepEqual(found.map((s) => path.basename(s.location.uri)).sort(), ['001_d1b2c3d4e5f60718.txt', '002_e1b2c3d4e5f60718.txt', '003_f1b2c3d4e5f60718.txt']);
  });

  test('references and rename of a keyword cover every keywords line that has it, any spelling', async () => {
    const uri = uriOf('politics/003_13.txt');
    const text = fs.readFileSync(path.join(dir, 'politics/003_13.txt'), 'utf8');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text } });
    const line = text.split('\n').findIndex((l) => l.startsWith('كلمات دلالية'));
    const col = text.split('\n')[line]!.indexOf('إسرائيل') + 2;
    const refs = (await server.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: { line, character: col }, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map((r) => path.basename(r.uri)).sort(), ['001_11.txt', '002_12.txt', '003_13.txt', '004_14.txt']);
    const edit = (await server.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line, character: col }, newName: 'دولة الاحتلال' })) as WorkspaceEdit;
    const changed = edit.documentChanges!.map((c) => path.basename((c as { textDocument: { uri: string } }).textDocument.uri)).sort();
    assert.deepEqual(changed, ['001_11.txt', '002_12.txt', '003_13.txt', '004_14.txt']);
    assert.ok(Object.keys(edit.changeAnnotations!).length === 2, 'one annotation per spelling (إسرائيل, اسرائيل)');
    const other = await server.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.equal(other, null, 'only keywords can be renamed');
  });

  test('hover on a keyword: how many articles and the date span; spellings', async () => {
    const uri = uriOf('politics/003_13.txt');
    const text = fs.readFileSync(path.join(dir, 'politics/003_13.txt'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('كلمات دلالية'));
    const h = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line]!.indexOf('إسرائيل') + 1 } })) as Hover;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /in 4 articles of the corpus, from 2024-01-05 to 2024-01-08/);
    assert.match(value, /إسرائيل \(3\).*اسرائيل \(1\)/);
  });

  test('go to definition on a related headline opens the corpus article', async () => {
    const uri = uriOf('sport.txt');
    const text = fs.readFileSync(path.join(dir, 'sport.txt'), 'utf8');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text } });
    const line = text.split('\n').findIndex((l) => l.startsWith('الزمالك يعلن'));
    const defs = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character: 4 } })) as Location[];
    assert.deepEqual(defs.map((d) => path.basename(d.uri)), ['zamalek.txt']);
  });

  test('the views\' requests: statistics, facets, article lists, search as Arabic is written', async () => {
    const stats = (await server.connection.sendRequest('arabicNews/corpusStats', {})) as { articles: number; byMonth: { value: string; count: number }[]; bySource: { value: string; count: number }[]; problemsByRule: { value: string }[] };
    assert.equal(stats.articles, 12);
    assert.deepEqual(stats.byMonth.find((m) => m.value === '2024-03'), { value: '2024-03', count: 3 }, 'the three gold-price articles');
    assert.ok(stats.bySource.some((s) => s.value === 'البوابة نيوز' && s.count >= 3), JSON.stringify(stats.bySource));
    assert.ok(stats.problemsByRule.some((r) => r.value === 'AN301'), 'problems per rule come from the workspace diagnostics');
    const months = (await server.connection.sendRequest('arabicNews/facet', { groupBy: 'month', filter: { source: 'البوابه نيوز' } })) as { value: string; count: number }[];
    assert.ok(months.length >= 1 && months.every((m) => /^\d{4}-\d{2}$|^none$/.test(m.value)));
    const list = (await server.connection.sendRequest('arabicNews/articles', { filter: { keyword: 'اسرائيل' } })) as { total: number; items: { uri: string; date?: string }[] };
    assert.equal(list.total, 4);
    assert.deepEqual(list.items.map((i) => i.date), ['2024-01-08', '2024-01-07', '2024-01-06', '2024-01-05'], 'newest first');
    const found = (await server.connection.sendRequest('arabicNews/search', { query: 'اسرائيل' })) as { items: { uri: string; kind: string; line: number; character: number; length: number }[] };
    const headline = found.items.find((h) => h.kind === 'headline');
    assert.ok(headline, 'a headline with إسرائيل');
    assert.ok(found.items.some((h) => h.kind === 'paragraph'), 'and paragraphs');
    const para = found.items.find((h) => h.kind === 'paragraph')!;
    const text = fs.readFileSync(new URL(para.uri), 'utf8').split('\n')[para.line]!;
    assert.match(text.slice(para.character, para.character + para.length), /^[اإ]سرائيل/, 'the range covers the match in the raw text');
  });

  test('closing a file keeps its diagnostics as read from disk (workspace scope)', async () => {
    const uri = uriOf('politics/004_14.txt');
    const text = fs.readFileSync(path.join(dir, 'politics/004_14.txt'), 'utf8');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 7, text: text.replace('اسرائيل', 'إسرائيل') } });
    const open = await server.diagnostics(uri, (p) => p.version === 7);
    assert.equal(open.diagnostics.filter((d) => d.code === 'AN303').length, 1, 'only الأمم المتحده once اسرائيل is fixed in the editor');
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = await server.diagnostics(uri, (p) => p.version === undefined && p.diagnostics.filter((d) => d.code === 'AN303').length === 2);
    assert.ok(closed, 'the unsaved edit is gone; the file on disk has both variants');
  });
});

describe('fix all in the corpus', () => {
  let server: ServerHandle;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-fixall-'));
    for (const [i, t] of [
      'عنوان أول للخبر\nتاريخ النشر: ١٢ يونيو ٢٠٢٤\nفقرة  أولى من المتن.\nالمصدر : وكالة\nكلمات دلالية: موسكو',
      'عنوان ثان للخبر\nتاريخ النشر: 31st, June 2024 GMT\nفقرة ثانية من المتن.\nالمصدر: وكالة\nكلمات دلالية: موسكو',
    ].entries()) fs.writeFileSync(path.join(dir, `${i}.txt`), t);
    server = startServer();
    const ready = server.notification('arabicNews/indexReady', () => true, 20_000);
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
    await server.connection.sendNotification('initialized', {});
    await ready;
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('one workspace edit of the safe fixes, every change needing confirmation; picking rules narrows it', async () => {
    const all = (await server.connection.sendRequest('arabicNews/corpusFixes', {})) as { edit: WorkspaceEdit; files: number; fixes: number; byRule: Record<string, number> };
    assert.equal(all.files, 1, 'only 0.txt has safe fixes (31 June is not fixable)');
    assert.deepEqual(Object.keys(all.byRule).sort(), ['AN104', 'AN110', 'AN204']);
    assert.ok(Object.values(all.edit.changeAnnotations!).every((a) => a.needsConfirmation));
    const some = (await server.connection.sendRequest('arabicNews/corpusFixes', { rules: ['AN104'] })) as { byRule: Record<string, number>; fixes: number };
    assert.deepEqual(some.byRule, { AN104: 1 });
    assert.equal(some.fixes, 1);
    assert.equal(fs.readFileSync(path.join(dir, '0.txt'), 'utf8').includes('١٢ يونيو'), true, 'nothing was written');
  });
});

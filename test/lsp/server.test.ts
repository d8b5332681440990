/**
 * Protocol tests: the bundled server started over stdio, as any LSP editor starts it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, DocumentSymbol, FoldingRange, Hover, InitializeResult } from 'vscode-languageserver-protocol';
import { repoRoot } from '../support/fixtures';
import { type ServerHandle, startServer } from '../support/lspClient';

const fixture = (rel: string): string => fs.readFileSync(path.join(repoRoot, 'test/fixtures', rel), 'utf8').replace(/ ?⟦[^⟧]*⟧/g, '');

/** A temporary workspace with three clean articles and one notes file. */
function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-'));
  for (const f of ['economy-budget.txt', 'sport-final.txt', 'gulf-comma-keywords.txt']) fs.copyFileSync(path.join(repoRoot, 'test/fixtures/clean', f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'node_modules', 'ignored.txt'), fixture('clean/sport-final.txt').replace('الترجي ستاد', 'كلمة-مستبعدة الترجي ستاد'));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'ملاحظات: راجع الملفات غدًا');
  return dir;
}

async function initialize(server: ServerHandle, params: Record<string, unknown>): Promise<InitializeResult> {
  const result = (await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, ...params })) as InitializeResult;
  await server.connection.sendNotification('initialized', {});
  return result;
}

describe('language server over stdio (VS Code-like client)', () => {
  let server: ServerHandle;
  let workspace: string;
  const uri = 'file:///virtual/defects.txt';
  const text = 'المالية تعلن موازنة جديدة\nتاريخ النشر: ١٢ يونيو ٢٠٢٤\nأعلنت وزارة المالية موازنة جديدة للعام المقبل في ستاد القاهرة.\nالمصدر : وكالة الأنباء\nكلمات دلالية:';

  before(async () => {
    workspace = makeWorkspace();
    server = startServer();
    const ready = server.notification<{ articles: number }>('arabicNews/indexReady', () => true, 20_000);
    const result = await initialize(server, {
      locale: 'en',
      workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'corpus' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    assert.ok(result.capabilities.documentSymbolProvider);
    const counts = await ready;
    assert.equal(counts.articles, 3, 'three articles indexed; notes.txt and node_modules skipped');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text } });
  });
  after(async () => {
    await server?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('publishes diagnostics on open with rule ids, source and doc links', async () => {
    const p = await server.diagnostics(uri);
    const ids = p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();
    assert.deepEqual(ids, ['5:AN107', '2:AN104', '4:AN110'].sort());
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'arabic-news');
      assert.match(d.codeDescription!.href, new RegExp(`docs/rules/${d.code}\\.md$`));
    }
  });

  test('document symbols: the outline tree', async () => {
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0]!.name, 'المالية تعلن موازنة جديدة');
    assert.deepEqual(symbols[0]!.children!.map((c) => c.name), ['Date', 'Body', 'Source', 'Keywords']);
  });

  test('folding ranges of a real article', async () => {
    const other = pathToFileURL(path.join(workspace, 'sport-final.txt')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'arabic-news', version: 1, text: fs.readFileSync(path.join(workspace, 'sport-final.txt'), 'utf8') } });
    const folds = (await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: other } })) as FoldingRange[];
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[3, 5], [8, 13], [9, 11], [12, 13]]);
    const p = await server.diagnostics(other);
    assert.deepEqual(p.diagnostics.filter((d) => d.severity! <= 2), []);
  });

  test('completion on the keywords line: workspace keywords, body matches first', async () => {
    const list = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 13 } })) as CompletionList;
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('وزارة المالية'), labels.join(' | '));
    assert.ok(labels.includes('الأهلي'), 'keywords of other files');
    assert.equal(labels.includes('كلمة-مستبعدة'), false, 'node_modules is not scanned');
    assert.ok(labels.indexOf('وزارة المالية') < labels.indexOf('الأهلي'), 'in the body first');
  });

  test('hover on the date line', async () => {
    const h = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 16 } })) as Hover;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /2024-06-12/);
    assert.match(value, /Wednesday/);
    assert.match(value, /الأربعاء/);
  });

  test('quick fixes and fix all', async () => {
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix!.edit!.changes![uri]![0]!.newText, '12th, June 2024 GMT');
    const all = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.arabic-news'] },
    })) as CodeAction[];
    assert.equal(all.length, 1);
    assert.equal(all[0]!.edit!.changes![uri]!.length, 2);
  });

  test('an edit updates the diagnostics; closing clears them', async () => {
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 6 }, end: { line: 3, character: 7 } }, text: '' }],
    });
    const p = await server.diagnostics(uri, (d) => d.version === 2);
    assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ['AN104', 'AN107']);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await server.diagnostics(uri, (d) => d.diagnostics.length === 0 && d.version === undefined);
  });

  test('bad input: the server answers and stays up', async () => {
    const junk = [
      '',
      '\uFEFF',
      '\0'.repeat(1000),
      Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 104729) % 65536)).join(''),
      'تاريخ النشر: ' + '٩'.repeat(200_000),
      'كلمة '.repeat(200_000),
      fixture('clean/sport-final.txt').split('\n').reverse().join('\r\n'),
    ];
    for (const [i, t] of junk.entries()) {
      const u = `untitled:junk-${i}`;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'arabic-news', version: 1, text: t } });
      await server.diagnostics(u);
      await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } });
      await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: u } });
      await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
      await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
    }
    assert.equal(server.process.exitCode, null);
  });
});

describe('a minimal client: plaintext, no configuration, no workspace folders', () => {
  let server: ServerHandle;
  before(async () => {
    server = startServer();
    await initialize(server, {});
  });
  after(async () => server?.stop());

  test('still gets diagnostics, outline, folding, completion and hover', async () => {
    const uri = 'file:///tmp/not-in-a-workspace/article.txt';
    const text = fixture('clean/sport-final.txt').replace('1st, June 2024 GMT', '2024-06-01');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const p = await server.diagnostics(uri);
    assert.deepEqual(p.diagnostics.filter((d) => d.severity! <= 2).map((d) => d.code), ['AN104']);
    assert.ok(p.diagnostics.every((d) => d.relatedInformation === undefined));
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols[0]!.children!.length, 5);
    const folds = (await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.equal(folds.length, 4);
    const list = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 14 } })) as CompletionList;
    assert.deepEqual(list.items.map((i) => i.label), ['المباراة', 'بلقب'], 'words the article repeats, not pieces of the keywords already on the line');
    assert.equal(list.items.some((i) => i.label === 'ستاد القاهرة'), false, 'not a keyword already on the line');
    const h = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 15 } })) as Hover;
    assert.match((h.contents as { value: string }).value, /Saturday/);
  });

  test('a plaintext file that is not an article gets no diagnostics', async () => {
    const uri = 'file:///tmp/notes.txt';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'text', version: 1, text: 'ملاحظات عامة\nلا شيء هنا' } });
    const p = await server.diagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });

  test('messages in Arabic for an Arabic locale', async () => {
    const ar = startServer();
    try {
      await initialize(ar, { locale: 'ar' });
      const uri = 'file:///tmp/ar.txt';
      await ar.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text: 'عنوان\nتاريخ النشر: 31st, June 2024 GMT\nفقرة.\nالمصدر: أ\nكلمات دلالية: ب' } });
      const p = await ar.diagnostics(uri);
      assert.equal(p.diagnostics[0]!.code, 'AN103');
      assert.match(String(p.diagnostics[0]!.message), /[\u0600-\u06FF]/);
    } finally {
      await ar.stop();
    }
  });
});

describe('the bin script', () => {
  test('serves over stdio without arguments', async () => {
    const s = startServer([], path.join(repoRoot, 'bin/arabic-news-language-server.js'));
    try {
      const r = await initialize(s, {});
      assert.equal(r.serverInfo?.name, 'arabic-news-language-server');
    } finally {
      await s.stop();
    }
  });
});

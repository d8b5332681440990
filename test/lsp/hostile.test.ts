/**
 * Huge and hostile inputs, each a test, against the real server over stdio: a 10 MB article, a
 * 5 MB single line, 100,000 lines, NUL bytes and random binary, invalid UTF-8 and UTF-16 files
 * in the corpus, a symlink loop, files deleted and renamed while indexing, and a corpus of
 * CORPUS_FILES files (20,000 in CI; `npm run stress` runs 200,000). Timings are printed, not
 * asserted: the targets live in `npm run bench`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { hugeArticle, syntheticArticle } from '../../bench/synthetic';
import { type ServerHandle, startServer } from '../support/lspClient';

const CORPUS_FILES = Number(process.env.CORPUS_FILES) || 20_000;

async function open(server: ServerHandle, uri: string, text: string): Promise<number> {
  const t0 = Date.now();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text } });
  await server.diagnostics(uri, () => true, 120_000);
  return Date.now() - t0;
}

async function allRequests(server: ServerHandle, uri: string, line: number): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const time = async (name: string, fn: () => Promise<unknown>): Promise<unknown> => {
    const t0 = Date.now();
    const r = await fn();
    times[name] = Date.now() - t0;
    return r;
  };
  const symbols = (await time('symbols', () => server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }))) as DocumentSymbol[];
  const folds = (await time('folding', () => server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }))) as FoldingRange[];
  await time('completion', () => server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: 14 } }) as Promise<CompletionList>);
  await time('hover', () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 15 } }));
  await time('codeAction', () => server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }));
  assert.ok(Array.isArray(symbols) && Array.isArray(folds));
  return times;
}

describe('huge and hostile documents', () => {
  let server: ServerHandle;
  before(async () => {
    server = startServer();
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await server.connection.sendNotification('initialized', {});
  });
  after(async () => server?.stop());

  test('a 10 MB article: every request answers, results are capped with a notice', async () => {
    const { text, paragraphs, keywordsLine } = hugeArticle(10_000_000);
    const uri = 'untitled:ten-mb';
    const openMs = await open(server, uri, text);
    const times = await allRequests(server, uri, keywordsLine);
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    const names = symbols[0]!.children!.map((c) => c.name);
    assert.ok(names.some((n) => /too many symbols/.test(n)) || paragraphs < 5000, names.join(', '));
    console.log(`# 10 MB article (${paragraphs} paragraphs): open+diagnostics ${openMs} ms, ${JSON.stringify(times)}`);
  });

  test('a 5 MB single line', async () => {
    const uri = 'untitled:five-mb-line';
    const openMs = await open(server, uri, 'عنوان\nتاريخ النشر: 1st, May 2024 GMT\n' + 'كلمة  عربية '.repeat(420_000) + '\nالمصدر: أ\nكلمات دلالية: ب');
    const times = await allRequests(server, uri, 4);
    console.log(`# 5 MB line: open+diagnostics ${openMs} ms, ${JSON.stringify(times)}`);
  });

  test('100,000 lines, with the diagnostics capped and the cap said', async () => {
    const uri = 'untitled:hundred-thousand-lines';
    const lines = ['عنوان', 'تاريخ النشر: 1st, May 2024 GMT'];
    for (let i = 0; i < 100_000; i++) lines.push(i % 2 ? 'فقرة  قصيرة.' : '');
    lines.push('المصدر: أ', 'كلمات دلالية: ب');
    const openMs = await open(server, uri, lines.join('\n'));
    const p = await server.diagnostics(uri);
    assert.equal(p.diagnostics.length, 1001);
    assert.match(String(p.diagnostics[1000]!.message), /Too many problems: showing the first 1000 of/);
    const times = await allRequests(server, uri, lines.length - 1);
    console.log(`# 100,000 lines: open+diagnostics ${openMs} ms, ${JSON.stringify(times)}`);
  });

  test('NUL bytes and random binary', async () => {
    const random = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 2654435761) % 65536)).join('');
    for (const [name, text] of [['nul', '\0'.repeat(100_000)], ['binary', random]] as const) {
      const uri = `untitled:${name}`;
      await open(server, uri, text);
      await allRequests(server, uri, 0);
    }
    assert.equal(server.process.exitCode, null, 'the server is still up');
  });
});

describe(`a hostile corpus of ${CORPUS_FILES.toLocaleString('en')} files`, () => {
  let server: ServerHandle;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-hostile-'));
    for (let i = 0; i < CORPUS_FILES; i++) {
      const sub = path.join(dir, `d${i % 100}`);
      if (i < 100) fs.mkdirSync(sub);
      fs.writeFileSync(path.join(sub, `${i}.txt`), syntheticArticle(i, 1500));
    }
    // Invalid UTF-8, UTF-16 with a BOM, pure binary, an empty file, a symlink loop.
    fs.writeFileSync(path.join(dir, 'invalid-utf8.txt'), Buffer.concat([Buffer.from('عنوان\nتاريخ النشر: 1st, May 2024 GMT\n'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), Buffer.from('\nالمصدر: أ')]));
    fs.writeFileSync(path.join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('عنوان\nتاريخ النشر: 1st, May 2024 GMT', 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256)));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.symlinkSync(dir, path.join(dir, 'loop'), 'dir');
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('indexes in the background, survives files vanishing, answers meanwhile, and finishes', async () => {
    server = startServer();
    const ready = server.notification<{ articles: number; files: number; ms: number }>('arabicNews/indexReady', () => true, 600_000);
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: { window: { workDoneProgress: true } } });
    await server.connection.sendNotification('initialized', {});
    // While it indexes: delete one file, rename another, and ask for workspace symbols.
    await server.notification('$/progress', (p: { value: { kind: string } }) => p.value.kind === 'report', 120_000);
    fs.rmSync(path.join(dir, 'd99', `${CORPUS_FILES - 1}.txt`));
    fs.renameSync(path.join(dir, 'd98', `${CORPUS_FILES - 2}.txt`), path.join(dir, 'd98', 'renamed.txt'));
    const t0 = Date.now();
    await server.connection.sendRequest('workspace/symbol', { query: 'الأمم' });
    const during = Date.now() - t0;
    const info = await ready;
    const rss = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1];
    console.log(`# ${CORPUS_FILES} files: indexed ${info.articles} articles in ${info.ms} ms; a request during indexing took ${during} ms; server peak RSS ${rss ? Math.round(Number(rss) / 1024) : '?'} MB`);
    assert.ok(info.articles >= CORPUS_FILES - 2 && info.articles <= CORPUS_FILES + 1, `articles indexed: ${info.articles}`);
    const status = (await server.connection.sendRequest('arabicNews/status')) as { indexReady: boolean };
    assert.equal(status.indexReady, true);
    assert.equal(server.process.exitCode, null);
  });
});

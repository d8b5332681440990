/**
 * Pull diagnostics over the protocol: a client that can pull (`textDocument.diagnostic`,
 * `workspace.diagnostics`) gets `diagnosticProvider` and is never pushed to; a client that cannot
 * pull, or opts out with the `diagnosticsMode` initialization option, is pushed to as before.
 * The pulled diagnostics are compared with what a pushing server sends for the same workspace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticReportPartialResult,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { readExpectations, repoRoot } from '../support/fixtures';
import { type ServerHandle, startServer } from '../support/lspClient';

/** An article with a non-canonical date (AN104), a marker spelling (AN110) and an empty keywords line (AN107). */
const DEFECTS = 'المالية تعلن موازنة جديدة\nتاريخ النشر: ١٢ يونيو ٢٠٢٤\nأعلنت وزارة المالية موازنة جديدة للعام المقبل في ستاد القاهرة.\nالمصدر : وكالة الأنباء\nكلمات دلالية:';
const OPEN_URI = 'file:///virtual/defects.txt';

const PULL_CAPABILITIES = {
  textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false }, publishDiagnostics: { relatedInformation: true } },
  workspace: { diagnostics: { refreshSupport: true } },
};
const PUSH_CAPABILITIES = { textDocument: { publishDiagnostics: { relatedInformation: true } } };

/** A temporary corpus: three clean articles and one with an impossible date (31 June, AN103), which stays closed. */
function makeWorkspace(): { dir: string; closedUri: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-pull-'));
  for (const f of ['economy-budget.txt', 'sport-final.txt', 'gulf-comma-keywords.txt']) fs.copyFileSync(path.join(repoRoot, 'test/fixtures/clean', f), path.join(dir, f));
  const { text } = readExpectations(fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/AN103/no-such-day.txt'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'no-such-day.txt'), text);
  return { dir, closedUri: pathToFileURL(path.join(dir, 'no-such-day.txt')).toString() };
}

interface Started {
  readonly server: ServerHandle;
  readonly result: InitializeResult;
  /** Resolves with the first `workspace/diagnostic/refresh` request. */
  readonly refreshed: Promise<void>;
  readonly refreshes: () => number;
}

/** Starts a server on `dir`, initializes it and waits for the corpus index. */
async function start(dir: string, capabilities: object, initializationOptions?: object): Promise<Started> {
  const server = startServer();
  let count = 0;
  let signal: () => void = () => undefined;
  const refreshed = new Promise<void>((resolve, reject) => {
    signal = resolve;
    // Bounded, like every wait of the protocol tests (the timer only fails a refresh that never comes).
    setTimeout(() => reject(new Error(`no workspace/diagnostic/refresh within 10 s; server log:\n${server.log.join('\n')}`)), 10_000).unref();
  });
  refreshed.catch(() => undefined); // awaited only by the tests that expect a refresh
  server.connection.onRequest('workspace/diagnostic/refresh', () => {
    count++;
    signal();
    return null;
  });
  const ready = server.notification('arabicNews/indexReady', () => true, 20_000);
  const folder = pathToFileURL(dir).toString();
  const result = (await server.connection.sendRequest('initialize', {
    processId: process.pid,
    locale: 'en',
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'corpus' }],
    capabilities,
    ...(initializationOptions ? { initializationOptions } : {}),
  })) as InitializeResult;
  await server.connection.sendNotification('initialized', {});
  await ready;
  return { server, result, refreshed, refreshes: () => count };
}

const codes = (items: readonly Diagnostic[]): string[] => items.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();
const open = (server: ServerHandle, uri: string, text: string): Promise<void> =>
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text } });
const pullDocument = (server: ServerHandle, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
  server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }) as Promise<DocumentDiagnosticReport>;
const pullWorkspace = (server: ServerHandle, previousResultIds: { uri: string; value: string }[] = [], extra: object = {}): Promise<WorkspaceDiagnosticReport> =>
  server.connection.sendRequest('workspace/diagnostic', { previousResultIds, ...extra }) as Promise<WorkspaceDiagnosticReport>;

describe('pull diagnostics: a client that pulls, beside one that cannot', () => {
  let workspace: { dir: string; closedUri: string };
  let pulling: Started;
  let pushed: Started;

  before(async () => {
    workspace = makeWorkspace();
    [pulling, pushed] = await Promise.all([start(workspace.dir, PULL_CAPABILITIES, { diagnosticsMode: 'pull' }), start(workspace.dir, PUSH_CAPABILITIES)]);
    await open(pulling.server, OPEN_URI, DEFECTS);
    await open(pushed.server, OPEN_URI, DEFECTS);
  });
  after(async () => {
    await Promise.all([pulling?.server.stop(), pushed?.server.stop()]);
    if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
  });

  test('the pulling client gets diagnosticProvider, the other does not', () => {
    assert.deepEqual(pulling.result.capabilities.diagnosticProvider, { identifier: 'arabic-news', interFileDependencies: true, workspaceDiagnostics: true });
    assert.equal(pushed.result.capabilities.diagnosticProvider, undefined);
  });

  test('the finished index asks the pulling client to pull again', async () => {
    await pulling.refreshed;
    assert.ok(pulling.refreshes() >= 1);
    assert.equal(pushed.refreshes(), 0);
  });

  test('textDocument/diagnostic answers what is pushed to the other client', async () => {
    const push = await pushed.server.diagnostics(OPEN_URI);
    const report = await pullDocument(pulling.server, OPEN_URI);
    assert.equal(report.kind, 'full');
    assert.equal(typeof report.resultId, 'string');
    assert.deepEqual(codes(report.items), ['2:AN104', '4:AN110', '5:AN107']);
    assert.deepEqual(report.items, push.diagnostics);
  });

  test('the same result id is answered unchanged; an edit gives a full report again', async () => {
    const first = await pullDocument(pulling.server, OPEN_URI);
    assert.equal(first.kind, 'full');
    const again = await pullDocument(pulling.server, OPEN_URI, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    // Fix the marker spelling: AN110 goes away.
    await pulling.server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: OPEN_URI, version: 2 }, contentChanges: [{ text: DEFECTS.replace('المصدر :', 'المصدر:') }] });
    const edited = await pullDocument(pulling.server, OPEN_URI, first.resultId);
    assert.equal(edited.kind, 'full');
    assert.notEqual(edited.resultId, first.resultId);
    assert.deepEqual(codes(edited.kind === 'full' ? edited.items : []), ['2:AN104', '5:AN107']);
  });

  test('workspace/diagnostic lists the problems of a closed corpus file, as pushed to the other client', async () => {
    const push = await pushed.server.diagnostics(workspace.closedUri, (p) => p.diagnostics.length > 0);
    const report = await pullWorkspace(pulling.server);
    const closed = report.items.find((i) => i.uri === workspace.closedUri);
    assert.ok(closed, JSON.stringify(report.items.map((i) => i.uri)));
    assert.equal(closed.kind, 'full');
    assert.equal(closed.version, null);
    assert.ok(codes(closed.kind === 'full' ? closed.items : []).includes('2:AN103'), JSON.stringify(closed));
    assert.deepEqual(closed.kind === 'full' ? closed.items : [], push.diagnostics);
    const opened = report.items.find((i) => i.uri === OPEN_URI);
    assert.equal(opened?.version, 2, 'the open document is reported with its version');
    assert.equal(report.items.length, 5, 'four corpus files and the open document');

    // Sent back, the result ids make every report unchanged.
    const previous = report.items.map((i) => ({ uri: i.uri, value: (i as { resultId: string }).resultId }));
    const again = await pullWorkspace(pulling.server, previous);
    assert.deepEqual(
      again.items.map((i) => [i.uri, i.kind]).sort(),
      report.items.map((i) => [i.uri, 'unchanged']).sort(),
    );
    // A file reported before and no longer in the corpus is cleared.
    const gone = pathToFileURL(path.join(workspace.dir, 'deleted.txt')).toString();
    const cleared = await pullWorkspace(pulling.server, [{ uri: gone, value: 'old' }]);
    assert.deepEqual(cleared.items.find((i) => i.uri === gone), { uri: gone, version: null, kind: 'full', items: [] });
  });

  test('with a partial result token the reports are streamed as $/progress', async () => {
    const token = 'pull-test-partial';
    const final = await pullWorkspace(pulling.server, [], { partialResultToken: token });
    assert.deepEqual(final.items, []);
    const streamed = pulling.server
      .all<{ token: string; value: WorkspaceDiagnosticReportPartialResult }>('$/progress')
      .filter((p) => p.token === token)
      .flatMap((p) => p.value.items as WorkspaceDocumentDiagnosticReport[]);
    assert.ok(streamed.some((i) => i.uri === workspace.closedUri && i.kind === 'full' && i.items.some((d) => d.code === 'AN103')), JSON.stringify(streamed));
  });

  test('nothing is pushed to the pulling client', async () => {
    // Everything the pushing server pushed (the open document, the closed files after the index)
    // was pushed before the requests above were answered; one more round trip for good measure.
    await pulling.server.connection.sendRequest('arabicNews/serverInfo');
    assert.deepEqual(pulling.server.all('textDocument/publishDiagnostics'), []);
    assert.ok(pushed.server.all('textDocument/publishDiagnostics').length > 0);
  });
});

describe('pull diagnostics: the mode chosen for the client', () => {
  let workspace: { dir: string; closedUri: string };
  after(() => {
    if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
  });
  before(() => {
    workspace = makeWorkspace();
  });

  test("'auto' with pull capabilities: open documents pulled, closed corpus files still pushed", async () => {
    const s = await start(workspace.dir, PULL_CAPABILITIES);
    try {
      assert.deepEqual(s.result.capabilities.diagnosticProvider, { identifier: 'arabic-news', interFileDependencies: true, workspaceDiagnostics: false });
      const p = await s.server.diagnostics(workspace.closedUri, (x) => x.diagnostics.length > 0);
      assert.deepEqual(codes(p.diagnostics).filter((c) => c.endsWith('AN103')), ['2:AN103']);
      await open(s.server, OPEN_URI, DEFECTS);
      const report = await pullDocument(s.server, OPEN_URI);
      assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['2:AN104', '4:AN110', '5:AN107']);
      await s.server.connection.sendRequest('arabicNews/serverInfo');
      assert.ok(!s.server.all('textDocument/publishDiagnostics').some((x) => (x as { uri: string }).uri === OPEN_URI && (x as { diagnostics: unknown[] }).diagnostics.length > 0), 'the open document is not pushed');
    } finally {
      await s.server.stop();
    }
  });

  test("diagnosticsMode 'push' (the VS Code client): no diagnosticProvider, diagnostics pushed", async () => {
    const s = await start(workspace.dir, PULL_CAPABILITIES, { diagnosticsMode: 'push' });
    try {
      assert.equal(s.result.capabilities.diagnosticProvider, undefined);
      const p = await s.server.diagnostics(workspace.closedUri, (x) => x.diagnostics.length > 0);
      assert.deepEqual(codes(p.diagnostics).filter((c) => c.endsWith('AN103')), ['2:AN103']);
      await open(s.server, OPEN_URI, DEFECTS);
      const q = await s.server.diagnostics(OPEN_URI);
      assert.deepEqual(codes(q.diagnostics), ['2:AN104', '4:AN110', '5:AN107']);
    } finally {
      await s.server.stop();
    }
  });

  test("mode 'pull' in the settings, without the capabilities; the 'open' scope reports open documents only", async () => {
    const s = await start(workspace.dir, PUSH_CAPABILITIES, { settings: { diagnostics: { scope: 'open', mode: 'pull' } } });
    try {
      assert.deepEqual(s.result.capabilities.diagnosticProvider, { identifier: 'arabic-news', interFileDependencies: true, workspaceDiagnostics: true });
      await open(s.server, OPEN_URI, DEFECTS);
      const report = await pullWorkspace(s.server);
      assert.deepEqual(report.items.map((i) => i.uri), [OPEN_URI]);
      const only = report.items[0]!;
      assert.deepEqual(codes(only.kind === 'full' ? only.items : []), ['2:AN104', '4:AN110', '5:AN107']);
      await s.server.connection.sendRequest('arabicNews/serverInfo');
      assert.deepEqual(s.server.all('textDocument/publishDiagnostics'), []);
      assert.equal(s.refreshes(), 0, 'no refresh without refreshSupport');
    } finally {
      await s.server.stop();
    }
  });
});

/** Protocol tests of `.arabic-news.json`: the articles follow it, and a broken file is reported on itself. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ServerHandle, startServer } from '../support/lspClient';

describe('.arabic-news.json over the protocol', () => {
  let server: ServerHandle;
  let dir: string;
  let articleUri: string;
  let configPath: string;
  const article = 'المالية تعلن موازنة جديدة\nتاريخ النشر: 2024-06-12\nأعلنت وزارة المالية موازنة جديدة.\nالمصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-config-'));
    configPath = path.join(dir, '.arabic-news.json');
    fs.writeFileSync(configPath, '{\n  // ISO dates are fine in this corpus\n  "rules": { "AN104": "off" }\n}');
    fs.mkdirSync(path.join(dir, 'news'));
    fs.writeFileSync(path.join(dir, 'news', 'a.txt'), article);
    articleUri = pathToFileURL(path.join(dir, 'news', 'a.txt')).toString();
    server = startServer();
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: articleUri, languageId: 'arabic-news', version: 1, text: article } });
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the nearest configuration applies', async () => {
    const p = await server.diagnostics(articleUri);
    assert.deepEqual(p.diagnostics.map((d) => d.code), []);
  });

  test('changing the file on disk re-checks open articles', async () => {
    fs.writeFileSync(configPath, '{ "rules": { "AN104": "error" } }');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).toString(), type: 2 }] });
    const p = await server.diagnostics(articleUri, (d) => d.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['AN104', 1]]);
  });

  test('a broken configuration is reported on itself while typing; articles fall back to defaults', async () => {
    const uri = pathToFileURL(configPath).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'jsonc', version: 1, text: '{ "rules": { "AN1O4": "off", "AN106": "loud" } }' } });
    const p = await server.diagnostics(uri);
    const messages = p.diagnostics.map((d) => String(d.message));
    assert.ok(messages.some((m) => /did you mean "AN104"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /"loud" is not a severity/.test(m)), messages.join('\n'));
    fs.writeFileSync(configPath, '{ "rules": ');
    await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const a = await server.diagnostics(articleUri, (d) => d.diagnostics.some((x) => x.code === 'AN104' && x.severity === 2));
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['AN104'], 'defaults: AN104 is a warning again');
  });
});

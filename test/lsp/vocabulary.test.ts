/**
 * A configured controlled vocabulary guides the split of space-joined keyword lines in the
 * editor, as in the command line and the corpus harness (test/fixtures/corpus/vocabulary-split):
 * the keywords it knows come out whole, so AN305 flags only the keyword that is not in it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { initializeOnFolder, type ServerHandle, startServer } from '../support/lspClient';
import { repoRoot } from '../support/fixtures';

describe('the vocabulary splits keyword lines in the editor', () => {
  let server: ServerHandle;
  let dir: string;
  const uriOf = (name: string): string => pathToFileURL(path.join(dir, name)).toString();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-vocabulary-'));
    const src = path.join(repoRoot, 'test/fixtures/corpus/vocabulary-split');
    for (const f of fs.readdirSync(src)) fs.writeFileSync(path.join(dir, f), fs.readFileSync(path.join(src, f), 'utf8').replace(/ ?⟦[^⟧]*⟧/g, ''));
    server = startServer();
    const ready = await initializeOnFolder(server, dir);
    assert.equal(ready.articles, 2);
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const an305 = async (name: string): Promise<string[]> => {
    const uri = uriOf(name);
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text } });
    const p = await server.diagnostics(uri, (d) => d.version === 1);
    return p.diagnostics.filter((d) => d.code === 'AN305').map((d) => String(d.message));
  };

  test('a line of vocabulary keywords splits into them: nothing to report', async () => {
    assert.deepEqual(await an305('001_51.txt'), []);
  });

  test('only the keyword outside the vocabulary is flagged, whole', async () => {
    const messages = await an305('002_52.txt');
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /البنوك الحكومية/);
  });
});

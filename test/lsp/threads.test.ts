/**
 * The corpus indexed by worker threads (the default) and on the server's own thread
 * (`arabicNews.corpus.indexThreads: 0`) is the same index: same articles, same keyword counts
 * (so the same keyword splits), same near-duplicates, same facets.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { syntheticArticle } from '../../bench/synthetic';
import { IndexPool } from '../../server/src/indexPool';
import { WORKER_NICE } from '../../server/src/indexWorker';
import { initializeOnFolder, startServer, type ServerHandle } from '../support/lspClient';

let dir: string;
const servers: ServerHandle[] = [];

async function indexed(threads: number | undefined): Promise<ServerHandle> {
  const server = startServer();
  servers.push(server);
  await initializeOnFolder(server, dir, {}, { settings: { corpus: threads === undefined ? {} : { indexThreads: threads } } }, 60_000);
  return server;
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-threads-'));
  // 300 articles (enough for the worker pool), every tenth a near-copy of the one before.
  let previous = '';
  for (let i = 0; i < 300; i++) {
    let text = syntheticArticle(5_000 + i, 2500, 2);
    if (i % 10 === 9) text = previous.replace(/\.\n/, ' محدث.\n');
    previous = text;
    fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.txt`), text);
  }
});
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('worker threads and the server thread build the same corpus index', async () => {
  const [pooled, single] = await Promise.all([indexed(undefined), indexed(0)]);
  const ask = async (s: ServerHandle, method: string, params: unknown): Promise<unknown> => s.connection.sendRequest(method, params);
  const status = (await ask(pooled, 'arabicNews/status', {})) as { articles: number };
  assert.equal(status.articles, 300);
  assert.deepEqual(await ask(pooled, 'arabicNews/status', {}), await ask(single, 'arabicNews/status', {}));
  // Problems are counted as the files are checked after indexing, at each server's own pace: left out.
  const indexStats = async (s: ServerHandle): Promise<unknown> => {
    const stats = (await ask(s, 'arabicNews/corpusStats', {})) as Record<string, unknown>;
    delete stats.problemsByRule;
    return stats;
  };
  const stats = await indexStats(pooled);
  assert.deepEqual(stats, await indexStats(single));
  assert.ok(JSON.stringify(stats).length > 100, JSON.stringify(stats));
  for (const groupBy of ['keyword', 'source', 'month'] as const) {
    const a = await ask(pooled, 'arabicNews/facet', { groupBy, limit: 1000 });
    const b = await ask(single, 'arabicNews/facet', { groupBy, limit: 1000 });
    assert.deepEqual(a, b, `facet ${groupBy}`);
  }
  const keywords = (await ask(pooled, 'arabicNews/facet', { groupBy: 'keyword', limit: 1000 })) as unknown[];
  assert.ok(keywords.length > 20, 'the corpus has keywords');
  for (const query of ['ال', 'مصر', 'الرئيس']) {
    const a = (await ask(pooled, 'workspace/symbol', { query })) as { location: { uri: string } }[];
    const b = (await ask(single, 'workspace/symbol', { query })) as { location: { uri: string } }[];
    assert.deepEqual(a.map((s) => s.location.uri), b.map((s) => s.location.uri), `symbols for ${query}`);
  }
});

test('index worker threads run at a lower priority than the server thread (Linux)', { skip: process.platform !== 'linux' }, async () => {
  const script = path.join(__dirname, '../../../dist/indexWorker.js');
  const pool = IndexPool.start(1, script);
  assert.ok(pool, 'the pool starts from the bundled worker');
  try {
    // Once a job is answered, the worker has set its priority (it does so before listening).
    await pool.run({ configs: [], files: [] });
    const nices = fs.readdirSync('/proc/self/task').map((tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); // field 19: nice
    });
    assert.ok(nices.includes(WORKER_NICE), `a thread at nice ${WORKER_NICE}: ${nices.join(' ')}`);
    assert.equal(os.getPriority(), 0, 'the calling thread keeps its priority');
  } finally {
    await pool.close();
  }
});

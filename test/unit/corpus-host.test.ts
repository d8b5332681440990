/**
 * The corpus host's helpers for file events: a folder deleted or created as one event, and the
 * second listing that catches files created while the first one ran.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig } from '../../server/src/core/config';
import { compareListings, CorpusHost, DEFAULT_EXCLUDE, listCorpusFiles, listCorpusFilesUnder } from '../../server/src/corpusHost';

const text = (headline: string): string =>
  `${headline}\nتاريخ النشر: 13th, September 2023 GMT\nقال مسؤولون إن فرق الإنقاذ واصلت عملها طوال الليل في المناطق المتضررة.\nالمصدر: البوابة نيوز\nكلمات دلالية: الإنقاذ، الطوارئ\n`;

test('a second listing: files the first missed and nothing indexed since; indexed files that vanished', () => {
  const first = new Set(['/c/a.txt', '/c/b.txt', '/c/notes.txt', '/c/gone.txt']);
  const second = ['/c/a.txt', '/c/late.txt', '/c/watched.txt', '/c/notes.txt'];
  const indexed = new Set(['/c/a.txt', '/c/b.txt', '/c/watched.txt']); // notes.txt is not an article; watched.txt came with a file event
  const { added, vanished } = compareListings(first, second, (f) => indexed.has(f));
  assert.deepEqual(added, ['/c/late.txt']);
  assert.deepEqual(vanished, ['/c/b.txt'], 'gone.txt vanished too, but it is not in the index');
  assert.deepEqual(compareListings(first, [...first], () => true), { added: [], vanished: [] });
});

test('the corpus files under a folder are those the whole listing has there, with the globs relative to the root', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'an-under-'));
  try {
    for (const rel of ['news/2024/a.txt', 'news/2024/b.md', 'news/node_modules/c.txt', 'news/drafts/d.txt', 'other/e.txt', 'node_modules/pkg/f.txt']) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text('عنوان'));
    }
    const scope = { include: ['news/**/*.txt'], exclude: [...DEFAULT_EXCLUDE, 'news/drafts'] };
    const list = async (folder: string): Promise<string[]> => {
      const out: string[] = [];
      for await (const f of listCorpusFilesUnder(root, folder, scope)) out.push(path.relative(root, f).split(path.sep).join('/'));
      return out;
    };
    assert.deepEqual(await list(path.join(root, 'news')), ['news/2024/a.txt']);
    assert.deepEqual(await list(path.join(root, 'news', '2024')), ['news/2024/a.txt']);
    assert.deepEqual(await list(path.join(root, 'other')), [], 'not included');
    assert.deepEqual(await list(path.join(root, 'news', 'drafts')), [], 'an excluded folder');
    assert.deepEqual(await list(path.join(root, 'node_modules', 'pkg')), [], 'below an excluded folder');
    assert.deepEqual(await list(path.join(root, 'news', '2024', 'a.txt')), [], 'a file is not a folder');
    assert.deepEqual(await list(path.join(root, 'missing')), []);
    assert.deepEqual(await list(os.tmpdir()), [], 'outside the root');
    const whole: string[] = [];
    for await (const f of listCorpusFiles(root, scope)) whole.push(path.relative(root, f).split(path.sep).join('/'));
    assert.deepEqual(await list(root), whole);
    if (process.platform !== 'win32') {
      fs.symlinkSync(path.join(root, 'news'), path.join(root, 'link'));
      assert.deepEqual(await list(path.join(root, 'link')), [], 'symbolic links are not followed');
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('removeUnder forgets the articles below a folder, however its URI is encoded, except open ones', () => {
  const open = new Map<string, string>();
  const host = new CorpusHost({ configFor: () => resolveConfig(), openText: (uri) => open.get(uri), indexThreads: 0 });
  const base = path.join(path.sep, 'corpus', 'أخبار');
  const uri = (rel: string): string => pathToFileURL(path.join(base, rel)).toString();
  for (const rel of ['2023/a.txt', '2023/g20/b.txt', '2023/open.txt', '2023-extra/c.txt', 'd.txt']) host.indexText(uri(rel), text(`خبر ${rel}`));
  open.set(uri('2023/open.txt'), text('خبر مفتوح'));
  // A client may spell the folder's URI with lower-case escapes and a trailing slash.
  const folder = uri('2023').replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()) + '/';
  assert.notEqual(folder, uri('2023') + '/');
  assert.deepEqual(host.removeUnder(folder).sort(), [uri('2023/a.txt'), uri('2023/g20/b.txt')]);
  assert.deepEqual([...host.index.all()].map((s) => s.uri).sort(), [uri('2023-extra/c.txt'), uri('2023/open.txt'), uri('d.txt')]);
  assert.deepEqual(host.removeUnder([uri('2023-extra'), uri('nothing')]), [uri('2023-extra/c.txt')]);
  assert.deepEqual(host.removeUnder(uri('d.txt')), [], 'a file is not a folder of itself');
  assert.equal(host.index.size, 2);
});

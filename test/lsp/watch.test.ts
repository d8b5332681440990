/**
 * Protocol tests of the corpus index kept current from file events: a folder deleted or created
 * is reported by the client as ONE watched-file event for the folder, not one per article; and
 * a file created while the first listing runs (before the watcher is registered) is not missed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams, SymbolInformation } from 'vscode-languageserver-protocol';
import { initializeOnFolder, type ServerHandle, startServer } from '../support/lspClient';

const CREATED = 1;
const DELETED = 3;

/** An article in the corpus format: headline, date line, body, source, keywords. */
function article(headline: string, date: string, body: readonly string[], source: string, keywords: string): string {
  return [headline, `تاريخ النشر: ${date}`, ...body, `المصدر: ${source}`, `كلمات دلالية: ${keywords}`].join('\n') + '\n';
}

const QUAKE_BODY = [
  'ضرب زلزال بقوة 6.8 درجة على مقياس ريختر، مساء الجمعة، إقليم الحوز جنوب مدينة مراكش المغربية، وشعر به سكان عدة مدن في وسط المملكة وجنوبها.',
  'وقال المعهد الوطني للجيوفيزياء إن مركز الزلزال يقع في بلدة إغيل على عمق نحو ثمانية كيلومترات، وإن هزات ارتدادية عدة أعقبته خلال الليل.',
  'وأعلنت وزارة الداخلية أن فرق الإنقاذ والوقاية المدنية انتشرت في القرى الجبلية المتضررة، بينما تواصل السلطات حصر الخسائر البشرية والمادية.',
  'وتوافد مئات المتطوعين على مراكز التبرع بالدم في مراكش وأكادير والدار البيضاء، استجابة لنداءات المستشفيات التي استقبلت أعدادًا كبيرة من المصابين.',
];

/** The articles of the folder that is deleted: each has a non-canonical date (AN104), so its pushed diagnostics are not empty. */
const ARCHIVE: Record<string, string> = {
  'archive-2023/001_quake.txt': article('زلزال بقوة 6.8 درجة يضرب إقليم الحوز جنوب مراكش', '9 سبتمبر 2023', QUAKE_BODY, 'وكالة المغرب العربي للأنباء', 'زلزال المغرب، الحوز، مراكش، الوقاية المدنية'),
  'archive-2023/002_derna.txt': article(
    'آلاف المفقودين في درنة بعد انهيار سدين جراء العاصفة دانيال',
    '12 سبتمبر 2023',
    [
      'أعلنت السلطات في شرق ليبيا أن آلاف الأشخاص ما زالوا في عداد المفقودين في مدينة درنة، بعد أن تسببت العاصفة دانيال في انهيار سدين وجرف أحياء كاملة نحو البحر.',
      'وقال المتحدث باسم جهاز الإسعاف والطوارئ إن فرق البحث انتشلت مئات الجثث من تحت الأنقاض ومن الشاطئ، وإن الطرق المؤدية إلى المدينة ما زالت مقطوعة.',
    ],
    'البوابة نيوز',
    'ليبيا، درنة، العاصفة دانيال، السيول',
  ),
  'archive-2023/g20/003_delhi.txt': article(
    'قمة العشرين في نيودلهي تتبنى إعلانا مشتركا وتضم الاتحاد الأفريقي',
    '10 سبتمبر 2023',
    [
      'اختتمت قمة مجموعة العشرين أعمالها في العاصمة الهندية نيودلهي بإعلان مشترك تبناه القادة بالتوافق، بعد مفاوضات شاقة حول صياغة الفقرات المتعلقة بالحرب في أوكرانيا.',
      'ورحب رئيس الوزراء الهندي ناريندرا مودي بانضمام الاتحاد الأفريقي عضوا دائما في المجموعة، معتبرا أن القرار يمنح دول الجنوب صوتا أكبر في إدارة الاقتصاد العالمي.',
    ],
    'بوابة الأهرام',
    'مجموعة العشرين، نيودلهي، الاتحاد الأفريقي، ناريندرا مودي',
  ),
};

/** The articles that stay: a near-copy of the first archived article (opened in the editor), and another. */
const LOCAL: Record<string, string> = {
  'local/quake-followup.txt': article(
    'زلزال بقوة 6.8 درجة يضرب إقليم الحوز جنوب مراكش',
    '9th, September 2023 GMT',
    QUAKE_BODY.map((p) => p.replace('مئات المتطوعين', 'آلاف المتطوعين')),
    'وكالة المغرب العربي للأنباء',
    'زلزال المغرب، الحوز، مراكش، الوقاية المدنية',
  ),
  'local/weather.txt': article(
    'الأرصاد تتوقع طقسا حارا نهارا ومعتدلا ليلا على أغلب الأنحاء',
    '13th, September 2023 GMT',
    ['توقعت الهيئة العامة للأرصاد الجوية أن يسود طقس حار نهارا معتدل ليلا على أغلب الأنحاء، مع نشاط للرياح على السواحل الشمالية وشبورة مائية صباحا على الطرق الزراعية.'],
    'البوابة نيوز',
    'الأرصاد الجوية، حالة الطقس',
  ),
};

/** The articles of the folder that is created (moved in) once the index is ready; the one under node_modules is excluded by default. */
const IMPORTS: Record<string, string> = {
  'imports/2024/001_gold.txt': article(
    'أسعار الذهب تقفز إلى مستوى قياسي جديد مع تزايد رهانات خفض الفائدة',
    '4th, March 2024 GMT',
    ['قفزت أسعار الذهب في المعاملات الفورية إلى مستوى قياسي جديد، مدعومة بتزايد رهانات المستثمرين على أن يبدأ مجلس الاحتياطي الفيدرالي الأمريكي خفض أسعار الفائدة خلال الصيف.'],
    'البوابة نيوز',
    'أسعار الذهب، الاحتياطي الفيدرالي، أسعار الفائدة',
  ),
  'imports/2024/002_suez.txt': article(
    'إيرادات قناة السويس تتراجع بنحو النصف منذ مطلع العام',
    '5th, March 2024 GMT',
    ['قال رئيس هيئة قناة السويس إن إيرادات القناة تراجعت بنحو النصف منذ مطلع العام، بعد أن حولت شركات شحن كبرى مسار سفنها إلى طريق رأس الرجاء الصالح تجنبا للهجمات في البحر الأحمر.'],
    'بوابة الأهرام',
    'قناة السويس، البحر الأحمر، الملاحة',
  ),
  'imports/003_ramadan.txt': article(
    'دار الإفتاء تستطلع هلال شهر رمضان مساء الأحد',
    '6th, March 2024 GMT',
    ['أعلنت دار الإفتاء المصرية أنها ستستطلع هلال شهر رمضان المبارك مساء الأحد المقبل، عبر لجانها الشرعية والعلمية المنتشرة في أنحاء الجمهورية.'],
    'البوابة نيوز',
    'دار الإفتاء، شهر رمضان، استطلاع الهلال',
  ),
};
const EXCLUDED_IMPORT = 'imports/node_modules/feed/cached.txt';

function writeAll(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

const headlineOf = (text: string): string => text.slice(0, text.indexOf('\n'));

/** Waits (bounded) for diagnostics of a file that satisfy `accept`; the failure says what was expected and what was received. */
async function pushed(server: ServerHandle, uri: string, what: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
  try {
    return await server.diagnostics(uri, accept, 15_000);
  } catch (error) {
    const got = server.all<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === uri).map((p) => ({ version: p.version, codes: p.diagnostics.map((d) => d.code) }));
    throw new Error(`${path.basename(uri)}: no diagnostics where ${what}; received for it: ${JSON.stringify(got)}\n${(error as Error).message}`);
  }
}

describe('a folder deleted or created: one watched-file event for the folder', () => {
  let server: ServerHandle;
  let dir: string;
  const uriOf = (rel: string): string => pathToFileURL(path.join(dir, rel)).toString();
  const status = async (): Promise<{ indexReady: boolean; articles: number; files: number }> => (await server.connection.sendRequest('arabicNews/status', {})) as { indexReady: boolean; articles: number; files: number };
  const symbols = async (query: string): Promise<string[]> => ((await server.connection.sendRequest('workspace/symbol', { query })) as SymbolInformation[]).map((s) => s.location.uri).sort();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-watch-'));
    writeAll(dir, ARCHIVE);
    writeAll(dir, LOCAL);
    server = startServer();
    const ready = await initializeOnFolder(server, dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } });
    assert.equal(ready.articles, 5);
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('deleting a folder forgets its articles, clears their diagnostics and re-checks the open twin', async () => {
    // The workspace diagnostics of the closed articles are pushed once the index is ready.
    for (const rel of Object.keys(ARCHIVE)) {
      const p = await pushed(server, uriOf(rel), 'some problems are reported (workspace scope)', (d) => d.diagnostics.length > 0);
      assert.ok(p.diagnostics.some((d) => d.code === 'AN104'), `${rel}: ${JSON.stringify(p.diagnostics.map((d) => d.code))}`);
    }
    assert.deepEqual(await symbols('زلزال بقوة'), [uriOf('archive-2023/001_quake.txt'), uriOf('local/quake-followup.txt')]);
    // The follow-up, open in the editor, is a near-copy of the archived article.
    const twin = uriOf('local/quake-followup.txt');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: twin, languageId: 'arabic-news', version: 1, text: LOCAL['local/quake-followup.txt'] } });
    const flagged = await pushed(server, twin, 'the open twin (version 1) has AN301', (p) => p.version === 1 && p.diagnostics.some((d) => d.code === 'AN301'));
    assert.equal(flagged.diagnostics.find((d) => d.code === 'AN301')!.relatedInformation?.[0]?.location.uri, uriOf('archive-2023/001_quake.txt'));

    fs.rmSync(path.join(dir, 'archive-2023'), { recursive: true });
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('archive-2023'), type: DELETED }] });

    for (const rel of Object.keys(ARCHIVE)) {
      const cleared = await pushed(server, uriOf(rel), 'they are cleared after the folder was deleted', (p) => p.diagnostics.length === 0);
      assert.deepEqual(cleared.diagnostics, [], `${rel}: its diagnostics are cleared`);
    }
    const after = await pushed(server, twin, 'the open twin (version 1) is checked again without AN301', (p) => p.version === 1 && !p.diagnostics.some((d) => d.code === 'AN301'));
    assert.ok(after, 'the open twin is checked again: no near-duplicate left');
    assert.deepEqual(await symbols('زلزال بقوة'), [twin]);
    for (const text of Object.values(ARCHIVE)) {
      const found = (await symbols(headlineOf(text))).filter((u) => u.startsWith(uriOf('archive-2023') + '/'));
      assert.deepEqual(found, [], `${headlineOf(text)}: not in the index`);
    }
    assert.equal((await status()).articles, 2);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: twin } });
  });

  test('a folder created with articles (one event for the folder) is indexed, as its workspace folder\'s scope says', async () => {
    const before = (await status()).articles;
    writeAll(dir, IMPORTS);
    writeAll(dir, { [EXCLUDED_IMPORT]: article('نسخة مخزنة من خبر قديم لا تدخل في المدونة', '1st, January 2024 GMT', ['فقرة من نسخة مخزنة داخل مجلد الحزم.'], 'البوابة نيوز', 'نسخة مخزنة') });
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('imports'), type: CREATED }] });

    // The workspace diagnostics of each new article are pushed once it is indexed.
    for (const rel of Object.keys(IMPORTS)) await pushed(server, uriOf(rel), 'the new article is indexed and checked');
    for (const [rel, text] of Object.entries(IMPORTS)) assert.deepEqual(await symbols(headlineOf(text)), [uriOf(rel)]);
    assert.deepEqual(await symbols('نسخة مخزنة'), [], 'node_modules is excluded, as in the first listing');
    assert.equal((await status()).articles, before + Object.keys(IMPORTS).length);
    assert.equal(server.all<{ uri: string }>('textDocument/publishDiagnostics').some((p) => p.uri === uriOf(EXCLUDED_IMPORT)), false);
  });
});

describe('a file created while the first listing runs', () => {
  let server: ServerHandle;
  let dir: string;

  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('is indexed before the index is reported ready, without a file event', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-lsp-relist-'));
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    writeAll(first, { '2024/001_gold.txt': IMPORTS['imports/2024/001_gold.txt']!, '2024/002_suez.txt': IMPORTS['imports/2024/002_suez.txt']! });
    writeAll(second, { '003_ramadan.txt': IMPORTS['imports/003_ramadan.txt']! });
    const late = path.join(first, '2024', '004_late.txt');
    const lateText = LOCAL['local/weather.txt']!;

    server = startServer();
    // The server asks for each workspace folder's settings just before listing it, one folder
    // after the other: when it asks for the second folder's, the first one has been listed.
    // The file created then is one the first listing missed (and no watcher reports it).
    const secondUri = pathToFileURL(second).toString();
    let created = false;
    server.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => {
      if (!created && p.items.some((i) => i.scopeUri === secondUri)) {
        fs.writeFileSync(late, lateText);
        created = true;
      }
      return p.items.map(() => ({}));
    });
    const ready = server.notification<{ articles: number; files: number }>('arabicNews/indexReady', () => true, 30_000);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(first).toString(),
      workspaceFolders: [
        { uri: pathToFileURL(first).toString(), name: 'first' },
        { uri: secondUri, name: 'second' },
      ],
      capabilities: { workspace: { configuration: true } },
    });
    await server.connection.sendNotification('initialized', {});
    const counts = await ready;
    assert.ok(created, 'the server asked for the second folder\'s settings');
    assert.deepEqual(counts.articles, 4, 'the late file is indexed with the others');
    assert.equal(counts.files, 4);
    assert.deepEqual(
      ((await server.connection.sendRequest('workspace/symbol', { query: headlineOf(lateText) })) as SymbolInformation[]).map((s) => s.location.uri),
      [pathToFileURL(late).toString()],
    );
    // Its workspace diagnostics are published with the others'.
    await pushed(server, pathToFileURL(late).toString(), 'the late file is checked with the others');
  });
});

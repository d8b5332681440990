import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArticle, type Article } from '../../server/src/core/parse/article';
import { matchMarker } from '../../server/src/core/parse/markers';
import { looksLikeArticle } from '../../server/src/core/parse/sniff';
import { splitLines } from '../../server/src/core/text/lines';
import { repoRoot, samplesDir, listFiles } from '../support/fixtures';

const SAMPLE = listFiles(samplesDir)[0];
const CLEAN = fs.readFileSync(path.join(repoRoot, 'test/fixtures/clean/sport-final.txt'), 'utf8');

/** Every range of the tree, with a label. */
function allRanges(a: Article): { label: string; r: { start: { line: number; character: number }; end: { line: number; character: number } } }[] {
  const out: { label: string; r: any }[] = [];
  if (a.headline) out.push({ label: 'headline', r: a.headline.range });
  for (const n of [a.date, a.source, a.keywords, a.readAlso]) if (n) out.push({ label: n.marker.kind, r: n.range }, { label: `${n.marker.kind}.marker`, r: n.marker.range }, { label: `${n.marker.kind}.value`, r: n.value.range });
  for (const p of a.body?.paragraphs ?? []) out.push({ label: 'paragraph', r: p.range });
  for (const k of a.keywords?.items ?? []) out.push({ label: 'keyword', r: k.range });
  for (const r of a.readAlso?.articles ?? []) out.push({ label: 'related', r: r.range });
  return out;
}

/** Asserts every range lies inside the text and is well ordered. */
function assertRangesValid(a: Article): void {
  for (const { label, r } of allRanges(a)) {
    assert.ok(r.start.line < a.lines.length && r.end.line < a.lines.length, `${label} line inside`);
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${label} ordered`);
    assert.ok(r.end.character <= a.lines[r.end.line]!.text.length, `${label} end inside its line`);
  }
}

describe('parser on the real sample', { skip: SAMPLE ? false : 'no ../shared/samples' }, () => {
  const text = SAMPLE ? fs.readFileSync(SAMPLE, 'utf8') : '';
  const a = parseArticle(text);
  test('finds every section on its line', () => {
    assert.equal(a.headline?.line, 0);
    assert.match(a.headline!.text, /^كوريا الشمالية تتباهى/);
    assert.equal(a.date?.line, 1);
    assert.equal(a.date?.parsed.status, 'canonical');
    assert.deepEqual(a.date?.parsed.date, { year: 2024, month: 6, day: 12 });
    assert.deepEqual(a.boilerplate.map((b) => b.line), [2]);
    assert.deepEqual(a.body?.paragraphs.map((p) => p.line), [3, 4, 5, 6, 7, 8]);
    assert.equal(a.source?.line, 9);
    assert.equal(a.source?.value.text, 'البوابة نيوز');
    assert.equal(a.keywords?.line, 10);
    assert.equal(a.readAlso?.line, 11);
    assert.equal(a.readAlso?.articles.length, 1);
    assert.equal(a.readAlso?.articles[0]!.headline.line, 12);
    assert.equal(a.readAlso?.articles[0]!.paragraphs.length, 8);
    assert.deepEqual(a.misplaced, []);
    assert.deepEqual(a.duplicates, []);
    assert.deepEqual(a.strayLines, []);
    assert.deepEqual(a.blankLines, []);
    assertRangesValid(a);
  });
  test('keyword ranges point at the keyword text', () => {
    for (const k of a.keywords!.items) assert.equal(a.lines[k.range.start.line]!.text.slice(k.range.start.character, k.range.end.character), k.text);
    assert.equal(a.keywords!.items.map((k) => k.text).join(' '), 'الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج');
  });
});

describe('markers in every spelling', () => {
  const cases: [string, string, boolean][] = [
    ['تاريخ النشر: 12th, June 2024 GMT', 'date', true],
    ['تاريخ النشر : 12th, June 2024 GMT', 'date', true],
    ['تاريخ النشر 12th, June 2024 GMT', 'date', false],
    ['تاريـخ النشـر: 12th, June 2024 GMT', 'date', true],
    ['المصدر: البوابة نيوز', 'source', true],
    ['المصدر : البوابة نيوز', 'source', true],
    ['المَصدر: البوابة نيوز', 'source', true],
    ['المصدر البوابة نيوز', 'source', false],
    ['كلمات دلالية: موسكو', 'keywords', true],
    ['كلمات دلاليه: موسكو', 'keywords', true],
    ['إقرأ أيضاً:', 'readAlso', true],
    ['اقرأ أيضا:', 'readAlso', true],
    ['اقرأ أيضًا:', 'readAlso', true],
    ['إقرأ أيضاً', 'readAlso', false],
    ['إقـرأ أيضـاً:', 'readAlso', true],
    ['إقرأ أيضاً: بوتين يزور بيونج يانج', 'readAlso', true],
    ['تابع أحدث الأخبار عبر تطبيق', 'boilerplate', false],
    ['\uFEFFتاريخ النشر: 12th, June 2024 GMT', 'date', true],
  ];
  for (const [line, kind, colon] of cases) {
    test(`${kind}: ${line}`, () => {
      const m = matchMarker(line);
      assert.equal(m?.kind, kind);
      assert.equal(m?.hasColon, colon);
    });
  }
  const notMarkers = [
    'المصدر الذي طلب عدم الكشف عن اسمه قال إن الحكومة ستعلن الموازنة.',
    'المصدري للأخبار',
    'وقال المصدر: إن الاجتماع انتهى',
    'اقرأ أيضا هذا الخبر المهم عن الاقتصاد',
    'تاريخ النشر لم يعلن بعد',
    'تابع أحدث الأخبار عبر تطبيق الهاتف الجديد',
  ];
  for (const line of notMarkers) test(`not a marker: ${line}`, () => assert.equal(matchMarker(line), undefined));
});

describe('structure problems', () => {
  test('sections out of order are recorded on the line that breaks the order', () => {
    const a = parseArticle('عنوان الخبر\nفقرة أولى من المتن.\nالمصدر: وكالة\nتاريخ النشر: 1st, May 2024 GMT\nكلمات دلالية: أ ب');
    assert.deepEqual(a.misplaced.map((m) => [m.line, m.section, m.after]), [[3, 'date', 'source']]);
    assert.equal(a.date?.line, 3);
  });
  test('a repeated section is recorded with the first occurrence', () => {
    const a = parseArticle('عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: أ\nالمصدر: ب\nكلمات دلالية: س');
    assert.deepEqual(a.duplicates.map((d) => [d.node.line, d.section, d.firstLine]), [[4, 'source', 3]]);
    assert.equal(a.source?.value.text, 'أ');
  });
  test('paragraphs after the keywords line without a read-also marker are stray', () => {
    const a = parseArticle('عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: أ\nكلمات دلالية: س\nفقرة ضائعة.');
    assert.deepEqual(a.strayLines.map((s) => [s.line, s.after]), [[5, 'keywords']]);
  });
  test('related articles are split at lines without sentence-final punctuation', () => {
    const a = parseArticle('عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: أ\nكلمات دلالية: س\nإقرأ أيضاً:\nعنوان أول .. شاهد\nفقرة قصيرة.\nفقرة ثانية طويلة جدا جدا جدا جدا.\nعنوان ثان\nفقرة «منقولة»\nفقرة تنتهي بسؤال؟');
    assert.deepEqual(a.readAlso!.articles.map((r) => [r.headline.line, r.paragraphs.map((p) => p.line)]), [[6, [7, 8]], [9, [10, 11]]]);
  });
  test('a headline on the read-also marker line starts the first related article', () => {
    const a = parseArticle('عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: أ\nكلمات دلالية: س\nإقرأ أيضاً: عنوان مرافق\nفقرته.');
    assert.equal(a.readAlso!.articles[0]!.headline.text, 'عنوان مرافق');
    assert.deepEqual(a.readAlso!.articles[0]!.paragraphs.map((p) => p.line), [6]);
  });
  test('blank lines are recorded, a final newline is not', () => {
    const a = parseArticle('عنوان\n\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\n  \nالمصدر: أ\n');
    assert.deepEqual(a.blankLines, [1, 4]);
  });
});

describe('bad input never throws and gives a tree with valid ranges', () => {
  const inputs: [string, string][] = [
    ['empty', ''],
    ['only newlines', '\n\n\n'],
    ['BOM only', '\uFEFF'],
    ['BOM then article', '\uFEFF' + CLEAN],
    ['CRLF', CLEAN.replace(/\n/g, '\r\n')],
    ['CR only', CLEAN.replace(/\n/g, '\r')],
    ['mixed line ends', CLEAN.split('\n').map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('')],
    ['binary junk', Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
    ['NUL bytes', '\0'.repeat(10000)],
    ['lone surrogates', '\uD800\uDC00\uDFFF\uD83D' + CLEAN + '\uDC00'],
    ['a 1 MB single line', 'كلمة '.repeat(200_000)],
    ['a 1 MB date line', 'تاريخ النشر: ' + '1'.repeat(1_000_000)],
    ['a 1 MB keywords line', 'عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: أ\nكلمات دلالية: ' + 'موسكو '.repeat(150_000)],
    ['sections reversed', CLEAN.split('\n').reverse().join('\n')],
    ['only markers', 'تاريخ النشر:\nالمصدر:\nكلمات دلالية:\nإقرأ أيضاً:'],
    ['mojibake', 'Ø§Ù„Ø²Ø¹ÙŠÙ…\nØªØ§Ø±ÙŠØ® Ø§Ù„Ù†Ø´Ø±: 12th'],
    ['Windows-1256 read as UTF-8', Buffer.from([0xe3, 0xd5, 0xd1, 0x0a, 0xc7, 0xe1, 0xe3, 0xd5, 0xcf, 0xd1, 0x3a]).toString('utf8')],
  ];
  for (const [name, text] of inputs) {
    test(name, () => {
      const a = parseArticle(text);
      assert.ok(Array.isArray(a.lines) && a.lines.length >= 1);
      assertRangesValid(a);
    });
  }
  test('CRLF gives the same tree as LF', () => {
    const lf = parseArticle(CLEAN);
    const crlf = parseArticle(CLEAN.replace(/\n/g, '\r\n'));
    assert.deepEqual(allRanges(crlf), allRanges(lf));
  });
  test('a BOM shifts nothing but the headline start', () => {
    const a = parseArticle('\uFEFF' + CLEAN);
    assert.deepEqual(a.headline!.range.start, { line: 0, character: 1 });
    assert.equal(a.headline!.text, CLEAN.split('\n')[0]);
    assert.equal(a.date?.line, 1);
  });
});

describe('positions are UTF-16 offsets', () => {
  test('on Arabic text with harakat, the keyword ranges count each mark', () => {
    const a = parseArticle('عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: وكالة\nكلمات دلالية: مُحَمَّد، القُدْس');
    const items = a.keywords!.items;
    assert.deepEqual(items.map((i) => i.text), ['مُحَمَّد', 'القُدْس']);
    const start = 'كلمات دلالية: '.length;
    assert.deepEqual(items[0]!.range, { start: { line: 4, character: start }, end: { line: 4, character: start + 'مُحَمَّد'.length } });
    assert.equal('مُحَمَّد'.length, 8);
  });
  test('astral characters count as two code units', () => {
    const a = parseArticle('عنوان 𝐀😀\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: 😀 وكالة\nكلمات دلالية: 😀، موسكو');
    assert.equal(a.headline!.range.end.character, 'عنوان 𝐀😀'.length);
    assert.equal(a.headline!.range.end.character, 10);
    assert.deepEqual(a.source!.value.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 8 + '😀 وكالة'.length } });
    const moscow = a.keywords!.items[1]!;
    assert.equal(moscow.text, 'موسكو');
    assert.equal(moscow.range.start.character, 'كلمات دلالية: 😀، '.length);
  });
});

describe('content sniffing', () => {
  test('a date marker in the first five lines', () => assert.equal(looksLikeArticle('عنوان\n\n\n\nتاريخ النشر: 1st, May 2024 GMT'), true));
  test('a date marker on line six alone is not enough', () => assert.equal(looksLikeArticle('1\n2\n3\n4\n5\nتاريخ النشر: 1st, May 2024 GMT'), false));
  test('two different markers anywhere', () => assert.equal(looksLikeArticle('عنوان\nفقرة.\nفقرة.\nفقرة.\nفقرة.\nفقرة.\nالمصدر : وكالة\nكلمات دلالية: س'), true));
  test('the same marker twice is not enough', () => assert.equal(looksLikeArticle('a\nb\nc\nd\ne\nf\nالمصدر: أ\nالمصدر: ب'), false));
  test('ordinary notes are not an article', () => assert.equal(looksLikeArticle('ملاحظات الاجتماع\nناقشنا المصدر الجديد للبيانات.\nTODO: clean the corpus'), false));
  test('the real sample is an article', { skip: !SAMPLE }, () => assert.equal(looksLikeArticle(fs.readFileSync(SAMPLE!, 'utf8')), true));
});

describe('splitLines', () => {
  /** The lines as a regular expression finds them: the reference for both paths of splitLines. */
  function reference(text: string): { index: number; text: string; offset: number; eol: string }[] {
    const out: { index: number; text: string; offset: number; eol: string }[] = [];
    const re = /\r\n|\n|\r/g;
    let start = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ index: out.length, text: text.slice(start, m.index), offset: start, eol: m[0] });
      start = m.index + m[0].length;
    }
    out.push({ index: out.length, text: text.slice(start), offset: start, eol: '' });
    return out;
  }

  test('LF, CRLF, CR, mixed, blank and final breaks, on Arabic text', () => {
    const head = 'الرئيس يستقبل وفدًا 🇪🇬';
    const cases = [
      '',
      '\n',
      '\n\n',
      head,
      `${head}\nالفقرة الأولى\n`,
      `${head}\r\nالفقرة الأولى\r\n\r\nالمصدر: وكالات`,
      `${head}\rالفقرة\r`,
      `${head}\nسطر\r\nسطر\rسطر\n\r\n`,
      '\r',
      '\r\n',
      'a\n\rb',
    ];
    for (const text of cases) assert.deepEqual(splitLines(text), reference(text), JSON.stringify(text));
    const lines = splitLines(`${head}\nالفقرة الأولى\n`);
    assert.equal(lines.length, 3);
    assert.equal(lines[1]!.offset, head.length + 1);
    assert.equal(lines[2]!.text, '');
  });
});

describe('one object shape per node kind', () => {
  // Optimised code is specialised to the object shapes (property names in order) it has seen;
  // a node kind built with different shapes from article to article makes V8 throw that code
  // away and compile it again (about 90 ms for the parser, in every worker thread).
  const keysOf = (o: object | undefined): string => (o ? Object.keys(o).join(',') : '(absent)');
  const articles = [
    CLEAN,
    // Space-joined keywords (segmented), a read-also block with an inline headline.
    'عنوان الخبر عن الاقتصاد\nتاريخ النشر: 12th, May 2024 GMT\nنص الفقرة الأولى عن أسعار النفط في الأسواق العالمية.\nالمصدر: وكالات\nكلمات دلالية: أسعار النفط الأسواق العالمية\nإقرأ أيضاً: خبر آخر عن الذهب\nفقرة الخبر الآخر.\n',
    // Separated keywords, no read-also, a stray line after the source.
    'عنوان ثان\nتاريخ النشر: 13th, May 2024 GMT\nفقرة.\nالمصدر: رويترز\nسطر بعد المصدر\nكلمات دلالية: النفط، الذهب\n',
    // Keywords given their lengths, as the corpus pass gives them.
    'عنوان ثالث\nتاريخ النشر: 14th, May 2024 GMT\nفقرة عن أسعار النفط.\nالمصدر: وكالات\nكلمات دلالية: أسعار النفط الذهب\n',
    // An empty keywords value.
    'عنوان رابع\nتاريخ النشر: 15th, May 2024 GMT\nفقرة.\nالمصدر: وكالات\nكلمات دلالية:\n',
  ];
  const parsed = articles.map((t, i) => parseArticle(t, i === 3 ? { keywordLengths: [2, 1] } : {}));

  test('every article, date, keywords and read-also node has the same keys in the same order', () => {
    assert.equal(new Set(parsed.map((a) => keysOf(a))).size, 1, 'article');
    assert.equal(new Set(parsed.map((a) => keysOf(a.date))).size, 1, 'date');
    assert.equal(new Set(parsed.map((a) => keysOf(a.keywords))).size, 1, 'keywords');
    assert.equal(new Set(parsed.map((a) => keysOf(a.source))).size, 1, 'source');
  });

  test('segmentations with and without a phrase table, and related articles, share their shapes', () => {
    const searched = parsed[1]!.keywords!.segmentation!;
    const given = parsed[3]!.keywords!.segmentation!;
    assert.ok(searched.table, 'segmented here, with a phrase table');
    assert.equal(given.table, undefined, 'the lengths were given');
    assert.deepEqual(given.lengths, [2, 1]);
    assert.equal(keysOf(searched), keysOf(given));
    assert.equal(parsed[2]!.keywords!.segmentation, undefined, 'a separated line');
    const related = parsed[1]!.readAlso!.articles;
    assert.equal(related.length, 1);
    assert.equal(keysOf(related[0]), 'headline,paragraphs,range');
    assert.equal(keysOf(related[0]!.headline), keysOf(parsed[1]!.headline), 'an inline related headline is shaped as a headline line');
    assert.equal(keysOf(parsed[2]!.strayLines[0]), 'line,text,range,after');
    assert.equal(keysOf(parsed[1]!.keywords!.items[0]), 'text,range');
  });

  test('V8 gives each node kind one hidden class across the fixtures (object spread would give one per node)', () => {
    // Same keys in the same order is not enough: an object built by spreading another gets a
    // hidden class of its own in V8. Only V8's own test (%HaveSameMap) sees it, in a child
    // process started with --allow-natives-syntax.
    const script = `
      const { parseArticle } = require(${JSON.stringify(path.join(__dirname, '../../server/src/core/parse/article.js'))});
      const fs = require('fs');
      const same = new Function('a', 'b', 'return %HaveSameMap(a, b)');
      const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
      const seen = {};
      const note = (kind, o) => {
        if (!o) return;
        const maps = (seen[kind] ??= []);
        if (!maps.some((m) => same(m, o))) maps.push(o);
      };
      for (const t of texts) {
        const a = parseArticle(t);
        note('article', a);
        note('date', a.date);
        note('source', a.source);
        note('keywords', a.keywords);
        note('readAlso', a.readAlso);
        for (const r of a.readAlso?.articles ?? []) note('related', r);
        note('segmentation', a.keywords?.segmentation);
      }
      console.log(JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.length]))));
    `;
    const fixtures = listFiles(path.join(repoRoot, 'test/fixtures')).filter((f) => f.endsWith('.txt'));
    const texts = [...articles, ...fixtures.map((f) => fs.readFileSync(f, 'utf8'))];
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { input: JSON.stringify(texts), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const counts = JSON.parse(r.stdout) as Record<string, number>;
    for (const kind of ['article', 'date', 'source', 'keywords', 'readAlso', 'related', 'segmentation']) assert.equal(counts[kind], 1, `${kind}: ${JSON.stringify(counts)}`);
  });

  test('the arrays the parser hands on stay packed once V8 has optimised it (no holey arrays from an inlined map)', () => {
    // V8's unoptimised Array.prototype.map returns a packed array; inlined into an optimised
    // caller it returns a holey one, of another hidden class, and the code optimised for the
    // first is thrown away when the second arrives. Parsing the fixtures many times gets the
    // parser optimised; %HasHoleyElements needs a child process with --allow-natives-syntax.
    const script = `
      const { parseArticle } = require(${JSON.stringify(path.join(__dirname, '../../server/src/core/parse/article.js'))});
      const { mainWordLists } = require(${JSON.stringify(path.join(__dirname, '../../server/src/core/corpus/summary.js'))});
      const fs = require('fs');
      const holey = new Function('a', 'return %HasHoleyElements(a)');
      const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
      const found = new Set();
      const check = (what, a) => {
        if (Array.isArray(a) && a.length && holey(a)) found.add(what);
      };
      for (let round = 0; round < 40; round++) {
        for (const t of texts) {
          for (const a of [parseArticle(t), parseArticle(t, { keywordLengths: [1, 1] })]) {
            const seg = a.keywords?.segmentation;
            check('segmentation.starts', seg?.starts);
            check('segmentation.ends', seg?.ends);
            check('segmentation.lengths', seg?.lengths);
            check('phrase table keys', seg?.table?.keys);
            check('keyword items', a.keywords?.items);
            check('mainNormalized', a.mainNormalized);
            check('related articles', a.readAlso?.articles);
            check('main word lists', mainWordLists(a));
          }
        }
      }
      console.log(JSON.stringify([...found]));
    `;
    const fixtures = listFiles(path.join(repoRoot, 'test/fixtures')).filter((f) => f.endsWith('.txt'));
    const texts = [...articles, ...fixtures.map((f) => fs.readFileSync(f, 'utf8'))];
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { input: JSON.stringify(texts), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});

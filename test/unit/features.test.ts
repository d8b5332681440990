import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../server/src/core/parse/article';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { foldingRanges } from '../../server/src/core/features/folding';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { formatEdits, quickFixes, safeFixEdits } from '../../server/src/core/features/codeActions';
import { normalizeArabic } from '../../server/src/core/arabic';
import { CorpusLexicon } from '../../server/src/core/corpus/lexicon';
import { analyze } from '../../server/src/core/analysis';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { applyEdits } from '../../server/src/core/text/edits';
import { SymbolKind } from '../../server/src/core/features/symbolKind';
import { listFiles, readExpectations, repoRoot, samplesDir } from '../support/fixtures';

const SAMPLE = listFiles(samplesDir)[0];
const sport = fs.readFileSync(path.join(repoRoot, 'test/fixtures/clean/sport-final.txt'), 'utf8');

describe('outline', () => {
  test('the real sample: headline → date, body, source, keywords, read also → the related article', { skip: !SAMPLE }, () => {
    const a = parseArticle(fs.readFileSync(SAMPLE!, 'utf8'));
    const [root, ...rest] = documentSymbols(a, 'en');
    assert.equal(rest.length, 0);
    assert.match(root!.name, /^كوريا الشمالية/);
    assert.equal(root!.detail, '\u200E2024-06-12', 'a left-to-right mark keeps the ISO date in order beside an Arabic name');
    assert.deepEqual(root!.children.map((c) => c.name), ['Date', 'Body', 'Source', 'Keywords', 'Read also']);
    const body = root!.children[1]!;
    assert.equal(body.detail, '\u200E6 paragraphs');
    assert.equal(body.children.length, 6);
    const readAlso = root!.children[4]!;
    assert.equal(readAlso.children.length, 1);
    assert.match(readAlso.children[0]!.name, /^بوتين وبزشكيان/);
    assert.equal(root!.children[3]!.children.length, a.keywords!.items.length);
  });
  test('children lie inside their parent and selection ranges inside ranges', () => {
    const check = (s: ReturnType<typeof documentSymbols>[number], parent?: typeof s): void => {
      const inside = (inner: typeof s.range, outer: typeof s.range): boolean =>
        (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
        (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
      assert.ok(inside(s.selectionRange, s.range), `${s.name}: selection inside range`);
      if (parent) assert.ok(inside(s.range, parent.range), `${s.name} inside ${parent.name}`);
      for (const c of s.children) check(c, s);
    };
    for (const sym of documentSymbols(parseArticle(sport))) check(sym);
  });
  test('labels follow the language', () => {
    const [root] = documentSymbols(parseArticle(sport), 'ar');
    assert.deepEqual(root!.children.map((c) => c.name), ['التاريخ', 'المتن', 'المصدر', 'الكلمات الدلالية', 'إقرأ أيضاً']);
    assert.equal(root!.children[4]!.detail, '\u200E2 خبران');
  });
  test('two related articles, each named by its headline', () => {
    const [root] = documentSymbols(parseArticle(sport));
    const related = root!.children.find((c) => c.kind === SymbolKind.Package)!;
    assert.deepEqual(related.children.map((c) => c.name), ['الزمالك يعلن التعاقد مع مدرب جديد .. فيديو', 'منتخب مصر يواجه بوركينا فاسو في تصفيات كأس العالم']);
  });
  test('an empty file has no outline; a headless file still has one', () => {
    assert.deepEqual(documentSymbols(parseArticle('')), []);
    const [root] = documentSymbols(parseArticle('تاريخ النشر: 1st, May 2024 GMT\nفقرة.'));
    assert.equal(root!.name, '(no headline)');
  });
  test('the outline is capped', () => {
    const text = 'عنوان\nتاريخ النشر: 1st, May 2024 GMT\n' + 'فقرة.\n'.repeat(10_000) + 'المصدر: أ';
    const count = (s: ReturnType<typeof documentSymbols>): number => s.reduce((n, x) => n + 1 + count(x.children), 0);
    const symbols = documentSymbols(parseArticle(text), 'en', 100);
    assert.ok(count(symbols) <= 102);
    assert.match(symbols[0]!.children[symbols[0]!.children.length - 1]!.name, /too many symbols: showing 100 of 10006/);
    assert.ok(symbols[0]!.children.some((c) => c.name === 'Source'), 'sections after a huge body still appear');
  });
});

describe('folding', () => {
  test('the body, the read-also section and each related article', () => {
    assert.deepEqual(foldingRanges(parseArticle(sport)).map((f) => [f.startLine, f.endLine]), [[3, 5], [8, 13], [9, 11], [12, 13]]);
  });
  test('the real sample folds the body and the read-also section', { skip: !SAMPLE }, () => {
    const folds = foldingRanges(parseArticle(fs.readFileSync(SAMPLE!, 'utf8'))).map((f) => [f.startLine, f.endLine]);
    assert.deepEqual(folds, [[3, 8], [11, 20], [12, 20]]);
  });
});

function corpus(): CorpusLexicon {
  const lex = new CorpusLexicon();
  lex.update('a', { keywords: ['إسرائيل', 'غزة', 'الأهلي'], source: 'بوابة الأهرام' });
  lex.update('b', { keywords: ['إسرائيل', 'الأمم المتحدة', 'الترجي'], source: 'بوابة الأهرام' });
  lex.update('c', { keywords: ['إسرائيل', 'كرة القدم', 'ستاد القاهرة'], source: 'البوابة نيوز' });
  lex.update('d', { keywords: ['الترجي', 'اسرائيل'], source: 'البوابه نيوز' });
  return lex;
}

describe('keyword completion', () => {
  const text = 'الأهلي يفوز على الترجي\nتاريخ النشر: 1st, June 2024 GMT\nفاز الأهلي على الترجي في ستاد القاهرة أمام جماهير كرة القدم.\nالمصدر: بوابة الأهرام\nكلمات دلالية: ';
  const a = parseArticle(text);
  const line = 4;
  const at = (t: string): { line: number; character: number } => ({ line, character: t.length });
  test('typing اسرائيل finds إسرائيل (hamza ignored), with its count', () => {
    const t = text + 'اسرائيل';
    const r = complete(parseArticle(t), at(t.split('\n')[4]!), { lexicon: corpus() });
    const item = r.items.find((i) => i.label === 'إسرائيل');
    assert.ok(item, r.items.map((i) => i.label).join(','));
    assert.match(item!.detail!, /used in 4 articles/);
    assert.equal(r.isIncomplete, true);
  });
  test('keywords occurring in the body come first', () => {
    const r = complete(a, at('كلمات دلالية: '), { lexicon: corpus() });
    const labels = r.items.map((i) => i.label);
    const firstNotInBody = labels.indexOf('إسرائيل');
    for (const k of ['الترجي', 'ستاد القاهرة', 'كرة القدم', 'الأهلي']) assert.ok(labels.indexOf(k) >= 0 && labels.indexOf(k) < firstNotInBody, `${k} before إسرائيل: ${labels.join(',')}`);
  });
  test('infix matching: القاهرة finds ستاد القاهرة', () => {
    const t = text + 'القاهره';
    const r = complete(parseArticle(t), at(t.split('\n')[4]!), { lexicon: corpus() });
    assert.ok(r.items.some((i) => i.label === 'ستاد القاهرة'));
  });
  test('a keyword already on the line is not offered again', () => {
    const t = text + 'الترجي ';
    const r = complete(parseArticle(t), at(t.split('\n')[4]!), { lexicon: corpus() });
    assert.equal(r.items.some((i) => i.label === 'الترجي'), false);
  });
  test('the replace range covers the typed word only', () => {
    const t = text + 'الترجي غز';
    const lineText = t.split('\n')[4]!;
    const r = complete(parseArticle(t), at(lineText), { lexicon: corpus() });
    const item = r.items.find((i) => i.label === 'غزة')!;
    assert.deepEqual(item.range, { start: { line, character: lineText.length - 2 }, end: { line, character: lineText.length } });
  });
  test('a half-typed multi-word keyword is completed over both words', () => {
    const t = text + 'الأمم المت';
    const lineText = t.split('\n')[4]!;
    const r = complete(parseArticle(t), at(lineText), { lexicon: corpus() });
    const item = r.items.find((i) => i.label === 'الأمم المتحدة')!;
    assert.equal(item.range.start.character, lineText.length - 'الأمم المت'.length);
  });
  test('phrases of the body are offered without a corpus', () => {
    const r = complete(a, at('كلمات دلالية: '), {});
    assert.ok(r.items.some((i) => i.label === 'الترجي' && i.kind === 'phrase'), r.items.map((i) => i.label).join(','));
    assert.equal(r.items.some((i) => i.label === 'ستاد القاهرة'), false, 'a phrase said once is not offered');
  });
});

describe('other completions', () => {
  test('sources of the corpus on the source line', () => {
    const t = 'عنوان\nتاريخ النشر: 1st, June 2024 GMT\nفقرة.\nالمصدر: بواب';
    const r = complete(parseArticle(t), { line: 3, character: t.split('\n')[3]!.length }, { lexicon: corpus() });
    assert.deepEqual(r.items.map((i) => i.label), ['بوابة الأهرام', 'البوابة نيوز'], 'prefix matches first, then infix');
    assert.match(r.items[1]!.detail!, /2 articles/, 'البوابة نيوز and البوابه نيوز count as one source');
    const none = complete(parseArticle(t.replace('بواب', 'الجزيرة')), { line: 3, character: 15 }, { lexicon: corpus() });
    assert.deepEqual(none.items, []);
  });
  test('section markers at the start of an empty line, missing sections first', () => {
    const t = 'عنوان\nتاريخ النشر: 1st, June 2024 GMT\nفقرة.\n';
    const r = complete(parseArticle(t), { line: 3, character: 0 }, { now: new Date(Date.UTC(2024, 5, 12)) });
    const labels = r.items.map((i) => i.label);
    assert.deepEqual(labels.slice().sort(), ['إقرأ أيضاً:', 'المصدر:', 'تاريخ النشر:', 'كلمات دلالية:'].sort());
    const date = r.items.find((i) => i.label === 'تاريخ النشر:')!;
    assert.ok(date.snippet && date.insertText.includes('12th, June 2024 GMT'));
    assert.ok(date.sortText > r.items.find((i) => i.label === 'المصدر:')!.sortText);
  });
  test("today's date on the date line", () => {
    const t = 'عنوان\nتاريخ النشر: ';
    const r = complete(parseArticle(t), { line: 1, character: 13 }, { now: new Date(Date.UTC(2025, 0, 3)) });
    assert.deepEqual(r.items.map((i) => i.insertText), ['3rd, January 2025 GMT']);
  });
  test('nothing inside a body paragraph', () => {
    assert.deepEqual(complete(parseArticle(sport), { line: 3, character: 10 }).items, []);
  });
});

describe('hover on the date line', () => {
  test('ISO date and weekday in both languages', () => {
    const h = hover(parseArticle(sport), { line: 1, character: 20 });
    assert.ok(h);
    assert.match(h!.markdown, /2024-06-01/);
    assert.match(h!.markdown, /Saturday/);
    assert.match(h!.markdown, /السبت/);
  });
  test('a Hijri date shows the Gregorian date', () => {
    const h = hover(parseArticle('عنوان\nتاريخ النشر: 6 ذو الحجة 1445 هـ'), { line: 1, character: 15 });
    assert.match(h!.markdown, /2024-06-12/);
    assert.match(h!.markdown, /Wednesday/);
  });
  test('no hover elsewhere or on an invalid date', () => {
    assert.equal(hover(parseArticle(sport), { line: 0, character: 2 }), undefined);
    assert.equal(hover(parseArticle('عنوان\nتاريخ النشر: 31st, June 2024 GMT'), { line: 1, character: 15 }), undefined);
  });
});

describe('quick fixes', () => {
  const text = 'عنوان\nتاريخ النشر: ١٢ يونيو ٢٠٢٤\nفقرة.\nالمصدر : وكالة\nكلمات دلالية: س';
  const { diagnostics, article } = analyze(text, DEFAULT_CONFIG);
  test('AN104 rewrites the date canonically', () => {
    const q = quickFixes(diagnostics, { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } });
    assert.equal(q.length, 1);
    assert.equal(applyEdits(text, article.lines, q[0]!.fix.edits).split('\n')[1], 'تاريخ النشر: 12th, June 2024 GMT');
  });
  test('AN110 rewrites the marker', () => {
    const q = quickFixes(diagnostics, { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } });
    assert.equal(applyEdits(text, article.lines, q[0]!.fix.edits).split('\n')[3], 'المصدر: وكالة');
  });
  test('fix all applies both and leaves a clean article', () => {
    const fixed = applyEdits(text, article.lines, safeFixEdits(diagnostics));
    assert.deepEqual(analyze(fixed, DEFAULT_CONFIG).diagnostics.map((d) => d.ruleId), []);
  });
});

describe('formatting', () => {
  const wordsOf = (a: ReturnType<typeof parseArticle>): string =>
    normalizeArabic([a.headline?.text ?? '', ...(a.body?.paragraphs.map((p) => p.text) ?? []), ...(a.keywords?.items.map((k) => k.text) ?? [])].join(' ').normalize('NFKC').replace(/\u00A0/g, ' ').replace(/[\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u2060\u00AD]/g, ''));
  test('applies white space, markers, the date and invisible characters, and never changes a word', () => {
    const text = 'عنوان  الخبر\u200F\nتاريخ النشر : ١٢ يونيو ٢٠٢٤\nفقرة أولى من المتن .\nالمصدر : وكالة\nكلمات دلالية: موسكو ،  القاهرة';
    const { article, diagnostics } = analyze(text, DEFAULT_CONFIG);
    const out = applyEdits(text, article.lines, formatEdits(diagnostics));
    assert.equal(out.split('\n')[1], 'تاريخ النشر: 12th, June 2024 GMT');
    assert.equal(out.split('\n')[3], 'المصدر: وكالة');
    assert.equal(out.split('\n')[0], 'عنوان الخبر');
    assert.equal(wordsOf(parseArticle(out)), wordsOf(article));
  });
  test('on every rule fixture, formatting keeps the words of headline, body and keywords', () => {
    for (const f of listFiles(path.join(repoRoot, 'test/fixtures/rules'))) {
      const { text } = readExpectations(fs.readFileSync(f, 'utf8'));
      const { article, diagnostics } = analyze(text, DEFAULT_CONFIG);
      const out = applyEdits(text, article.lines, formatEdits(diagnostics));
      assert.equal(wordsOf(parseArticle(out)), wordsOf(article), path.relative(repoRoot, f));
    }
  });
});

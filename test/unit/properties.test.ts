/** Property-based tests (fast-check): FUZZ_RUNS cases per property, 10,000 by default. */
import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { normalizeArabic, normalizeByRuns } from '../../server/src/core/arabic';
import { countWords } from '../../server/src/core/corpus/summary';
import { anyText, checkEntry, checkFixes, checkNormalizedKeys, checkStructure, checkUtf8, mutatedArticle, utf8Bytes } from '../properties/props';
import { decodeUtf8Strict } from '../../server/src/core/text/encoding';

const runs = Number(process.env.FUZZ_RUNS) || 10_000;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const options = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };

test(`arbitrary strings: the parser returns a valid tree (${runs} cases)`, () => {
  fc.assert(fc.property(anyText, (t) => checkStructure(t)), options);
});
test(`mutated articles: valid ranges, nested symbols and folds (${runs} cases)`, () => {
  fc.assert(fc.property(mutatedArticle, (t) => checkStructure(t)), options);
});
test(`mutated articles: fixes apply cleanly, touch nothing else, and are idempotent (${runs} cases)`, () => {
  fc.assert(fc.property(mutatedArticle, (t) => checkFixes(t)), options);
});

test(`mutated articles: an index entry split with evidence equals the parse with that evidence (${runs} cases)`, () => {
  fc.assert(fc.property(mutatedArticle, fc.nat(), (t, s) => checkEntry(t, s)), options);
});

test(`any bytes: the UTF-8 decoding loop answers as TextDecoder's fatal mode (${runs} cases)`, () => {
  fc.assert(fc.property(utf8Bytes, (b) => checkUtf8(b)), options);
});

test('UTF-8 decoding past the loop\'s size (TextDecoder) and after a longer file (the scratch is reused)', () => {
  const long = new TextEncoder().encode('عنوان الخبر 😀 '.repeat(20_000)); // 400 KB
  checkUtf8(long);
  const broken = Uint8Array.from([...long, 0xc3]);
  assert.equal(decodeUtf8Strict(broken), undefined);
  // A long file then a short one: nothing of the first is left in the second's text.
  checkUtf8(long.subarray(0, 200_000));
  assert.equal(decodeUtf8Strict(new TextEncoder().encode('نص')), 'نص');
});

test(`any text: normalisation is idempotent, so keys of normalised forms are the keys of the text (${runs} cases)`, () => {
  fc.assert(fc.property(fc.oneof(anyText, mutatedArticle, fc.string({ unit: 'grapheme', maxLength: 12 })), (t) => checkNormalizedKeys(t)), options);
});

test('regressions found by npm run fuzz', () => {
  // A headline made of a character that String.trim() removes but the parser does not take for a blank (U+2028, U+0085…).
  for (const t of ['\u2028', '\u0085', '\u3000x\n\u2028', '\u1680']) checkStructure(t);
});

test('every UTF-16 code unit alone, and after a headline', () => {
  for (let c = 0; c < 0x10000; c++) {
    checkStructure(String.fromCharCode(c));
    checkStructure('عنوان\n' + String.fromCharCode(c));
  }
});

test(`normalizeArabic: the buffered path for long texts equals normalising by runs (${runs} cases)`, () => {
  fc.assert(
    fc.property(fc.oneof(anyText, mutatedArticle), (t) => {
      assert.equal(normalizeArabic(t), normalizeByRuns(t));
    }),
    options,
  );
  const paragraph = 'وَقَالَ الرئيسُ إنّ   الأسعارَ ـــ ارتفعت بنسبة ٪١٢ في مدينة غزة\u200f، و«إسرائيل» تردّ.\tDAMASCUS Équipe';
  assert.equal(normalizeArabic(paragraph), 'وقال الرئيس ان الاسعار ارتفعت بنسبه ٪12 في مدينه غزه، و«اسرائيل» ترد. damascus équipe');
  // A surrogate pair or a lone surrogate (the decoder would replace a lone one) goes by runs.
  for (const t of [paragraph + ' 😀 ' + paragraph, paragraph + '\ud800' + paragraph, '\udc00' + paragraph]) assert.equal(normalizeArabic(t), normalizeByRuns(t), JSON.stringify(t.slice(-20)));
  // Longer than the kept buffer, then short again (the kept buffer is not overwritten mid-text).
  const long = paragraph.repeat(2000);
  assert.equal(normalizeArabic(long), normalizeByRuns(long));
  assert.equal(normalizeArabic(paragraph), normalizeByRuns(paragraph));
});

test(`countWords: runs of code units above U+0020 (${runs} cases)`, () => {
  // eslint-disable-next-line no-control-regex -- controls and the space end a word
  const reference = (t: string): number => t.split(/[\u0000-\u0020]+/).filter(Boolean).length;
  fc.assert(
    fc.property(fc.oneof(anyText, mutatedArticle, fc.array(fc.constantFrom(' ', 'كلمة', '\t', '\u00a0', 'x', '  ', '\u0001'), { maxLength: 40 }).map((a) => a.join(''))), (t) => {
      assert.equal(countWords(t), reference(t));
    }),
    options,
  );
});

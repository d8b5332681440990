/** The digest the command line's index keeps of a normalised headline (AN302 compares it for equality). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headlineKey } from '../../server/src/cli/corpusIndex';
import { normalizeArabic } from '../../server/src/core/arabic';

test('equal headlines have equal keys, different ones different keys; none has none', () => {
  const base = 'المركزي المصري يثبت أسعار الفائدة للمرة الثالثة على التوالي';
  const headlines = [
    base,
    base + ' ',
    base.replace('الثالثة', 'الرابعة'),
    base.split(' ').reverse().join(' '),
    'وزير الخارجية يلتقي نظيره الفرنسي في باريس',
    'وزير الخارجية يلتقي نظيره الفرنسي في باريس ',
    'a',
    'b',
    'ab',
    'ba',
    '😀',
    '\ud800',
  ].map((h) => (h.length > 2 ? normalizeArabic(h) : h));
  const keys = headlines.map(headlineKey);
  assert.equal(new Set(headlines).size, new Set(keys).size, 'one key per distinct headline');
  headlines.forEach((h, i) => assert.equal(headlineKey(h.slice()), keys[i], 'the same text gives the same key'));
  assert.equal(headlineKey(''), '');
  for (const k of keys) {
    assert.equal(k.length, 6);
    for (let i = 0; i < k.length; i++) assert.ok(k.charCodeAt(i) < 0x8000, 'no surrogate, so the key survives any encoding');
  }
});

test('a hundred thousand generated headlines give a hundred thousand keys', () => {
  const words = ['الرئيس', 'يلتقي', 'وزير', 'الاقتصاد', 'في', 'القاهرة', 'اليوم', 'لبحث', 'التعاون', 'المشترك'];
  const keys = new Set<string>();
  for (let i = 0; i < 100_000; i++) {
    let h = '';
    for (let n = i, k = 0; k < 6; k++, n = Math.floor(n / 10)) h += words[n % 10] + ' ';
    keys.add(headlineKey(h + i));
  }
  assert.equal(keys.size, 100_000);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexEntry } from '../../server/src/core/corpus/entry';
import { packEntries, transferables, unpackEntries, type WireEntry } from '../../server/src/core/corpus/wire';
import { parseArticle } from '../../server/src/core/parse/article';
import { syntheticArticle } from '../../bench/synthetic';

const SPACE_JOINED = [
  'كيم جونج أون يستقبل فلاديمير بوتين في بيونج يانج',
  'الأربعاء 19 يونيو 2024 10:15 ص بتوقيت القاهرة',
  'استقبل الزعيم الكوري الشمالي كيم جونج أون الرئيس الروسي فلاديمير بوتين في بيونج يانج.',
  'وقال بوتين إن موسكو تدعم بيونج يانج.',
  'المصدر: وكالة الأنباء',
  'كلمات دلالية: الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج',
].join('\n');

const SEPARATED = [
  'وزير المالية يعلن موازنة العام المقبل',
  'الخميس 1 فبراير 2024',
  'أعلن وزير المالية اليوم تفاصيل الموازنة العامة.',
  'المصدر: بوابة الأهرام',
  'كلمات دلالية: وزارة المالية، الموازنة العامة، الاقتصاد',
].join('\n');

/** A headline and a body only: no date, no source, no keywords. */
const BARE = ['عنوان بلا تاريخ', '', 'فقرة أولى من الخبر فيها 😀 وحروف مركّبة مثل مُحَمَّد.'].join('\n');

function entryOf(uri: string, text: string, more?: string[]): WireEntry {
  const { entry } = indexEntry(uri, parseArticle(text));
  return more ? { ...entry, moreKeywords: more } : entry;
}

test('a packed batch unpacks to entries equal field for field, nulls and all', () => {
  const entries: (WireEntry | null)[] = [
    entryOf('file:///c/a.txt', SPACE_JOINED),
    null,
    entryOf('file:///c/b.txt', SEPARATED),
    entryOf('file:///c/c.txt', BARE),
    entryOf('file:///c/d.txt', SEPARATED, ['كلمة إضافية', 'أخرى']),
    ...Array.from({ length: 20 }, (_, i) => entryOf(`file:///c/s${i}.txt`, syntheticArticle(i + 1, 2500, i % 3))),
    null,
  ];
  assert.ok(entries[0]!.keywordLine, 'the space-joined line keeps its phrase table');
  assert.equal(entries[2]!.keywordLine, undefined);
  assert.equal(entries[3]!.summary.date, undefined);
  assert.equal(entries[3]!.summary.source, undefined);
  const back = unpackEntries(packEntries(entries));
  assert.equal(back.length, entries.length);
  assert.deepEqual(back, entries);
  // Including keys whose value is undefined, and the key order of a summary.
  assert.deepEqual(Object.keys(back[3]!.summary), Object.keys(entries[3]!.summary));
});

test('a packed batch survives a structured clone with its buffers transferred', () => {
  const entries = [entryOf('file:///c/a.txt', SPACE_JOINED), entryOf('file:///c/b.txt', SEPARATED)];
  const packed = packEntries(entries);
  const moved = structuredClone(packed, { transfer: transferables(packed) });
  assert.equal(packed.ints.length, 0, 'the sender gave its buffers away');
  assert.deepEqual(unpackEntries(moved), entries);
});

test('an empty batch, and a truncated one: empty in, empty out; truncated in, an error out (never garbage)', () => {
  assert.deepEqual(unpackEntries(packEntries([])), []);
  const packed = packEntries([entryOf('file:///c/a.txt', SPACE_JOINED)]);
  assert.throws(() => unpackEntries({ ...packed, ints: packed.ints.subarray(0, packed.ints.length - 3) }), /truncated/);
  assert.throws(() => unpackEntries({ ...packed, strings: packed.strings.slice(0, 2) }), /truncated/);
  assert.throws(() => unpackEntries({ ...packed, count: 2 }), /truncated/);
});

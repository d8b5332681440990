import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BucketTable } from '../../server/src/core/corpus/buckets';
import { HeadlineSearch } from '../../server/src/core/corpus/headlineSearch';
import { normalizedWords, shingleHashes } from '../../server/src/core/corpus/shingles';
import { indexEntry, withEvidence } from '../../server/src/core/corpus/entry';
import { summarize } from '../../server/src/core/corpus/summary';
import { articleShingles } from '../../server/src/core/corpus/context';
import { parseArticle } from '../../server/src/core/parse/article';
import { bestSegmentation, type KeywordEvidence, scanWordSpans, WORD } from '../../server/src/core/keywords/segment';
import { CorpusIndex } from '../../server/src/core/corpus/index';
import { keywordEvidence } from '../../server/src/core/corpus/batch';
import { rng, syntheticArticle } from '../../bench/synthetic';

function ids(t: BucketTable, key: number): number[] {
  const out: number[] = [];
  t.forEach(key, (id) => out.push(id));
  return out.sort((a, b) => a - b);
}

test('the bucket table answers as a map of lists under random adds and removes, keys colliding', () => {
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const table = new BucketTable();
  const model = new Map<number, number[]>();
  // Keys share their low bits, so probe runs are long and deletions must shift entries back.
  const keyOf = (k: number): number => ((k * 4096) ^ (k % 3 === 0 ? 0x80000000 : 0)) >>> 0;
  for (let step = 0; step < 60_000; step++) {
    const key = keyOf(rnd(3000));
    const id = rnd(50);
    const list = model.get(key) ?? [];
    if (rnd(3) === 0 && list.length) {
      const victim = list[rnd(list.length)]!;
      table.remove(key, victim);
      list.splice(list.indexOf(victim), 1);
    } else if (!list.includes(id)) {
      table.add(key, id);
      list.push(id);
    }
    if (list.length) model.set(key, list);
    else model.delete(key);
    if (step % 5000 === 0) {
      for (const [k, v] of model) assert.deepEqual(ids(table, k), [...v].sort((a, b) => a - b), `key ${k} at step ${step}`);
      assert.equal(table.size, model.size);
    }
  }
  for (const [k, v] of model) assert.deepEqual(ids(table, k), [...v].sort((a, b) => a - b));
  assert.deepEqual(ids(table, 12345), [], 'an absent key has no ids');
});

const ARTICLE = [
  'الرئيس الروسي فلاديمير بوتين يستقبل الزعيم الكوري الشمالي كيم جونج أون في موسكو',
  'تاريخ النشر: 13th, September 2023 GMT',
  'استقبل الرئيس الروسي فلاديمير بوتين اليوم في موسكو الزعيم الكوري الشمالي كيم جونج أون، في زيارة نادرة.',
  'وقال الكرملين إن المحادثات بين فلاديمير بوتين وكيم جونج أون تناولت التعاون بين موسكو وبيونج يانج.',
  'المصدر: وكالات',
  'كلمات دلالية: الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج',
].join('\n');

test('an entry split again with evidence equals the summary of the article parsed with that evidence', () => {
  const uri = 'file:///corpus/a.txt';
  const { entry } = indexEntry(uri, parseArticle(ARTICLE));
  assert.ok(entry.keywordLine, 'a space-joined line keeps its phrase table');
  const evidences: KeywordEvidence[] = [
    { keywordCount: () => 0 },
    { keywordCount: (p) => (p === 'كيم جونج اون فلاديمير' ? 50 : 0) },
    { keywordCount: (p) => (p === 'موسكو بيونج' ? 80 : p === 'الشمالي كيم' ? 40 : 0) },
  ];
  let changed = 0;
  for (const evidence of evidences) {
    const expected = summarize(uri, parseArticle(ARTICLE, { keywordEvidence: evidence }));
    const got = withEvidence(entry, evidence);
    if (got !== entry.summary) changed++;
    assert.deepEqual(
      got.keywords.map((k) => [k.text, k.start, k.end, k.attested]),
      expected.keywords.map((k) => [k.text, k.start, k.end, k.attested]),
    );
  }
  assert.ok(changed >= 1, 'strong evidence changes the split');
  const plain = withEvidence(entry, evidences[0]);
  assert.ok(plain.keywords.some((k) => k.text === 'كيم جونج أون' && k.attested), 'a name found in the body is attested');
});

test('normalised words: harakat, tatweel and invisible marks never split a word; punctuation does', () => {
  assert.deepEqual(normalizedWords('مُحَمَّدٌ رسولُ الله'), ['محمد', 'رسول', 'الله']);
  assert.deepEqual(normalizedWords('القاهـــرة،بيروت-دمشق'), ['القاهره', 'بيروت', 'دمشق']);
  assert.deepEqual(normalizedWords('كوفيد\u200c19 (٢٠٢٠)'), ['كوفيد19', '2020']);
  assert.deepEqual(normalizedWords('𝐀𝐁 😀 نص'), ['𝐀𝐁', 'نص'], 'astral letters are letters, an emoji is not');
  assert.deepEqual(normalizedWords(''), []);
  assert.deepEqual(normalizedWords('\ud800 كلمة'), ['كلمه'], 'a lone surrogate separates');
});

test('shingles are sorted and distinct, equal for texts that differ only in harakat', () => {
  const a = shingleHashes(['استقبل الرئيس الروسي فلاديمير بوتين اليوم في موسكو الزعيم الكوري الشمالي']);
  const b = shingleHashes(['استقبلَ الرئيسُ الروسيُّ فلاديمير بوتين اليومَ في موسكو الزعيمَ الكوريَّ الشمالي']);
  assert.deepEqual([...a], [...b]);
  for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]! < a[i]!);
  assert.equal(shingleHashes(['كلمة كلمة كلمة كلمة كلمة كلمة كلمة']).length, 1, 'repeated 5-grams count once');
});

test('headline search finds every headline holding the query, in index order, across blocks and after changes', () => {
  const headlines = new Map<number, string>();
  const search = new HeadlineSearch((id) => headlines.get(id));
  const words = ['القاهره', 'غزه', 'الامم المتحده', 'اسعار النفط', 'بيروت'];
  for (let id = 0; id < 3000; id++) headlines.set(id, `خبر ${id} عن ${words[id % words.length]} و${words[(id * 7) % words.length]}`);
  const expected = (q: string): [number, number][] => [...headlines].filter(([, h]) => h.includes(q)).map(([id, h]) => [id, h.indexOf(q)] as [number, number]).sort((a, b) => a[0] - b[0]);
  const found = (q: string): [number, number][] => {
    const out: [number, number][] = [];
    search.search(q, 3000, (id, at) => (out.push([id, at]), true));
    return out;
  };
  for (const q of ['غزه', 'الامم المتحده', 'خبر 12', 'ه و', 'zzz', '9 عن']) assert.deepEqual(found(q), expected(q), q);
  // A query never matches across two headlines.
  assert.deepEqual(found('بيروت\nخبر'), []);
  headlines.set(1500, 'عنوان جديد عن غزه');
  headlines.delete(7);
  search.touch(1500);
  search.touch(7);
  assert.deepEqual(found('غزه'), expected('غزه'));
  assert.deepEqual(found('عنوان جديد'), [[1500, 0]]);
  let calls = 0;
  search.search('خبر', 3000, () => ++calls < 5);
  assert.equal(calls, 5, 'stops when asked');
  // Only the headlines that start with the query, or only the others.
  const only = (q: string, match: 'prefix' | 'infix'): [number, number][] => {
    const out: [number, number][] = [];
    search.search(q, 3000, (id, at) => (out.push([id, at]), true), match);
    return out;
  };
  for (const q of ['غزه', 'عنوان', 'خبر 12', 'خبر', 'ه و', 'zzz', 'عن غزه']) {
    assert.deepEqual(only(q, 'prefix'), expected(q).filter(([, at]) => at === 0), `prefix ${q}`);
    assert.deepEqual(only(q, 'infix'), expected(q).filter(([, at]) => at > 0), `infix ${q}`);
  }
  assert.ok(only('خبر', 'prefix').length > 2900 && only('عنوان', 'prefix').length === 1, 'the cases above are not all empty');
  assert.ok(only('غزه', 'infix').length > 500);
  calls = 0;
  search.search('خبر', 3000, () => ++calls < 3, 'prefix');
  assert.equal(calls, 3, 'a prefix search stops when asked');
  calls = 0;
  search.search('عن', 3000, () => ++calls < 4, 'infix');
  assert.equal(calls, 4, 'an infix search stops when asked');
});

test('parsing without keywords gives the same main texts (and shingles) and segments nothing', () => {
  const full = parseArticle(ARTICLE);
  const lean = parseArticle(ARTICLE, { keywords: false });
  assert.deepEqual([...articleShingles(lean)], [...articleShingles(full)]);
  assert.equal(lean.keywords?.split, 'none');
  assert.deepEqual(lean.keywords?.items, []);
  assert.ok(full.keywords!.items.length > 3);
});

test('given keyword lengths are used when they fit the line, ignored otherwise', () => {
  const tokens = 'الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج'.split(' ').length;
  const given = parseArticle(ARTICLE, { keywordLengths: [3, 3, 2, 1, 2] });
  assert.deepEqual(given.keywords!.items.map((k) => k.text), ['الزعيم الكوري الشمالي', 'كيم جونج أون', 'فلاديمير بوتين', 'موسكو', 'بيونج يانج']);
  assert.equal(given.keywords!.split, 'segmented');
  const wrong = parseArticle(ARTICLE, { keywordLengths: [tokens + 1] });
  assert.deepEqual(wrong.keywords!.items, parseArticle(ARTICLE).keywords!.items, 'lengths that do not add up are ignored');
});

test('the keyword text scanner finds exactly the words of the WORD pattern, and the same separations', () => {
  const alphabet = ['ا', 'ب', 'ك', 'ة', 'ُ', 'ّ', ' ', ' ', '،', '-', '.', "'", '’', '/', '_', '1', '٣', 'a', 'Z', '\u0301', '𝐀', '😀', '\ud800', '(', ')', 'ـ', '\u200c'];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let round = 0; round < 20_000; round++) {
    let text = '';
    for (let k = rnd(30); k > 0; k--) text += alphabet[rnd(alphabet.length)];
    const starts: number[] = [];
    const ends: number[] = [];
    const hard: number[] = [];
    scanWordSpans(text, starts, ends, hard);
    const words = starts.map((start, k) => text.slice(start, ends[k]));
    const expected: string[] = [];
    const expectedHard: number[] = [];
    let previousEnd = -1;
    for (const m of text.matchAll(WORD)) {
      expectedHard.push(previousEnd < 0 || text.slice(previousEnd, m.index).trim().length > 0 ? 1 : 0);
      expected.push(m[0]);
      previousEnd = m.index + m[0].length;
    }
    assert.deepEqual(words, expected, JSON.stringify(text));
    assert.deepEqual(hard, expectedHard, JSON.stringify(text));
  }
});

test("the index's quick filters never change a split: same lengths with and without them", () => {
  const index = new CorpusIndex();
  const entries = [];
  for (let i = 0; i < 400; i++) {
    const { entry } = indexEntry(`file:///c/${i}.txt`, parseArticle(syntheticArticle(9_000 + i, 2500, i % 3)));
    index.set(entry.summary);
    entries.push(entry);
  }
  let lines = 0;
  let skippedSome = false;
  for (const e of entries) {
    if (!e.keywordLine) continue;
    lines++;
    const filtered = keywordEvidence(index, e.summary.uri);
    const plain = { keywordCount: filtered.keywordCount };
    const table = { keys: e.keywordLine.keys, scores: e.keywordLine.scores };
    assert.deepEqual(bestSegmentation(table, filtered), bestSegmentation(table, plain), e.summary.uri);
    if (e.keywordLine.keys.some((k) => !filtered.mayStart!(k))) skippedSome = true;
  }
  assert.ok(lines > 300, 'the generated articles have space-joined keyword lines');
  assert.ok(skippedSome, 'the filters do rule words out');
});

test('a bucket table of many keys answers as a map after its tables grow, and after removals', () => {
  const table = new BucketTable();
  const model = new Map<number, number[]>();
  const r = rng(3);
  const keys: number[] = [];
  // 16 keys an article, as the index adds them: enough for every one of the tables to grow.
  for (let i = 0; i < 200_000; i++) {
    const key = i % 7 === 0 && keys.length ? keys[Math.floor(r() * keys.length)]! : Math.floor(r() * 2 ** 32);
    keys.push(key);
    table.add(key, i % 5000);
    const list = model.get(key) ?? [];
    list.push(i % 5000);
    model.set(key, list);
  }
  for (let i = 0; i < 60_000; i++) {
    const key = keys[i]!;
    const list = model.get(key);
    if (!list?.length) continue;
    table.remove(key, list[0]!);
    list.shift();
    if (!list.length) model.delete(key);
  }
  assert.equal(table.size, model.size);
  for (const key of keys.filter((_, i) => i % 17 === 0)) assert.deepEqual(ids(table, key), [...(model.get(key) ?? [])].sort((a, b) => a - b), `key ${key}`);
});

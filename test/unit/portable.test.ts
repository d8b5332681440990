/**
 * The corpus answers as plain data (core/corpus/portable.ts) answer exactly what the index
 * answers: the keyword evidence of `keywordEvidence` and the context of `corpusContext`, for every
 * article of a corpus and for keyword texts the index never saw; also after crossing threads.
 * And export's packed scans (cli/exportWork.ts) survive the trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keywordEvidence } from '../../server/src/core/corpus/batch';
import { articleShingles, corpusContext } from '../../server/src/core/corpus/context';
import { CorpusIndex } from '../../server/src/core/corpus/index';
import { findString, packStrings, portableArticle, portableContext, portableCorpus, portableEvidence, stringAt } from '../../server/src/core/corpus/portable';
import { summarize } from '../../server/src/core/corpus/summary';
import { normalizeArabic } from '../../server/src/core/arabic';
import { parseArticle } from '../../server/src/core/parse/article';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { type ExportScan, packScans, scanForExport, unpackScans } from '../../server/src/cli/exportWork';
import { syntheticArticle } from '../../bench/synthetic';
import { listFiles, readExpectations, repoRoot } from '../support/fixtures';

/** Spellings across outlets: the same names with ج and غ, ة and ه, with and without hamza. */
const VARIANTS = [
  ['زيارة بوتين إلى بيونج يانج', 'كلمات دلالية: بيونج يانج، كيم جونج أون، روسيا'],
  ['بوتين في بيونغ يانغ', 'كلمات دلالية: بيونغ يانغ، كيم جونغ أون، روسيا'],
  ['قمة في بيونغ يانغ', 'كلمات دلالية: بيونغ يانغ، الأمم المتحدة، أسعار النفط'],
  ['الامم المتحده تجتمع', 'كلمات دلالية: الامم المتحده، اسعار النفط، روسيا'],
].map(([headline, keywords], i) => [headline, 'الأحد 2 يونيو 2024', `فقرة ${i} عن ${headline} وما جرى في الاجتماع.`, 'المصدر: وكالة الأنباء', keywords].join('\n'));

function corpusTexts(): { uri: string; text: string }[] {
  const out: { uri: string; text: string }[] = [];
  for (const f of [...listFiles(path.join(repoRoot, 'samples')), ...listFiles(path.join(repoRoot, 'test/fixtures/corpus'))]) {
    out.push({ uri: `file://${f}`, text: readExpectations(fs.readFileSync(f, 'utf8')).text });
  }
  VARIANTS.forEach((text, i) => out.push({ uri: `file:///v/${i}.txt`, text }));
  for (let i = 0; i < 60; i++) out.push({ uri: `file:///s/${i}.txt`, text: syntheticArticle(40_000 + i, 1800, i % 3) });
  return out;
}

function buildIndex(): CorpusIndex {
  const index = new CorpusIndex();
  for (const { uri, text } of corpusTexts()) {
    const a = parseArticle(text);
    index.set(summarize(uri, a, articleShingles(a)));
  }
  return index;
}

/** Keyword texts to ask about: every spelling of the corpus and variants of them the corpus may not have. */
function keywordTexts(index: CorpusIndex): string[] {
  const out = new Set<string>(['', 'لا توجد في المدونة', 'بيونق يانق', 'كيم جونك أون']);
  for (const e of index.lexicon.keywords()) {
    for (const [spelling] of index.lexicon.keywordSpellings(e.normalized) ?? []) {
      out.add(spelling);
      out.add(spelling.replace(/ة/g, 'ه'));
      out.add(spelling.replace(/غ/g, 'ج'));
      out.add(spelling.replace(/ /g, ''));
      out.add(`ال${spelling}`);
    }
  }
  return [...out];
}

test('portable answers equal the index answers for every article and every keyword text', () => {
  const index = buildIndex();
  const corpus = structuredClone(portableCorpus(index)); // as a worker receives it
  const texts = keywordTexts(index);
  const phrases = new Set<string>(texts.map(normalizeArabic));
  for (const t of [...phrases]) for (const w of t.split(' ')) phrases.add(w);
  let articles = 0;
  let withSpellings = 0;
  for (const s of index.all()) {
    const twins = [{ uri: 'file:///other.txt', similarity: 0.9, headline: 'عنوان' }];
    const article = portableArticle(index, s.uri, twins)!;
    const want = corpusContext(index, s.uri, parseArticle(corpusTexts().find((c) => c.uri === s.uri)!.text), twins);
    const got = portableContext(corpus, structuredClone(article));
    assert.deepEqual(got.sameHeadline, want.sameHeadline, s.uri);
    assert.deepEqual(got.nearDuplicates, twins);
    assert.deepEqual([...got.sources()], [...want.sources()]);
    const evidence = keywordEvidence(index, s.uri);
    const portable = portableEvidence(corpus, article);
    for (const p of phrases) {
      assert.equal(portable.keywordCount(p), evidence.keywordCount(p), `${s.uri} keywordCount(${p})`);
      assert.equal(portable.mayStart!(p), evidence.mayStart!(p), `mayStart(${p})`);
      assert.equal(portable.mayEnd!(p), evidence.mayEnd!(p), `mayEnd(${p})`);
    }
    articles++;
    if (articles > 12) continue; // the spelling tables do not depend on the article
    for (const t of texts) {
      assert.deepEqual([...got.keywordSpellings(t)], [...want.keywordSpellings(t)], `keywordSpellings(${t})`);
      assert.deepEqual([...got.keywordTransliterations(t)], [...want.keywordTransliterations(t)], `keywordTransliterations(${t})`);
      if (want.keywordSpellings(t).size > 1) withSpellings++;
    }
  }
  assert.ok(articles > 80, `${articles} articles compared`);
  assert.ok(withSpellings > 0, 'some keyword has several spellings');
  const spellings = portableContext(corpus, portableArticle(index, 'file:///v/0.txt', [])!).keywordTransliterations('بيونج يانج');
  assert.ok(spellings.has('بيونغ يانغ') && spellings.has('بيونج يانج'), [...spellings.keys()].join(', '));
  assert.equal(portableArticle(index, 'file:///missing.txt', []), undefined);
});

test("export's packed scans unpack to the scans, and a truncated batch throws", () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'an-scan-'));
  const files = [
    ['a.txt', syntheticArticle(1, 2500, 1)],
    ['b.txt', 'سطر واحد فقط\n'],
    ['c.txt', Buffer.from([0, 159, 146, 150, 0])],
    ['d.txt', VARIANTS[1]!],
  ] as const;
  for (const [name, content] of files) fs.writeFileSync(path.join(d, name), content);
  const scans: ExportScan[] = files.map(([name]) => scanForExport(path.join(d, name), name.replace('.txt', ''), DEFAULT_CONFIG));
  scans.push(scanForExport(path.join(d, 'missing.txt'), 'missing', DEFAULT_CONFIG));
  assert.deepEqual(
    scans.map((s) => s.status),
    ['article', 'not an article', 'unreadable', 'article', 'unreadable'],
  );
  const packed = structuredClone(packScans(scans));
  const back = unpackScans(packed);
  assert.equal(back.length, scans.length);
  back.forEach((s, k) => {
    const want = scans[k]!;
    assert.equal(s.status, want.status);
    if (s.status === 'article' && want.status === 'article') {
      assert.deepEqual({ ...s.summary, signature: [...s.summary.signature] }, { ...want.summary, signature: [...want.summary.signature] });
      assert.deepEqual([...s.shingles], [...want.shingles]);
      assert.equal(s.summary.uri, k === 0 ? 'a' : 'd');
    }
  });
  assert.throws(() => unpackScans({ ...packed, shingles: packed.shingles.subarray(0, 3) }), /truncated/);
  assert.throws(() => unpackScans({ ...packed, status: Uint8Array.of(0, 7, 0, 0, 1) }), /bad status/);
});

test('packed strings: found by binary search in code-unit order, read back whole (Arabic, marks, astral, empty)', () => {
  const words = ['', 'a', 'ab', 'b', 'بيونج يانج', 'بيونغ يانغ', 'مُحَمَّد', 'محمد', '😀', 'x😀y', '\uffff', 'ب'.repeat(5000)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const p = packStrings(words);
  assert.ok(p.chars.buffer instanceof SharedArrayBuffer, 'shared between threads');
  words.forEach((w, i) => {
    assert.equal(findString(p, w), i, JSON.stringify(w.slice(0, 20)));
    assert.equal(stringAt(p, i), w);
  });
  for (const absent of ['aa', 'بيونك يانك', 'محمدد', '😁', 'ب'.repeat(4999), '\ud83d']) assert.equal(findString(p, absent), -1, absent);
  assert.equal(findString(packStrings([]), ''), -1);
});

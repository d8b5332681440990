import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeArabic } from '../../server/src/core/arabic';
import { CorpusIndex, spellingKey, transliterationKey } from '../../server/src/core/corpus/index';
import { type ArticleKeywords, CorpusLexicon } from '../../server/src/core/corpus/lexicon';
import { MultiMap } from '../../server/src/core/corpus/multimap';
import { Postings } from '../../server/src/core/corpus/postings';
import { workspaceSymbols } from '../../server/src/core/features/navigation';
import { SIGNATURE_SIZE } from '../../server/src/core/corpus/shingles';
import type { ArticleSummary, KeywordPlace } from '../../server/src/core/corpus/summary';
import { rng } from '../../bench/synthetic';

test('the multimap answers as a map of sets under random adds and removes', () => {
  const r = rng(11);
  const m = new MultiMap<string, number>();
  const model = new Map<string, Set<number>>();
  for (let step = 0; step < 20_000; step++) {
    const key = `k${Math.floor(r() * 40)}`;
    const value = Math.floor(r() * 6);
    if (r() < 0.6) {
      m.add(key, value);
      if (!model.has(key)) model.set(key, new Set());
      model.get(key)!.add(value);
    } else {
      m.delete(key, value);
      model.get(key)?.delete(value);
      if (model.get(key)?.size === 0) model.delete(key);
    }
    if (step % 97 === 0) {
      assert.equal(m.size, model.size);
      for (let k = 0; k < 40; k++) {
        const key2 = `k${k}`;
        assert.deepEqual([...m.values(key2)].sort(), [...(model.get(key2) ?? [])].sort(), key2);
        assert.equal(m.count(key2), model.get(key2)?.size ?? 0);
        assert.equal(m.has(key2), model.has(key2));
      }
    }
  }
});

test('the postings answer as a map of sorted sets under random adds and removes, ids in any order', () => {
  const r = rng(13);
  const p = new Postings();
  const model = new Map<string, Set<number>>();
  for (let step = 0; step < 30_000; step++) {
    const key = `k${Math.floor(r() * 30)}`;
    // Mostly growing ids (as indexing adds them), sometimes any id, sometimes one already there.
    const id = r() < 0.6 ? step : Math.floor(r() * step + 1);
    if (r() < 0.65) {
      p.add(key, id);
      if (!model.has(key)) model.set(key, new Set());
      model.get(key)!.add(id);
    } else {
      const present = [...(model.get(key) ?? [])];
      const victim = present.length && r() < 0.8 ? present[Math.floor(r() * present.length)]! : id;
      p.delete(key, victim);
      model.get(key)?.delete(victim);
      if (model.get(key)?.size === 0) model.delete(key);
    }
    if (step % 101 === 0) {
      assert.equal(p.size, model.size);
      for (let k = 0; k < 30; k++) {
        const key2 = `k${k}`;
        assert.deepEqual([...p.values(key2)], [...(model.get(key2) ?? [])].sort((a, b) => a - b), key2);
        assert.equal(p.count(key2), model.get(key2)?.size ?? 0);
        assert.equal(p.has(key2), model.has(key2));
      }
    }
  }
});

test('a keyword most articles share keeps its ids right as they come and go in any order (the dense form)', () => {
  const r = rng(29);
  const p = new Postings();
  const model = new Set<number>();
  const check = (): void => {
    assert.deepEqual([...p.values('common')], [...model].sort((a, b) => a - b));
    assert.equal(p.count('common'), model.size);
    assert.equal(p.has('common'), model.size > 0);
  };
  // Indexing in file order: nearly every article has the keyword (a dense list).
  const add = (id: number): void => {
    p.add('common', id);
    model.add(id);
  };
  for (let id = 0; id < 5_000; id++) if (r() < 0.9) add(id);
  check();
  // A corpus pass splitting keyword lines again: ids leave and come back anywhere, some beyond the last.
  for (let step = 0; step < 20_000; step++) {
    const id = Math.floor(r() * 6_000);
    if (r() < 0.5) add(id);
    else {
      p.delete('common', id);
      model.delete(id);
    }
    if (step % 997 === 0) check();
  }
  check();
  // Articles leave until none has it: back to a short list, a lone id, then no key at all.
  for (const id of [...model].sort(() => r() - 0.5)) {
    p.delete('common', id);
    model.delete(id);
    if (model.size < 40 || model.size % 500 === 0) check();
  }
  assert.equal(p.size, 0);
  // The same ids again: it becomes dense again.
  for (let id = 4_000; id >= 0; id--) add(id);
  check();
  // A small dense key (64 articles, ids 0 to 63) emptied one id at a time: no key is left behind.
  for (let id = 0; id < 64; id++) p.add('tiny', id);
  assert.deepEqual([...p.values('tiny')], Array.from({ length: 64 }, (_, i) => i));
  for (let id = 63; id >= 0; id--) {
    p.delete('tiny', id);
    assert.equal(p.count('tiny'), id);
  }
  assert.equal(p.has('tiny'), false);
  assert.equal(p.size, 1);
});

/** Spellings of a few names, with the variants curators meet: hamza, ة/ه, ى/ي, spaces, ج/غ. */
const SPELLINGS = [
  'إسرائيل',
  'اسرائيل',
  'الأمم المتحدة',
  'الامم المتحده',
  'الأممالمتحدة',
  'بيونج يانج',
  'بيونغ يانغ',
  'كيم جونج أون',
  'كيم جونغ أون',
  'مستشفى الشفاء',
  'مستشفي الشفاء',
  'غزة',
  'غزه',
  'جاز',
  'غاز',
];
const HEADLINES = ['انفجار في ميناء بيروت', 'انفجار فى ميناء بيروت', 'قمة عربية في الرياض', 'أسعار النفط ترتفع'];

function randomSummary(r: () => number, uri: string): ArticleSummary {
  const keywords: KeywordPlace[] = [];
  let column = 14;
  for (let i = 0, n = Math.floor(r() * 5); i < n; i++) {
    const text = SPELLINGS[Math.floor(r() * SPELLINGS.length)]!;
    keywords.push({ text, normalized: normalizeArabic(text), line: 6, start: column, end: column + text.length, attested: r() < 0.5 });
    column += text.length + 3;
  }
  const headline = HEADLINES[Math.floor(r() * HEADLINES.length)]!;
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) signature[i] = Math.floor(r() * 4);
  return {
    uri,
    headline,
    headlineNormalized: normalizeArabic(headline),
    headlineLine: 0,
    date: r() < 0.8 ? `2023-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}` : undefined,
    source: r() < 0.5 ? 'بوابة الأهرام' : r() < 0.5 ? 'بوابه الاهرام' : undefined,
    sourceLine: 5,
    keywords,
    signature,
    words: 100 + Math.floor(r() * 400),
    paragraphs: 1 + Math.floor(r() * 9),
  };
}

test('the index answers as a plain list of its summaries under random sets and deletes', () => {
  const r = rng(23);
  const index = new CorpusIndex();
  const model = new Map<string, ArticleSummary>();
  const uris = Array.from({ length: 60 }, (_, i) => `file:///corpus/${String(i).padStart(3, '0')}.txt`);
  for (let step = 0; step < 3_000; step++) {
    const uri = uris[Math.floor(r() * uris.length)]!;
    if (r() < 0.75) {
      let s = randomSummary(r, uri);
      const before = model.get(uri);
      // Often the same article with its keywords line split again (the index's in-place path).
      if (before && r() < 0.5) s = { ...s, headline: before.headline, headlineNormalized: before.headlineNormalized, signature: before.signature };
      index.set(s);
      model.set(uri, s);
    } else {
      index.delete(uri);
      model.delete(uri);
    }
    if (step % 50 !== 0) continue;
    assert.equal(index.size, model.size);
    const docs = [...model.values()];
    // Each article counts once per normalised keyword, with its last spelling (CorpusLexicon.apply).
    const uses = docs.map((d) => new Map(d.keywords.map((k) => [k.normalized, k.text])));
    for (const text of SPELLINGS) {
      const normalized = normalizeArabic(text);
      const having = docs.filter((d) => d.keywords.some((k) => k.normalized === normalized));
      assert.deepEqual(index.byKeyword(normalized).map((s) => s.uri).sort(), having.map((d) => d.uri).sort(), `byKeyword ${text}`);
      assert.equal(index.keywordArticleCount(normalized), having.length);
      assert.equal(index.attestedKeywordCount(normalized), docs.flatMap((d) => d.keywords).filter((k) => k.attested && k.normalized === normalized).length);
      const spellings = new Map<string, number>();
      const translits = new Map<string, number>();
      const t = transliterationKey(text);
      for (const u of uses) {
        for (const [n, spelling] of u) {
          if (spellingKey(n) === spellingKey(text)) spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
          if (t !== undefined && transliterationKey(n) === t) translits.set(spelling, (translits.get(spelling) ?? 0) + 1);
        }
      }
      assert.deepEqual(sorted(index.keywordSpellings(text)), sorted(spellings), `spellings of ${text}`);
      assert.deepEqual(sorted(index.keywordTransliterations(text)), sorted(translits), `transliterations of ${text}`);
      const entry = index.lexicon.keyword(normalized);
      const forms = new Map<string, number>();
      for (const u of uses) if (u.has(normalized)) forms.set(u.get(normalized)!, (forms.get(u.get(normalized)!) ?? 0) + 1);
      assert.equal(entry?.count ?? 0, having.length);
      if (entry) {
        const best = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
        assert.equal(entry.display, best, `display of ${text}`);
        assert.deepEqual(sorted(index.lexicon.keywordSpellings(normalized)!), sorted(forms));
      }
    }
    // The words that start or end an attested keyword (segmentation's quick filter).
    const attestedWords = docs.flatMap((d) => d.keywords).filter((k) => k.attested).map((k) => k.normalized.split(' '));
    for (const word of new Set(SPELLINGS.flatMap((t) => normalizeArabic(t).split(' ')))) {
      assert.equal(index.attestedMayStart(word), attestedWords.some((w) => w[0] === word), `may start: ${word}`);
      assert.equal(index.attestedMayEnd(word), attestedWords.some((w) => w[w.length - 1] === word), `may end: ${word}`);
    }
    // Sources: one count per article, by spelling.
    const sourceForms = new Map<string, number>();
    for (const d of docs) if (d.source) sourceForms.set(d.source, (sourceForms.get(d.source) ?? 0) + 1);
    const sourceEntries = [...index.lexicon.sources()];
    assert.equal(sourceEntries.reduce((n, e) => n + e.count, 0), [...sourceForms.values()].reduce((a, b) => a + b, 0));
    for (const e of sourceEntries) {
      const forms = [...sourceForms].filter(([t]) => normalizeArabic(t) === e.normalized);
      assert.deepEqual(sorted(index.lexicon.sourceSpellings(e.normalized)!), sorted(new Map(forms)), `source ${e.normalized}`);
    }
    for (const h of HEADLINES) {
      const n = normalizeArabic(h);
      assert.deepEqual(index.byHeadline(n).map((s) => s.uri).sort(), docs.filter((d) => d.headlineNormalized === n).map((d) => d.uri).sort());
    }
    for (const d of docs) {
      const got = index.get(d.uri)!;
      assert.equal(got.headline, d.headline);
      assert.equal(got.date, d.date);
      assert.equal(got.source, d.source);
      assert.deepEqual(got.keywords.map((k) => ({ ...k })), d.keywords.map((k) => ({ ...k })));
      assert.deepEqual([...got.signature], [...d.signature]);
    }
  }
});

/** Keywords as the lexicon reads them, from spellings (some padded, some blank, some repeated). */
function lexiconKeywords(texts: readonly string[]): ArticleKeywords {
  return { keywordCount: texts.length, textAt: (i) => texts[i]!, normalizedAt: (i) => normalizeArabic(texts[i]!.trim()) };
}

test('replacing an article in the lexicon counts as taking it out and adding it again', () => {
  const r = rng(41);
  const pick = (): string => {
    const x = r();
    if (x < 0.05) return '   ';
    const text = SPELLINGS[Math.floor(r() * SPELLINGS.length)]!;
    return x < 0.15 ? ` ${text} ` : text;
  };
  const article = (): { keywords: string[]; source?: string } => ({
    keywords: Array.from({ length: Math.floor(r() * 7) }, pick),
    source: r() < 0.3 ? undefined : r() < 0.5 ? 'بوابة الأهرام' : r() < 0.5 ? ' بوابه الاهرام ' : 'الشروق',
  });
  const replaced = new CorpusLexicon();
  const model = new CorpusLexicon();
  const docs: { keywords: string[]; source?: string }[] = Array.from({ length: 12 }, article);
  for (const d of docs) {
    replaced.apply(lexiconKeywords(d.keywords), d.source, 1);
    model.apply(lexiconKeywords(d.keywords), d.source, 1);
  }
  const state = (lex: CorpusLexicon): unknown => ({
    keywords: [...lex.keywords()].map((e) => [e.normalized, e.display, e.count, sorted(lex.keywordSpellings(e.normalized)!)]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    sources: [...lex.sources()].map((e) => [e.normalized, e.display, e.count, sorted(lex.sourceSpellings(e.normalized)!)]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  });
  for (let step = 0; step < 2_000; step++) {
    const i = Math.floor(r() * docs.length);
    const before = docs[i]!;
    // Mostly the same keywords in another split or order, one changed, or the source changed.
    const keywords = r() < 0.5 ? [...before.keywords].reverse() : [...before.keywords];
    if (r() < 0.5 && keywords.length) keywords[Math.floor(r() * keywords.length)] = pick();
    if (r() < 0.2) keywords.push(pick());
    const after = { keywords, source: r() < 0.2 ? article().source : before.source };
    replaced.replace(lexiconKeywords(before.keywords), before.source, lexiconKeywords(after.keywords), after.source);
    model.apply(lexiconKeywords(before.keywords), before.source, -1);
    model.apply(lexiconKeywords(after.keywords), after.source, 1);
    docs[i] = after;
    assert.deepEqual(state(replaced), state(model), `step ${step}`);
  }
});

function sorted(m: ReadonlyMap<string, number>): [string, number][] {
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

test('a stored summary keeps its values, and its signature after its article leaves and the slot is reused', () => {
  const r = rng(5);
  const index = new CorpusIndex();
  const a = randomSummary(r, 'file:///corpus/a.txt');
  const stored = index.set(a);
  assert.equal(index.get(a.uri), stored, 'get answers the summary set returned');
  assert.equal(index.get(a.uri), index.get(a.uri), 'the same object on every get (hosts cache by identity)');
  assert.deepEqual([...stored.signature], [...a.signature]);
  const held = [...stored.signature];
  index.delete(a.uri);
  // Fill the freed slot (and grow the slab) with other signatures.
  for (let i = 0; i < 3000; i++) index.set(randomSummary(r, `file:///corpus/${i}.txt`));
  assert.deepEqual([...stored.signature], held, 'a summary held past its deletion keeps its own signature');
  assert.equal(index.get(a.uri), undefined);
  // Candidates compare against the slab: an article equal to a planted one is found with estimate 1.
  const twin = randomSummary(r, 'file:///corpus/twin.txt');
  index.set(twin);
  const found = index.candidates(twin.signature, 0.99).map((c) => c.uri);
  assert.ok(found.includes(twin.uri), 'an article is its own best candidate');
});

test('summaries replaced with the same text (keywords split again) keep the signature, through deletion and reuse', () => {
  const r = rng(8);
  const index = new CorpusIndex();
  const a = randomSummary(r, 'file:///corpus/a.txt');
  const first = index.set(a);
  const held = [...a.signature];
  // A corpus pass splits the keywords line again: same headline and signature, other keywords,
  // the same slot. An editor session does it on every edit of the line: a long chain.
  const replaced: ArticleSummary[] = [first];
  for (let i = 0; i < 2000; i++) {
    const other = randomSummary(r, a.uri);
    replaced.push(index.set({ ...other, headline: a.headline, headlineNormalized: a.headlineNormalized, signature: a.signature }));
  }
  assert.equal(new Set(replaced).size, replaced.length, 'each set made a new summary');
  for (const s of [first, replaced[1000]!, replaced.at(-1)!]) assert.deepEqual([...s.signature], held);
  // The article leaves; its slot is filled by others: every summary it ever had keeps the signature.
  index.delete(a.uri);
  for (let i = 0; i < 3000; i++) index.set(randomSummary(r, `file:///corpus/${i}.txt`));
  for (const s of [first, replaced[1000]!, replaced.at(-1)!]) assert.deepEqual([...s.signature], held);
});

test('workspace symbols: headlines that start with the query first, then the others, each in index order, at most max', () => {
  const r = rng(31);
  const index = new CorpusIndex();
  const heads = ['أسعار النفط ترتفع', 'تراجع الأسعار في الأسواق', 'قمة عربية في الرياض', 'الأسعار والأجور', 'غزة تحت القصف', 'وزير النفط يتحدث عن أسعار الغاز'];
  const order: ArticleSummary[] = [];
  for (let i = 0; i < 2500; i++) {
    const base = randomSummary(r, `file:///corpus/${String(i).padStart(4, '0')}.txt`);
    const headline = `${heads[Math.floor(r() * heads.length)]!}${r() < 0.3 ? ` ${i}` : ''}`;
    order.push(index.set({ ...base, headline, headlineNormalized: normalizeArabic(headline) }));
  }
  const reference = (query: string, max: number): string[] => {
    const q = normalizeArabic(query);
    const holding = order.filter((s) => s.headlineNormalized.includes(q));
    return [...holding.filter((s) => s.headlineNormalized.startsWith(q)), ...holding.filter((s) => !s.headlineNormalized.startsWith(q))].slice(0, max).map((s) => s.uri);
  };
  for (const query of ['اسعار', 'الأسعار', 'أسعار النفط', 'النفط', 'غزه', 'في', 'zzz', 'الرياض 12']) {
    for (const max of [1, 7, 200, 5000]) {
      assert.deepEqual(
        workspaceSymbols(index, query, max).map((s) => s.uri),
        reference(query, max),
        `${query} max ${max}`,
      );
    }
  }
  // Few headlines start with اسعار (أسعار النفط…), many hold it inside (الأسعار): both kinds are listed.
  const mixed = workspaceSymbols(index, 'اسعار', 5000);
  assert.ok(mixed.some((s) => normalizeArabic(s.name).startsWith('اسعار')) && mixed.some((s) => !normalizeArabic(s.name).startsWith('اسعار')));
  assert.equal(workspaceSymbols(index, '', 10).length, 10, 'an empty query lists the first headlines');
});

test('a stored summary gives back its keywords exactly, in the compact form and in the full one', () => {
  const r = rng(17);
  const index = new CorpusIndex();
  const kw = (text: string, line: number, start: number, end: number, attested: boolean): KeywordPlace => ({ text, normalized: normalizeArabic(text), line, start, end, attested });
  const cases: KeywordPlace[][] = [
    [kw('غزة', 6, 14, 17, true), kw('إسرائيل', 6, 19, 26, false), kw('الأمم المتحدة', 6, 28, 41, true)],
    [],
    // Keywords on two lines, a column past 32,767, a keyword longer than 32,767, and the limits.
    [kw('غزة', 6, 14, 17, true), kw('القدس', 7, 0, 5, true)],
    [kw('غزة', 6, 14, 17, false), kw('القدس', 6, 40_000, 40_005, true)],
    [kw('غزة', 6, 0, 40_000, true)],
    [kw('غزة', 6, 32_767, 32_767 + 32_767, true), kw('القدس', 6, 0, 0, false)],
    [kw('غزة', 0, 32_768, 32_770, false)],
  ];
  cases.forEach((keywords, i) => {
    const base = randomSummary(r, `file:///corpus/k${i}.txt`);
    const stored = index.set({ ...base, keywords });
    assert.deepEqual(stored.keywords, keywords, `case ${i}`);
    assert.deepEqual(index.get(base.uri)!.keywords, keywords, `case ${i} through get`);
    assert.deepEqual(
      [...index.attestedKeywordsOf(base.uri)].sort(),
      [...new Set(keywords.filter((k) => k.attested).map((k) => k.normalized))].sort(),
      `case ${i}: attested`,
    );
  });
  assert.equal(index.keywordArticleCount(normalizeArabic('غزة')), 6);
});

test('keywords keep their own normalised form when a text comes with two, and past 65,536 distinct keywords', () => {
  const r = rng(23);
  const index = new CorpusIndex();
  const kw = (text: string, normalized: string, start: number, attested: boolean): KeywordPlace => ({ text, normalized, line: 9, start, end: start + text.length, attested });
  // The same text under two normalised forms (as two configurations could give it).
  const a = index.set({ ...randomSummary(r, 'file:///corpus/a.txt'), keywords: [kw('أحمد', 'احمد', 3, true)] });
  const b = index.set({ ...randomSummary(r, 'file:///corpus/b.txt'), keywords: [kw('أحمد', 'أحمد', 3, false), kw('أحمد', 'احمد', 9, true)] });
  assert.deepEqual(a.keywords, [kw('أحمد', 'احمد', 3, true)]);
  assert.deepEqual(b.keywords, [kw('أحمد', 'أحمد', 3, false), kw('أحمد', 'احمد', 9, true)]);
  assert.deepEqual([...index.attestedKeywordsOf('file:///corpus/b.txt')], ['احمد']);
  // 70,000 distinct keywords: the later ones are numbered past 2^16.
  const many: KeywordPlace[] = [];
  for (let i = 0; i < 70_000; i++) many.push(kw(`كلمة${i}`, `كلمه${i}`, (i * 7) % 30_000, i % 3 === 0));
  for (let f = 0; f < 70; f++) {
    const keywords = many.slice(f * 1000, (f + 1) * 1000);
    const s = index.set({ ...randomSummary(r, `file:///corpus/m${f}.txt`), keywords });
    assert.deepEqual(s.keywords, keywords, `file ${f}`);
  }
  const last = index.get('file:///corpus/m69.txt')!.keywords;
  assert.equal(last.length, 1000);
  assert.deepEqual(last[999], kw('كلمة69999', 'كلمه69999', (69_999 * 7) % 30_000, 69_999 % 3 === 0));
  assert.equal(index.keywordArticleCount('كلمه69999'), 1);
});

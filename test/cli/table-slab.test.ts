/**
 * What the command line's corpus pass keeps per file between its passes: the phrase-table store
 * (server/src/cli/tableSlab.ts): runs of ints in chunks, full chunks written to an unlinked
 * temporary file and read back, or kept in memory when no file can be made; the packing of one
 * table into a run; and the packed evidence a split consulted (corpusIndex.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TableSlab } from '../../server/src/cli/tableSlab';
import { CorpusRun, fileUri, folderUri, type IndexedFile, indexEntry, KeptRuns, KeyPool, packTable, readEvidence, unpackTable, writeEvidence } from '../../server/src/cli/corpusIndex';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { syntheticArticle } from '../../bench/synthetic';
import type { KeywordLineTable } from '../../server/src/core/corpus/entry';
import { MAX_KEYWORD_TOKENS } from '../../server/src/core/keywords/segment';
import { keywordEvidence } from '../../server/src/core/corpus/batch';

/** Runs of 5 ints: three fit a chunk of 16, the fourth starts a new one; a run longer than a chunk gets a chunk of its own size. */
function fill(slab: TableSlab): { chunk: number; at: number; size: number; fill: number }[] {
  const runs: { chunk: number; at: number; size: number; fill: number }[] = [];
  for (const [size, value] of [
    [5, 1],
    [5, 2],
    [5, 3],
    [5, 4],
    [40, 5],
    [5, 6],
  ] as const) {
    const { chunk, at } = slab.alloc(size);
    slab.view(chunk, at, size).fill(value);
    runs.push({ chunk, at, size, fill: value });
  }
  assert.deepEqual(
    runs.map((r) => [r.chunk, r.at]),
    [
      [0, 0],
      [0, 5],
      [0, 10],
      [1, 0],
      [2, 0],
      [3, 0],
    ],
  );
  return runs;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'an-slab-'));
}

/** `count` synthetic articles of about 2.5 KB in a new folder, the i-th from the seed `seedOf(i)`. */
function writeCorpus(count: number, seedOf: (i: number) => number): IndexedFile[] {
  const dir = tempDir();
  const files: IndexedFile[] = [];
  for (let i = 0; i < count; i++) {
    const rel = `${String(i).padStart(3, '0')}.txt`;
    const abs = path.join(dir, rel);
    fs.writeFileSync(abs, syntheticArticle(seedOf(i), 2500));
    files.push({ index: i, abs, rel });
  }
  return files;
}

test('the phrase-table slab writes full chunks to a file that leaves no name behind, and reads them back', () => {
  const dir = tempDir();
  const slab = new TableSlab(16, dir);
  const runs = fill(slab);
  // Chunks 0–2 are full and on disk; the one being filled stays in memory.
  assert.equal(slab.spilled, 3);
  assert.equal(slab.held, 1);
  assert.deepEqual(fs.readdirSync(dir), [], 'the spill file is unlinked once open');
  for (const r of runs) assert.deepEqual([...slab.view(r.chunk, r.at, r.size)], new Array(r.size).fill(r.fill), `run ${r.fill}`);
  // Read in the order the runs were written, a run's chunk releases the chunks before it.
  slab.releaseBefore(2);
  assert.deepEqual([...slab.view(2, 0, 40)], new Array(40).fill(5));
  assert.throws(() => slab.view(0, 0, 5), /released/);
  assert.throws(() => slab.view(1, 0, 5), /released/);
  slab.close();
  assert.throws(() => slab.view(3, 0, 5), /released/);
  assert.equal(slab.held, 0);
});

test('the phrase-table slab keeps every chunk in memory without a spill folder, or when the folder cannot be written', () => {
  const missing = path.join(tempDir(), 'no', 'such', 'folder');
  for (const slab of [new TableSlab(16, false), new TableSlab(16, missing)]) {
    const runs = fill(slab);
    assert.equal(slab.spilled, 0);
    assert.equal(slab.held, 4);
    for (const r of runs) assert.deepEqual([...slab.view(r.chunk, r.at, r.size)], new Array(r.size).fill(r.fill), `run ${r.fill}`);
    slab.releaseBefore(3);
    assert.equal(slab.held, 1);
    assert.throws(() => slab.view(2, 0, 40), /released/);
  }
  assert.equal(fs.existsSync(missing), false);
});

test('a phrase table packed into the slab reads back the same, through the spill file', () => {
  // Arabic with diacritics and a combining mark, an astral character, and a lone surrogate.
  const values = ['الأمم المتحدة البنك المركزي التضخم', 'مُحَمَّد بن سلمان 𝔸 رؤية ٢٠٣٠', 'غزة \uD800 لبنان', ''];
  const pool = new KeyPool();
  const runs = new KeptRuns(values.length, 64, tempDir());
  const tables: KeywordLineTable[] = values.map((value, v) => {
    const tokens = value.split(' ').filter(Boolean);
    const n = tokens.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    let at = 0;
    tokens.forEach((t, k) => {
      starts[k] = value.indexOf(t, at);
      ends[k] = at = starts[k]! + t.length;
    });
    const cells = n * MAX_KEYWORD_TOKENS;
    const scores = Float32Array.from({ length: cells }, (_, i) => (i % 3 === 0 ? NaN : (i - v) / 7));
    const attested = Uint8Array.from({ length: cells }, (_, i) => (i + v) % 2);
    return { value, line: 9 + v, base: 13, starts, ends, keys: tokens.map((t) => t.replace(/[\u064B-\u0652]/g, '')), scores, attested, lengths: n ? [1, n - 1].filter(Boolean) : [] };
  });
  tables.forEach((t, i) => packTable(t, pool, runs, i));
  assert.ok(runs.spilled > 0, 'the tables span more than one chunk');
  tables.forEach((_, i) => {
    const got = unpackTable(runs, i, pool)!;
    const want = tables[i]!;
    assert.equal(got.value, want.value);
    assert.equal(got.line, want.line);
    assert.equal(got.base, want.base);
    assert.deepEqual([...got.starts], [...want.starts]);
    assert.deepEqual([...got.ends], [...want.ends]);
    assert.deepEqual(got.keys, want.keys);
    assert.deepEqual(got.lengths, want.lengths);
    assert.deepEqual([...got.scores], [...want.scores]);
    assert.deepEqual([...got.attested], [...want.attested]);
  });
  runs.close();
});

test('the re-split gives every file the same corpus item whether its tables went through the file or stayed in memory', async () => {
  // Space-joined keyword lines (the tables), some articles twice (near-duplicates and shared keywords).
  const files = writeCorpus(40, (i) => 1000 + (i % 30));
  const spillDir = tempDir();
  // Chunks of 64 ints: nearly every table in a chunk of its own, written out before the next.
  const runs = [new CorpusRun(files, () => DEFAULT_CONFIG, 1 << 24, spillDir, 64), new CorpusRun(files, () => DEFAULT_CONFIG, 1 << 24, false, 64)];
  for (const run of runs) for (const f of files) run.add(f, indexEntry(fs.readFileSync(f.abs, 'utf8'), f.abs, DEFAULT_CONFIG, run.uriPrefix));
  const slabOf = (run: CorpusRun): KeptRuns => (run as unknown as { tables: KeptRuns }).tables;
  assert.ok(slabOf(runs[0]!).spilled >= 30, `tables written out: ${slabOf(runs[0]!).spilled}`);
  assert.equal(slabOf(runs[1]!).spilled, 0);
  for (const run of runs) run.resplit(() => true);
  assert.deepEqual(fs.readdirSync(spillDir), []);
  let split = 0;
  for (const f of files) {
    const [a, b] = [await runs[0]!.forFile(f), await runs[1]!.forFile(f)];
    assert.ok(a, f.rel);
    assert.deepEqual(a, b, f.rel);
    if (a.keywordLengths?.length) split++;
  }
  assert.equal(split, files.length, 'every keywords line was split with the corpus evidence');
  assert.deepEqual(runs[0]!.snapshot(), runs[1]!.snapshot());
});

test('the evidence a split consulted reads back as the same counts for the same phrases, through the file or in memory', () => {
  // Diacritic-free keys as the tables hold them, an astral character, and an empty key (a token of punctuation).
  const keys = ['الأمم', 'المتحدة', 'البنك', 'المركزي', '𝔸', '', 'غزة'];
  const phrase = (i: number, length: number): string => keys.slice(i, i + length).join(' ');
  const cells = keys.length * MAX_KEYWORD_TOKENS;
  const asked = new Map<string, number>([
    [phrase(0, 2), 12],
    [phrase(0, 1), 0],
    [phrase(4, 2), 3],
    [phrase(1, 6), 1],
    [phrase(6, 1), 2_000_000_000],
  ]);
  for (const runs of [new KeptRuns(4, 8, tempDir()), new KeptRuns(4, 8, false)]) {
    const pool = new KeyPool();
    // Other runs around it, so that it is not alone in its chunk and chunks go to the file.
    writeEvidence(runs, 0, ['أ'], 6, new Map([['أ', 1]]), pool);
    writeEvidence(runs, 1, keys, cells, asked, pool);
    writeEvidence(runs, 2, ['ب', 'ت'], 12, new Map(), pool);
    const got = readEvidence(runs, 1, pool)!;
    assert.deepEqual(new Map(got), asked);
    // Every pair is a cell's phrase; a phrase no cell asked for is not invented.
    assert.equal(got.length, asked.size);
    assert.deepEqual(readEvidence(runs, 2, pool), []);
    assert.deepEqual(readEvidence(runs, 0, pool), [['أ', 1]]);
    assert.equal(readEvidence(runs, 3, pool), undefined, 'a file with nothing kept');
    runs.drop(1);
    assert.equal(readEvidence(runs, 1, pool), undefined, 'dropped');
    runs.close();
  }
});

test('kept runs read back per file whether their chunks went to the file or stayed in memory', () => {
  const dir = tempDir();
  const files = 200;
  for (const runs of [new KeptRuns(files, 16, dir), new KeptRuns(files, 16, false)]) {
    // Keyword lengths as the re-split keeps them: a few small ints a file, some files with none.
    for (let i = 0; i < files; i++) if (i % 7 !== 3) runs.write(i, 1 + (i % 5)).set(Array.from({ length: 1 + (i % 5) }, (_, k) => i * 10 + k));
    for (let i = files - 1; i >= 0; i--) {
      const run = runs.read(i);
      if (i % 7 === 3) assert.equal(run, undefined, `file ${i}`);
      else assert.deepEqual(Array.from(run!), Array.from({ length: 1 + (i % 5) }, (_, k) => i * 10 + k), `file ${i}`);
    }
    runs.close();
  }
  assert.deepEqual(fs.readdirSync(dir), [], 'no name left behind');
});

test('with --fix, the evidence kept for a file is what the corpus answered for every phrase of its line', async () => {
  const files = writeCorpus(30, (i) => 2000 + (i % 12));
  const run = new CorpusRun(files, () => DEFAULT_CONFIG, 1 << 24, tempDir(), 64);
  const entries = files.map((f) => indexEntry(fs.readFileSync(f.abs, 'utf8'), f.abs, DEFAULT_CONFIG, run.uriPrefix));
  files.forEach((f, i) => run.add(f, entries[i]!));
  run.resplit(() => true, undefined, true);
  // The last file's line was split with the index as it stands at the end (the only change after
  // is its own summary, which its evidence leaves out): each phrase's count must be that index's.
  const last = files[files.length - 1]!;
  const table = entries[entries.length - 1]!.keywordLine!;
  assert.ok(table, 'the last article has a space-joined keywords line');
  // The index keys an article by its URI without the run's folder URI.
  const key = entries[entries.length - 1]!.summary.uri;
  assert.equal(run.uriPrefix + key, fileUri(last.abs));
  assert.equal(run.uriPrefix, folderUri(files));
  assert.ok(run.index.get(key), key);
  const evidence = keywordEvidence(run.index, key);
  const item = await run.forFile(last);
  const recorded = new Map(item!.recorded);
  let phrases = 0;
  for (let cell = 0; cell < table.scores.length; cell++) {
    if (Number.isNaN(table.scores[cell]!)) continue;
    const i = Math.floor(cell / MAX_KEYWORD_TOKENS);
    const p = table.keys.slice(i, i + (cell % MAX_KEYWORD_TOKENS) + 1).join(' ');
    assert.equal(recorded.get(p), evidence.keywordCount(p), p);
    phrases++;
  }
  assert.ok(phrases >= table.keys.length, `phrases checked: ${phrases}`);
  assert.ok([...recorded.values()].some((n) => n > 0), 'some phrase has a corpus count');
  // Kept once: after done(), the file's item has no evidence.
  run.done(last);
  assert.equal((await run.forFile(last))!.recorded, undefined);
  run.close();
});

test('the folder URI of a run is the deepest folder holding every file, and starts every file URI', () => {
  const cases: [string[], string][] = [
    [['/srv/corpus/2024/a.txt', '/srv/corpus/2025/b.txt'], 'file:///srv/corpus/'],
    [['/srv/corpus/bc.txt', '/srv/corpus/bd.txt'], 'file:///srv/corpus/'],
    [['/srv/corpus/2024/a.txt'], 'file:///srv/corpus/2024/'],
    [['/srv/أخبار 100% #1/a.txt', '/srv/أخبار 100% #1/ب.txt'], fileUri('/srv/أخبار 100% #1/')],
    [['/a.txt', '/srv/b.txt'], 'file:///'],
    [[], ''],
  ];
  for (const [paths, want] of cases) {
    const got = folderUri(paths.map((abs) => ({ abs })));
    assert.equal(got, want, paths.join(' '));
    for (const abs of paths) assert.ok(fileUri(abs).startsWith(got), abs);
  }
});

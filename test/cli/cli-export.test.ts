/** `arabic-news-lint export`: the JSON Lines dataset, --clean, --skip-errors, --dedupe, --split and the manifest. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/fixtures';
import { runCli, runJson, snapshotTree, tempDir } from './cli-harness.test';
import { analyze } from '../../server/src/core/analysis';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { safeFixEdits } from '../../server/src/core/features/codeActions';
import { applyEdits } from '../../server/src/core/text/edits';
import { syntheticArticle } from '../../bench/synthetic';

interface ExportRecord {
  id: string;
  headline: string;
  date: string | null;
  source: string | null;
  keywords: string[];
  body: string[];
  related: { headline: string; body: string[] }[];
  problems: string[];
}

interface Manifest {
  version: string;
  rules: string[];
  options: Record<string, unknown>;
  files: { split: string | null; file: string; records: number; bytes: number; sha256: string }[];
  counts: Record<string, number>;
  records: number;
  skipped: Record<string, number>;
}

/** Copies a folder's *.txt files (markers ` ⟦…⟧` of the fixtures stripped). */
function copyCorpus(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    if (!name.endsWith('.txt')) continue;
    fs.writeFileSync(path.join(to, name), fs.readFileSync(path.join(from, name), 'utf8').replace(/ ?⟦[^⟧]*⟧/g, ''));
  }
}

/** A temporary folder with `corpus/` = samples and `corpus/near/` = the near-copy fixture. */
function corpus(): string {
  const d = tempDir('an-export-');
  copyCorpus(path.join(repoRoot, 'samples'), path.join(d, 'corpus'));
  copyCorpus(path.join(repoRoot, 'test/fixtures/corpus/near-copy'), path.join(d, 'corpus/near'));
  return d;
}

function readJsonl(file: string): ExportRecord[] {
  const text = fs.readFileSync(file, 'utf8');
  if (!text) return [];
  assert.ok(text.endsWith('\n'), 'one object per line, each ended');
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as ExportRecord);
}

function exportRun(d: string, args: readonly string[]): { code: number; stderr: string; records: ExportRecord[]; manifest: Manifest } {
  const r = runCli(['export', ...args], d);
  assert.equal(r.code, 0, r.stderr);
  const out = args[args.indexOf('--out') + 1]!;
  const manifest = JSON.parse(fs.readFileSync(path.join(d, `${out}.manifest.json`), 'utf8')) as Manifest;
  const records = fs.existsSync(path.join(d, out)) ? readJsonl(path.join(d, out)) : [];
  return { code: r.code, stderr: r.stderr, records, manifest };
}

const isStringArray = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');

function assertRecordTypes(r: ExportRecord): void {
  assert.deepEqual(Object.keys(r), ['id', 'headline', 'date', 'source', 'keywords', 'body', 'related', 'problems']);
  assert.equal(typeof r.id, 'string');
  assert.equal(typeof r.headline, 'string');
  assert.ok(r.date === null || (typeof r.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.date)), `date of ${r.id}`);
  assert.ok(r.source === null || typeof r.source === 'string', `source of ${r.id}`);
  assert.ok(isStringArray(r.keywords), `keywords of ${r.id}`);
  assert.ok(isStringArray(r.body), `body of ${r.id}`);
  assert.ok(Array.isArray(r.related), `related of ${r.id}`);
  for (const a of r.related) {
    assert.deepEqual(Object.keys(a), ['headline', 'body']);
    assert.equal(typeof a.headline, 'string');
    assert.ok(isStringArray(a.body));
  }
  assert.ok(isStringArray(r.problems));
  assert.deepEqual(r.problems, [...new Set(r.problems)].sort(), 'problems sorted and unique');
}

/** What the core's safe fixes make of a text (as --fix). */
function cleaned(text: string): string {
  let t = text;
  for (let i = 0; i < 5; i++) {
    const a = analyze(t, DEFAULT_CONFIG);
    const edits = safeFixEdits(a.diagnostics);
    if (!edits.length) break;
    const next = applyEdits(t, a.article.lines, edits);
    if (next === t) break;
    t = next;
  }
  return t;
}

describe('export', () => {
  test('one record per article, every field of the same type in every record; ids relative to the corpus root', () => {
    const d = corpus();
    const { records, manifest, stderr } = exportRun(d, ['corpus', '--out', 'out.jsonl']);
    const expected = [
      ...fs
        .readdirSync(path.join(d, 'corpus'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => f.slice(0, -4)),
      ...fs.readdirSync(path.join(d, 'corpus/near')).map((f) => `near/${f.slice(0, -4)}`),
    ].sort();
    assert.deepEqual(
      records.map((r) => r.id),
      expected,
    );
    records.forEach(assertRecordTypes);
    assert.equal(manifest.records, records.length);
    assert.match(stderr, new RegExp(`${records.length} records written`));
    // Run from inside the corpus without a path: the same ids.
    const inside = exportRun(path.join(d, 'corpus'), ['--out', '../inside.jsonl']);
    assert.deepEqual(
      inside.records.map((r) => r.id),
      expected,
    );
    // A folder named export is given as ./export.
    fs.cpSync(path.join(d, 'corpus/near'), path.join(d, 'export'), { recursive: true });
    const named = exportRun(d, ['./export', '--out', 'named.jsonl']);
    assert.deepEqual(
      named.records.map((r) => r.id),
      fs.readdirSync(path.join(d, 'export')).map((f) => f.slice(0, -4)).sort(),
    );
  });

  test('the read-also articles are kept apart from the body', () => {
    const d = corpus();
    const { records } = exportRun(d, ['corpus', '--out', 'out.jsonl']);
    const sample = records.find((r) => r.id === '000_3f9a1c7e5b2d4a86')!;
    assert.ok(sample.related.length >= 1);
    const text = fs.readFileSync(path.join(d, 'corpus/000_3f9a1c7e5b2d4a86.txt'), 'utf8');
    const lines = text.split('\n');
    const marker = lines.findIndex((l) => l.startsWith('إقرأ أيضاً'));
    assert.ok(marker > 0);
    assert.equal(sample.related[0]!.headline, lines[marker + 1]);
    for (const a of sample.related) {
      assert.ok(!sample.body.includes(a.headline), 'a related headline is not in the body');
      for (const p of a.body) assert.ok(!sample.body.includes(p), 'a related paragraph is not in the body');
    }
    assert.ok(sample.body.length > 0);
    assert.ok(!sample.body.some((p) => p.startsWith('المصدر') || p.startsWith('كلمات دلالية')));
  });

  test('--clean exports the fixed text and leaves the files alone', () => {
    const d = corpus();
    const before = snapshotTree(path.join(d, 'corpus'));
    const plain = exportRun(d, ['corpus', '--out', 'plain.jsonl']).records;
    const clean = exportRun(d, ['corpus', '--out', 'clean.jsonl', '--clean']).records;
    assert.deepEqual(snapshotTree(path.join(d, 'corpus')), before, 'files unchanged, byte for byte');
    assert.deepEqual(
      clean.map((r) => r.id),
      plain.map((r) => r.id),
    );
    clean.forEach(assertRecordTypes);
    let changed = 0;
    for (const r of clean) {
      const text = fs.readFileSync(path.join(d, 'corpus', `${r.id}.txt`), 'utf8');
      const fixed = cleaned(text);
      const a = analyze(fixed, DEFAULT_CONFIG);
      assert.deepEqual(safeFixEdits(a.diagnostics), [], `${r.id}: nothing safe-fixable left`);
      const expected = [...new Set(a.diagnostics.map((x) => x.ruleId))].filter((id) => !id.startsWith('AN3')).sort();
      assert.deepEqual(
        r.problems.filter((id) => !id.startsWith('AN3')),
        expected,
        `${r.id}: the problems of the cleaned text`,
      );
      assert.equal(r.headline, a.article.headline?.text ?? '');
      assert.deepEqual(
        r.body,
        (a.article.body?.paragraphs ?? []).map((p) => p.text),
      );
      if (fixed !== text) changed++;
    }
    assert.ok(changed > 0, 'the samples have safe-fixable problems');
    assert.ok(
      plain.some((p, i) => p.problems.join() !== clean[i]!.problems.join()),
      'cleaning removed problems',
    );
  });

  test('--skip-errors leaves out the articles with errors', () => {
    const d = corpus();
    const all = exportRun(d, ['corpus', '--out', 'all.jsonl']);
    const some = exportRun(d, ['corpus', '--out', 'some.jsonl', '--skip-errors']);
    const lint = runJson(['corpus', '--no-corpus'], d);
    const withErrors = new Set(lint.problems.filter((p) => p.severity === 'error').map((p) => p.file.replace(/^corpus\//, '').replace(/\.txt$/, '')));
    assert.ok(withErrors.size > 0, 'the samples have an error');
    assert.deepEqual(
      some.records.map((r) => r.id),
      all.records.map((r) => r.id).filter((id) => !withErrors.has(id)),
    );
    assert.equal(some.manifest.skipped.errors, withErrors.size);
    assert.match(some.stderr, new RegExp(`${withErrors.size} with errors`));
  });

  test('--dedupe keeps exactly one article of the near-copy pair (the earliest)', () => {
    const d = corpus();
    const all = exportRun(d, ['corpus/near', '--out', 'all.jsonl']);
    assert.deepEqual(
      all.records.map((r) => r.id),
      ['001_a1b2c3d4e5f60718', '002_b1b2c3d4e5f60718', '003_c1b2c3d4e5f60718'],
    );
    assert.ok(all.records[0]!.problems.includes('AN301'), 'the pair is reported as near-duplicates');
    const deduped = exportRun(d, ['corpus/near', '--out', 'dedupe.jsonl', '--dedupe']);
    assert.deepEqual(
      deduped.records.map((r) => r.id),
      ['001_a1b2c3d4e5f60718', '003_c1b2c3d4e5f60718'],
    );
    assert.equal(deduped.manifest.skipped.duplicate, 1);
    assert.match(deduped.stderr, /1 duplicates/);
  });

  test('--split is deterministic, partitions the records and keeps near-duplicate groups in one split; the manifest hashes match', () => {
    const d = corpus();
    const all = exportRun(d, ['corpus', '--out', 'all.jsonl']).records;
    const ids = all.map((r) => r.id);
    const names = ['train', 'dev', 'test'];
    const run = (out: string, seed: number): { parts: Map<string, ExportRecord[]>; bytes: Map<string, Buffer>; manifest: Manifest } => {
      const { manifest } = exportRun(d, ['corpus', '--out', out, '--split', 'train=0.8,dev=0.1,test=0.1', '--seed', String(seed)]);
      const parts = new Map<string, ExportRecord[]>();
      const bytes = new Map<string, Buffer>();
      for (const n of names) {
        const file = path.join(d, out.replace(/\.jsonl$/, `.${n}.jsonl`));
        bytes.set(n, fs.readFileSync(file));
        parts.set(n, readJsonl(file));
      }
      assert.ok(!fs.existsSync(path.join(d, out)), 'no unsplit file');
      return { parts, bytes, manifest };
    };
    for (const seed of [1, 2, 3, 42]) {
      const a = run(`a${seed}.jsonl`, seed);
      const b = run(`b${seed}.jsonl`, seed);
      assert.deepEqual(a.bytes, b.bytes, `seed ${seed}: the same files`);
      // A partition of the records.
      const seen = names.flatMap((n) => a.parts.get(n)!.map((r) => r.id));
      assert.equal(new Set(seen).size, seen.length, 'no record in two splits');
      assert.deepEqual(seen.sort(), [...ids].sort());
      for (const n of names) a.parts.get(n)!.forEach(assertRecordTypes);
      // The near-copy pair in one split.
      const splitOf = (id: string): string => names.find((n) => a.parts.get(n)!.some((r) => r.id === id))!;
      assert.equal(splitOf('near/001_a1b2c3d4e5f60718'), splitOf('near/002_b1b2c3d4e5f60718'), `seed ${seed}: the twins together`);
      // The manifest: counts and SHA-256 of each file.
      for (const f of a.manifest.files) {
        const buf = a.bytes.get(f.split!)!;
        assert.equal(f.sha256, createHash('sha256').update(buf).digest('hex'), `${f.file}: sha256`);
        assert.equal(f.records, a.parts.get(f.split!)!.length);
        assert.equal(f.bytes, buf.length);
        assert.equal(a.manifest.counts[f.split!], f.records);
      }
      assert.deepEqual(
        a.manifest.files.map((f) => f.file),
        names.map((n) => `a${seed}.${n}.jsonl`),
      );
      assert.ok(a.manifest.rules.includes('AN301'));
      assert.match(a.manifest.version, /^\d+\.\d+\.\d+/);
    }
  });

  test('the manifest of an unsplit export hashes its file', () => {
    const d = corpus();
    const { manifest } = exportRun(d, ['corpus', '--out', 'out.jsonl', '--dedupe', '--clean']);
    assert.equal(manifest.files.length, 1);
    assert.equal(manifest.files[0]!.sha256, createHash('sha256').update(fs.readFileSync(path.join(d, 'out.jsonl'))).digest('hex'));
    assert.deepEqual(manifest.options.dedupe, true);
    assert.deepEqual(manifest.options.clean, true);
  });

  test('worker threads export byte for byte what the main thread exports (records, splits, manifest)', () => {
    // 480 files: enough for two workers (200 files each at least). One in twelve is a near-copy
    // of the one before (one word changed), some are dirty (for --clean), one is not an article
    // and one is binary.
    const d = tempDir('an-export-jobs-');
    const root = path.join(d, 'corpus');
    let previous = '';
    for (let i = 0; i < 480; i++) {
      let text = syntheticArticle(70_000 + i, 1500 + (i % 7) * 300, i % 3);
      if (i % 12 === 11) text = previous.replace(/ (\S+)\./, ' محدث.');
      if (i % 9 === 4) text = text.replace('\n', '  \n\n\n').replace(/،/g, ' ،');
      previous = text;
      const folder = path.join(root, String(2015 + (i % 4)));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `${String(i).padStart(4, '0')}.txt`), text);
    }
    fs.writeFileSync(path.join(root, 'notes.txt'), 'ملاحظات التحرير\n');
    fs.writeFileSync(path.join(root, 'blob.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    const args = ['corpus', '--clean', '--dedupe', '--split', 'train=0.8,dev=0.1,test=0.1', '--seed', '5'];
    const one = exportRun(d, [...args, '--out', 'one.jsonl', '--jobs', '1']);
    const two = exportRun(d, [...args, '--out', 'two.jsonl', '--jobs', '2']);
    for (const split of ['train', 'dev', 'test']) {
      const a = fs.readFileSync(path.join(d, `one.${split}.jsonl`));
      assert.ok(a.length > 0, split);
      assert.ok(a.equals(fs.readFileSync(path.join(d, `two.${split}.jsonl`))), `${split}: the same bytes`);
    }
    assert.deepEqual(
      two.manifest.files.map((f) => f.sha256),
      one.manifest.files.map((f) => f.sha256),
    );
    assert.deepEqual(two.manifest.skipped, one.manifest.skipped);
    assert.deepEqual(one.manifest.skipped, { 'not an article': 1, errors: 0, duplicate: 40, unreadable: 1 });
    assert.equal((one.manifest as unknown as { nearDuplicateGroups: number }).nearDuplicateGroups, 40);
    assert.equal(one.manifest.records, 440);
    // Without --dedupe: every article, each record well typed.
    const all = exportRun(d, ['corpus', '--clean', '--out', 'all.jsonl', '--jobs', '2']).records;
    assert.equal(all.length, 480);
    all.forEach(assertRecordTypes);
  });

  test('a configured vocabulary counts: problems lists AN305 where the command line reports it', () => {
    const d = tempDir('an-export-vocab-');
    const from = path.join(repoRoot, 'test/fixtures/corpus/vocabulary');
    copyCorpus(from, path.join(d, 'corpus'));
    for (const name of ['.arabic-news.json', 'vocabulary.list']) fs.copyFileSync(path.join(from, name), path.join(d, 'corpus', name));
    const lint = runJson(['corpus'], d).problems;
    const flagged = new Set(lint.filter((p) => p.ruleId === 'AN305').map((p) => path.basename(p.file, '.txt')));
    assert.ok(flagged.size > 0, 'the fixture has a keyword outside the vocabulary');
    const { records } = exportRun(d, ['corpus', '--out', 'out.jsonl']);
    assert.equal(records.length, 2);
    for (const r of records) assert.equal(r.problems.includes('AN305'), flagged.has(path.basename(r.id)), r.id);
  });

  test('bad arguments and nothing readable exit 2', () => {
    const d = corpus();
    for (const args of [['corpus'], ['corpus', '--out', 'x.jsonl', '--split', 'train=0.5,test=0.4'], ['corpus', '--out', 'x.jsonl', '--seed', 'abc'], ['corpus', '--out', 'x.jsonl', '--bogus'], ['corpus', '--out', 'x.jsonl', '--jobs', '0']]) {
      const r = runCli(['export', ...args], d);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /export/);
    }
    fs.mkdirSync(path.join(d, 'empty'));
    assert.equal(runCli(['export', 'empty', '--out', 'x.jsonl'], d).code, 2);
    assert.equal(runCli(['export', 'missing', '--out', 'x.jsonl'], d).code, 2);
    assert.equal(runCli(['export', '--help'], d).code, 0);
  });
});

/**
 * The corpus rules (AN301–AN305) on the command line: each folder of test/fixtures/corpus/,
 * without its inline markers (its `.arabic-news.json` and vocabulary files copied beside), must
 * give exactly the (line, rule) pairs its inline expectations say, as test/unit/corpus-rules
 * checks them with `checkCorpus`; with `--shard`, a near-duplicate pair split across shards is
 * still reported in both files; `--no-corpus` reports no corpus rule.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type JsonProblem, runJson, tempDir } from './cli-harness.test';
import { readExpectations, repoRoot } from '../support/fixtures';
import { shardOf } from '../../server/src/cli/files';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'corpus');
const cases = fs.existsSync(fixtures) ? fs.readdirSync(fixtures).sort() : [];

/** Copies a fixture folder (markers stripped from the articles); returns each article's expected `line:rule` pairs by file name. */
function copyCase(name: string, into: string, rename: (file: string) => string = (f) => f): Map<string, string[]> {
  const from = path.join(fixtures, name);
  fs.mkdirSync(into, { recursive: true });
  const expected = new Map<string, string[]>();
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const src = path.join(from, entry.name);
    if (entry.name.endsWith('.txt')) {
      const { text, expected: e } = readExpectations(fs.readFileSync(src, 'utf8'));
      const target = rename(entry.name);
      fs.writeFileSync(path.join(into, target), text);
      expected.set(target, e.map((x) => `${x.line + 1}:${x.ruleId}`).sort());
    } else {
      fs.copyFileSync(src, path.join(into, entry.name));
    }
  }
  return expected;
}

function pairsByFile(problems: readonly JsonProblem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const name = path.posix.basename(p.file);
    if (!out.has(name)) out.set(name, []);
    out.get(name)!.push(`${p.line}:${p.ruleId}`);
  }
  for (const list of out.values()) list.sort();
  return out;
}

function assertExpected(expected: Map<string, string[]>, problems: readonly JsonProblem[], label: string): void {
  const got = pairsByFile(problems);
  for (const [file, want] of expected) {
    const messages = problems.filter((p) => path.posix.basename(p.file) === file).map((p) => `${p.line}:${p.ruleId} ${p.message}`);
    assert.deepEqual(got.get(file) ?? [], want, `${label} ${file}:\n${messages.join('\n')}`);
  }
}

describe('the command line runs the corpus rules as the editor does', () => {
  assert.ok(cases.length > 0, 'no corpus fixtures');
  for (const name of cases) {
    test(`corpus fixture ${name}`, () => {
      const root = tempDir('an-corpus-');
      const expected = copyCase(name, root);
      for (const jobs of ['1', '2']) {
        const r = runJson(['--jobs', jobs], root);
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        assertExpected(expected, r.problems, `--jobs ${jobs}`);
      }
    });
  }

  test('a twin in a folder whose name needs escaping in a URI is read again and named', () => {
    // The index keys articles by URI and finds a twin's file again from it: spaces, percent
    // signs, hashes and Arabic letters must survive the round trip.
    const root = tempDir('an-corpus-names-');
    const folder = path.join(root, 'أخبار 100% #1', 'ملف [ب]');
    const expected = copyCase('near-copy', folder, (f) => `خبر ${f}`);
    const r = runJson(['--jobs', '1'], root);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assertExpected(expected, r.problems, 'escaped folder names');
    const twins = r.problems.filter((p) => p.ruleId === 'AN301');
    assert.equal(twins.length, 2, JSON.stringify(r.problems));
    for (const t of twins) {
      assert.ok(t.file.startsWith('أخبار 100% #1/ملف [ب]/خبر '), t.file);
      // The twin's headline, read from its file, is quoted.
      assert.match(t.message, /\("[^"]+"\)/, t.message);
    }
  });

  test('--shard: a near-duplicate pair in different shards is reported in both files', () => {
    const root = tempDir('an-corpus-shard-');
    // Find names that put the near-copy twins into different shards of two.
    const twins = [...copyCase('near-copy', path.join(root, 'probe'))].filter(([, e]) => e.some((x) => x.endsWith(':AN301'))).map(([f]) => f);
    assert.equal(twins.length, 2);
    fs.rmSync(path.join(root, 'probe'), { recursive: true });
    let prefix = '';
    for (let i = 0; i < 100 && shardOf(`corpus/${prefix}${twins[0]}`, 2) === shardOf(`corpus/${twins[1]}`, 2); i++) prefix = `p${i}-`;
    const rename = (f: string): string => (f === twins[0] ? `${prefix}${f}` : f);
    const expected = copyCase('near-copy', path.join(root, 'corpus'), rename);
    const a = rename(twins[0]!);
    const b = twins[1]!;
    assert.notEqual(shardOf(`corpus/${a}`, 2), shardOf(`corpus/${b}`, 2), 'the twins should fall in different shards');

    const one = runJson(['--shard', '1/2', 'corpus'], root);
    const two = runJson(['--shard', '2/2', 'corpus'], root);
    assert.ok(one.code === 0 || one.code === 1, one.stderr);
    assert.ok(two.code === 0 || two.code === 1, two.stderr);
    const files1 = new Set(one.problems.map((p) => p.file));
    for (const p of two.problems) assert.ok(!files1.has(p.file), `${p.file} in both shards`);
    const all = [...one.problems, ...two.problems];
    for (const twin of [a, b]) assert.ok(all.some((p) => p.file === `corpus/${twin}` && p.ruleId === 'AN301'), `AN301 in ${twin}`);
    assertExpected(expected, all, 'shards 1/2 + 2/2');
    // Together the shards report what one run reports.
    const whole = runJson(['corpus'], root);
    const key = (p: JsonProblem): string => JSON.stringify(p);
    assert.deepEqual(all.map(key).sort(), whole.problems.map(key).sort());
  });

  test('--no-corpus reports no corpus rule', () => {
    const root = tempDir('an-corpus-off-');
    for (const name of cases) copyCase(name, path.join(root, name));
    const on = runJson([], root);
    assert.ok(on.problems.some((p) => p.ruleId.startsWith('AN3')), 'the corpus rules fire without --no-corpus');
    const off = runJson(['--no-corpus'], root);
    assert.ok(off.code === 0 || off.code === 1, off.stderr);
    assert.deepEqual(
      off.problems.filter((p) => p.ruleId.startsWith('AN3')),
      [],
    );
  });
});

/** --fix and --fix-dry-run. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN, runCli, runJson, snapshotTree, tempDir, WITH_ERROR, WITH_WARNINGS, writeTree } from './cli-harness.test';
import { analyze } from '../../server/src/core/analysis';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { safeFixEdits } from '../../server/src/core/features/codeActions';
import { applyEdits } from '../../server/src/core/text/edits';

/** A dirty corpus: fixable warnings, an unfixable error, a clean file, CRLF line ends, several fixable problems on one line. */
function dirtyCorpus(): string {
  const d = tempDir();
  writeTree(d, {
    'a/warnings.txt': WITH_WARNINGS,
    'a/error.txt': WITH_ERROR,
    'a/both.txt': WITH_WARNINGS.replace('2024-06-12', '31st, June 2024 GMT'),
    'b/clean.txt': CLEAN,
    'b/crlf.txt': WITH_WARNINGS.replace(/\n/g, '\r\n'),
    'b/many.txt': 'المالية  تعلن   موازنة  جديدة\nتاريخ النشر : ١٢ يونيو ٢٠٢٤\nأعلنت وزارة المالية موازنة جديدة للعام المقبل.\nالمصدر : وكالة الأنباء\nكلمات دلالية :  وزارة المالية',
  });
  fs.chmodSync(path.join(d, 'a/warnings.txt'), 0o640);
  return d;
}

describe('--fix', () => {
  test('applies the safe fixes in place; only unfixable problems remain; a second --fix changes nothing', () => {
    const d = dirtyCorpus();
    const before = runJson([], d);
    assert.ok(before.problems.some((p) => p.fixable));
    const fixed = runJson(['--fix'], d);
    assert.equal(fixed.code, 1, 'the unfixable error remains');
    assert.deepEqual(fixed.problems.filter((p) => p.fixable), [], 'nothing fixable is left');
    assert.ok(fixed.problems.some((p) => p.ruleId === 'AN103'));
    assert.match(fixed.stderr, /fixed \d+ problems? in \d+ files?/);
    // What is reported after --fix is what a plain run now finds.
    assert.deepEqual(runJson([], d).problems, fixed.problems);
    // The files are what the core's fixes make of them.
    const expected = (text: string): string => {
      let t = text;
      for (let i = 0; i < 5; i++) {
        const a = analyze(t, DEFAULT_CONFIG);
        const edits = safeFixEdits(a.diagnostics);
        if (!edits.length) break;
        t = applyEdits(t, a.article.lines, edits);
      }
      return t;
    };
    assert.equal(fs.readFileSync(path.join(d, 'a/warnings.txt'), 'utf8'), expected(WITH_WARNINGS));
    assert.ok(fs.readFileSync(path.join(d, 'b/crlf.txt'), 'utf8').includes('\r\n'), 'line ends kept');
    assert.equal(fs.statSync(path.join(d, 'a/warnings.txt')).mode & 0o777, 0o640, 'mode kept');
    assert.equal(fs.readFileSync(path.join(d, 'b/clean.txt'), 'utf8'), CLEAN, 'a clean file is untouched');
    assert.deepEqual(fs.readdirSync(path.join(d, 'a')).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    // Idempotent: a second run writes nothing.
    const snapshot = snapshotTree(d);
    const again = runJson(['--fix'], d);
    assert.deepEqual(again.problems, fixed.problems);
    assert.deepEqual(snapshotTree(d), snapshot);
    assert.doesNotMatch(again.stderr, /fixed/);
  });

  test('stylish --fix reports what was fixed and what remains', () => {
    const d = dirtyCorpus();
    const r = runCli(['--fix'], d);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✔ Fixed \d+ problems in \d+ files\./);
    assert.match(r.stdout, /AN103/);
  });

  test('a clean corpus: exit 0, nothing written', () => {
    const d = tempDir();
    writeTree(d, { 'a.txt': CLEAN });
    const snapshot = snapshotTree(d);
    assert.equal(runCli(['--fix'], d).code, 0);
    assert.deepEqual(snapshotTree(d), snapshot);
  });

  test('--fix with warnings only: exit 0 once they are fixed', () => {
    const d = tempDir();
    writeTree(d, { 'w.txt': WITH_WARNINGS });
    const r = runJson(['--fix', '--max-warnings', '0'], d);
    assert.equal(r.code, 0, JSON.stringify(r.problems));
  });
});

describe('--fix-dry-run', () => {
  test('prints a unified diff of what --fix would change and writes nothing', () => {
    const d = dirtyCorpus();
    const snapshot = snapshotTree(d);
    const r = runCli(['--fix-dry-run'], d);
    assert.deepEqual(snapshotTree(d), snapshot, 'nothing written');
    assert.equal(r.code, 1, 'the exit code is that of the files as they are');
    assert.match(r.stdout, /^--- a\/a\/both\.txt\n\+\+\+ b\/a\/both\.txt\n@@ -\d+(,\d+)? \+\d+(,\d+)? @@\n/m);
    assert.match(r.stdout, /^-المصدر : وكالة الأنباء$/m);
    assert.match(r.stdout, /^\+المصدر: وكالة الأنباء$/m);
    assert.match(r.stdout, /^\\ No newline at end of file$/m);
    assert.doesNotMatch(r.stdout, /clean\.txt|a\/error\.txt/, 'files without fixes have no diff');
    assert.match(r.stderr, /--fix would fix \d+ problems in 4 files; nothing was written/);
    // Applying the diff's changes is what --fix does: compare with a real --fix on a copy.
    const copy = tempDir();
    fs.cpSync(d, copy, { recursive: true });
    runCli(['--fix'], copy);
    const after = snapshotTree(copy);
    for (const [rel, bytes] of snapshotTree(d)) {
      const changed = !after.get(rel)!.equals(bytes);
      assert.equal(r.stdout.includes(`--- a/${rel.split(path.sep).join('/')}\n`), changed, rel);
    }
  });

  test('nothing to fix: an empty diff', () => {
    const d = tempDir();
    writeTree(d, { 'a.txt': CLEAN, 'e.txt': WITH_ERROR });
    const r = runCli(['--fix-dry-run'], d);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /would change nothing/);
  });
});

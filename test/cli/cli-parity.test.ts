/**
 * Same problems as the editor: every fixture of test/fixtures/rules and test/fixtures/clean,
 * without its inline markers, is copied into a temporary corpus (one folder per fixture, its
 * `name.config.json` sidecar as that folder's `.arabic-news.json`); the command line's JSON
 * must equal what `analyze()` gives with the configuration the language server resolves
 * (ConfigLoader, nearest file) and the keyword evidence of the same corpus (CorpusLexicon of
 * every file's `termsOf`, the file's own keywords subtracted, as server.ts `evidenceFor`).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type JsonProblem, runJson, tempDir } from './cli-harness.test';
import { listFiles, readExpectations, repoRoot } from '../support/fixtures';
import { analyze } from '../../server/src/core/analysis';
import { resolveConfig } from '../../server/src/core/config';
import { CorpusLexicon } from '../../server/src/core/corpus/lexicon';
import { normalizeArabic } from '../../server/src/core/arabic';
import { ConfigLoader } from '../../server/src/configLoader';
import { termsOf } from '../../server/src/workspaceScan';

interface Entry {
  readonly source: string;
  readonly abs: string;
  readonly rel: string;
}

function buildCorpus(root: string): Entry[] {
  const fixtures = path.join(repoRoot, 'test', 'fixtures');
  const sources = [...listFiles(path.join(fixtures, 'rules')), ...listFiles(path.join(fixtures, 'clean'))];
  return sources.map((source) => {
    const id = path.relative(fixtures, source).replace(/\.txt$/, '');
    const folder = path.join(root, id);
    fs.mkdirSync(folder, { recursive: true });
    const abs = path.join(folder, path.basename(source));
    fs.writeFileSync(abs, readExpectations(fs.readFileSync(source, 'utf8')).text);
    const sidecar = source.replace(/\.txt$/, '.config.json');
    if (fs.existsSync(sidecar)) fs.copyFileSync(sidecar, path.join(folder, '.arabic-news.json'));
    return { source, abs, rel: path.relative(root, abs).split(path.sep).join('/') };
  });
}

/** What the editor reports for every file of the corpus, in the CLI's JSON shape. */
function editorProblems(entries: readonly Entry[]): JsonProblem[] {
  const lexicon = new CorpusLexicon();
  const texts = new Map(entries.map((e) => [e.abs, fs.readFileSync(e.abs, 'utf8')]));
  for (const e of entries) {
    const terms = termsOf(texts.get(e.abs)!);
    if (terms) lexicon.update(e.abs, terms);
  }
  const loader = new ConfigLoader();
  const out: JsonProblem[] = [];
  for (const e of [...entries].sort((a, b) => (a.rel < b.rel ? -1 : 1))) {
    const own = new Set((lexicon.terms(e.abs)?.keywords ?? []).map((k) => normalizeArabic(k)));
    const evidence = { keywordCount: (p: string) => lexicon.keywordCount(p) - (own.has(p) ? 1 : 0) };
    const config = resolveConfig(...loader.forPath(e.abs).layers);
    for (const d of analyze(texts.get(e.abs)!, config, evidence).diagnostics) {
      out.push({
        file: e.rel,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        ruleId: d.ruleId,
        ruleName: d.ruleName,
        severity: d.severity === 'hint' ? 'info' : d.severity,
        message: d.message.en,
        fixable: d.fixes.some((f) => f.safe),
      });
    }
  }
  return out;
}

describe('the command line reports what the editor reports', () => {
  let root: string;
  let entries: Entry[];
  let expected: JsonProblem[];
  before(() => {
    root = tempDir('an-parity-');
    entries = buildCorpus(root);
    expected = editorProblems(entries);
  });

  test('every rule and clean fixture, one thread', () => {
    const r = runJson(['--jobs', '1'], root);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.ok(entries.length > 30);
    assert.deepEqual(r.problems, expected);
  });

  test('every rule and clean fixture, worker threads', () => {
    const r = runJson(['--jobs', '2'], root);
    assert.deepEqual(r.problems, expected);
  });
});

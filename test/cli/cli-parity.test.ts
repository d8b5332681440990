/**
 * Same problems as the editor: every fixture of test/fixtures/rules and test/fixtures/clean,
 * without its inline markers, is copied into a temporary corpus (one folder per fixture, its
 * `name.config.json` sidecar as that folder's `.arabic-news.json`); the command line's JSON
 * must equal what `checkCorpus` (core/corpus/batch.ts: the corpus index, keyword lines split
 * with the corpus's attested evidence, the corpus rules AN301–AN305) gives for the same files
 * with the configuration the language server resolves (ConfigLoader, nearest file) and the
 * configured vocabulary and preferred-spellings files.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type JsonProblem, runJson, tempDir } from './cli-harness.test';
import { listFiles, readExpectations, repoRoot } from '../support/fixtures';
import { pathToFileURL } from 'node:url';
import { resolveConfig, type ResolvedConfig } from '../../server/src/core/config';
import { checkCorpus, type CorpusExtras } from '../../server/src/core/corpus/batch';
import { parsePreferredSpellings, parseVocabulary } from '../../server/src/core/corpus/context';
import { ConfigLoader } from '../../server/src/configLoader';

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

/** The vocabulary and preferred spellings of a configuration, as the language server loads them. */
export function keywordLists(config: ResolvedConfig): CorpusExtras {
  const read = <T>(file: string | undefined, parse: (text: string) => T): T | undefined => {
    if (!file) return undefined;
    try {
      return parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
  };
  return { vocabulary: read(config.keywordFiles.vocabulary, parseVocabulary), preferredSpellings: read(config.keywordFiles.preferredSpellings, parsePreferredSpellings) };
}

/** What `checkCorpus` reports for the files (in the order of the command line: sorted by path), in the CLI's JSON shape. */
export async function corpusProblems(entries: readonly { abs: string; rel: string }[], configFor?: (abs: string) => ResolvedConfig): Promise<JsonProblem[]> {
  const loader = new ConfigLoader();
  const sorted = [...entries].sort((a, b) => (a.rel < b.rel ? -1 : 1));
  const files = sorted.map((e) => ({
    uri: pathToFileURL(e.abs).toString(),
    // The text as the editor holds it (and the command line decodes it): without a UTF-8 byte-order mark.
    text: fs.readFileSync(e.abs, 'utf8').replace(/^\uFEFF/, ''),
    config: configFor ? configFor(e.abs) : resolveConfig(...loader.forPath(e.abs).layers),
  }));
  const results = await checkCorpus(files, (f) => keywordLists(f.config));
  const out: JsonProblem[] = [];
  sorted.forEach((e, i) => {
    for (const d of results.get(files[i]!.uri)!.diagnostics) {
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
  });
  return out;
}

describe('the command line reports what the editor reports', () => {
  let root: string;
  let entries: Entry[];
  let expected: JsonProblem[];
  before(async () => {
    root = tempDir('an-parity-');
    entries = buildCorpus(root);
    expected = await corpusProblems(entries);
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

  test('the corpus twice (enough files for worker threads): one thread and two equal checkCorpus', async () => {
    const twice = tempDir('an-parity2-');
    const both = [...buildCorpus(path.join(twice, 'a')), ...buildCorpus(path.join(twice, 'b'))].map((e) => ({ ...e, rel: path.relative(twice, e.abs).split(path.sep).join('/') }));
    assert.ok(both.length > 200, 'enough files for the run to start workers');
    const want = await corpusProblems(both);
    assert.ok(want.some((p) => p.ruleId === 'AN301'));
    assert.deepEqual(runJson(['--jobs', '1'], twice).problems, want);
    assert.deepEqual(runJson(['--jobs', '2'], twice).problems, want);
  });
});

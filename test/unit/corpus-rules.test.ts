/**
 * The corpus rule harness: each folder under test/fixtures/corpus/ is a small corpus; every
 * file's expected rule ids are written inline (` ⟦AN301⟧`), and all files are checked against
 * each other. A folder may hold an `.arabic-news.json` (with a vocabulary file beside it).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkCorpus } from '../../server/src/core/corpus/batch';
import { parsePreferredSpellings, parseVocabulary } from '../../server/src/core/corpus/context';
import { resolveConfig } from '../../server/src/core/config';
import { parseConfigFile } from '../../server/src/core/configFile';
import { listFiles, readExpectations, repoRoot } from '../support/fixtures';
import fc from 'fast-check';
import { editDistance } from '../../server/src/core/rules/corpus/names';

const root = path.join(repoRoot, 'test/fixtures/corpus');

for (const dir of fs.existsSync(root) ? fs.readdirSync(root).sort() : []) {
  describe(`corpus fixture ${dir}`, () => {
    const folder = path.join(root, dir);
    const configPath = path.join(folder, '.arabic-news.json');
    const layer = fs.existsSync(configPath) ? parseConfigFile(fs.readFileSync(configPath, 'utf8')).config : undefined;
    const config = resolveConfig(layer);
    const vocabulary = layer?.keywords?.vocabulary ? parseVocabulary(fs.readFileSync(path.join(folder, layer.keywords.vocabulary), 'utf8')) : undefined;
    const preferred = layer?.keywords?.preferredSpellings ? parsePreferredSpellings(fs.readFileSync(path.join(folder, layer.keywords.preferredSpellings), 'utf8')) : undefined;
    const files = listFiles(folder).map((f) => ({ file: f, uri: pathToFileURL(f).toString(), ...readExpectations(fs.readFileSync(f, 'utf8')) }));
    test('every file reports exactly what its inline expectations say', async () => {
      const results = await checkCorpus(
        files.map((f) => ({ uri: f.uri, text: f.text, config })),
        () => ({ vocabulary, preferredSpellings: preferred }),
      );
      for (const f of files) {
        const got = results.get(f.uri)!.diagnostics.map((d) => `${d.range.start.line + 1}:${d.ruleId}`).sort();
        const want = f.expected.map((e) => `${e.line + 1}:${e.ruleId}`).sort();
        assert.deepEqual(got, want, `${path.basename(f.file)}:\n${results.get(f.uri)!.diagnostics.map((d) => `${d.range.start.line + 1}:${d.ruleId} ${d.message.en}`).join('\n')}`);
      }
    });
  });
}

test('the bounded edit distance is the full one, capped at max + 1 (AN304 compares every source with a bound)', () => {
  // Letters that normalise alike and differ, so that near names are common among the cases.
  const name = fc.array(fc.constantFrom('ا', 'أ', 'ب', 'ة', 'ه', 'ي', 'ى', 'ن', 'و', 'ز', ' '), { maxLength: 14 }).map((a) => a.join(''));
  fc.assert(
    fc.property(name, name, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
      const full = editDistance(a, b);
      assert.equal(editDistance(a, b, max), Math.min(full, max + 1), `${a} / ${b} / ${max}`);
    }),
    { numRuns: 5_000 },
  );
  assert.equal(editDistance('البوابة نيوز', 'البوابة نيور'), 1);
  assert.equal(editDistance('بوابة الاهرام', 'البوابة نيوز', 1), 2);
});

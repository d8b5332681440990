/**
 * The data-driven rule harness: every fixture under test/fixtures/rules/<ID>/ is analysed
 * with the default configuration, and the rule ids reported on each line must be exactly the
 * ones written inline (` ⟦AN103⟧`). Clean fixtures and the real samples must report nothing
 * above info level. Every fix is applied and the text re-checked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { DEFAULT_CONFIG, type ResolvedConfig, resolveConfig } from '../../server/src/core/config';
import { RULES } from '../../server/src/core/rules/index';
import { applyEdits } from '../../server/src/core/text/edits';
import { listFiles, readExpectations, repoRoot, samplesDir } from '../support/fixtures';
import type { ArticleDiagnostic } from '../../server/src/core/lint';
import type { EncodingInfo } from '../../server/src/core/rules/rule';

const rulesDir = path.join(repoRoot, 'test/fixtures/rules');
const key = (d: { line: number; ruleId: string }): string => `${d.line + 1}:${d.ruleId}`;
const reported = (ds: readonly ArticleDiagnostic[]): string[] => ds.map((d) => key({ line: d.range.start.line, ruleId: d.ruleId })).sort();

/** What the bytes of a fixture were: `name.encoding.json` beside `name.txt` (for AN100), else unknown. */
function encodingFor(file: string): EncodingInfo | undefined {
  const side = file.replace(/\.txt$/, '.encoding.json');
  return fs.existsSync(side) ? (JSON.parse(fs.readFileSync(side, 'utf8')) as EncodingInfo) : undefined;
}

/** A fixture's configuration: `name.config.json` beside `name.txt`, else the defaults. */
function configFor(file: string): ResolvedConfig {
  const side = file.replace(/\.txt$/, '.config.json');
  return fs.existsSync(side) ? resolveConfig(JSON.parse(fs.readFileSync(side, 'utf8'))) : DEFAULT_CONFIG;
}

describe('rule fixtures', () => {
  for (const file of listFiles(rulesDir)) {
    const name = path.relative(rulesDir, file);
    test(name, () => {
      const { text, expected } = readExpectations(fs.readFileSync(file, 'utf8'));
      const { diagnostics } = analyze(text, configFor(file), undefined, undefined, encodingFor(file));
      assert.deepEqual(reported(diagnostics), expected.map(key).sort(), diagnostics.map((d) => `${d.range.start.line + 1}:${d.ruleId} ${d.message.en}`).join('\n'));
    });
  }
});

describe('every rule has fixtures that fire and that do not', () => {
  const corpusDir = path.join(repoRoot, 'test/fixtures/corpus');
  for (const rule of RULES) {
    test(rule.id, () => {
      // Corpus rules are checked on small corpora (test/unit/corpus-rules.test.ts).
      const isCorpus = rule.tags.includes('corpus');
      const dir = isCorpus ? corpusDir : path.join(rulesDir, rule.id);
      const files = listFiles(dir);
      assert.ok(files.length > 0, `no fixture folder ${path.relative(repoRoot, dir)}`);
      const all = listFiles(isCorpus ? corpusDir : rulesDir).map((f) => readExpectations(fs.readFileSync(f, 'utf8')));
      assert.ok(all.some((f) => f.expected.some((e) => e.ruleId === rule.id)), 'no fixture where it fires');
      assert.ok(all.some((f) => !f.expected.some((e) => e.ruleId === rule.id)), 'no fixture where it does not fire');
    });
  }
});

const cleanFiles = [...listFiles(path.join(repoRoot, 'test/fixtures/clean')), ...listFiles(samplesDir)];
describe('clean articles and the real samples report nothing above info', () => {
  for (const file of cleanFiles) {
    test(path.basename(file), () => {
      const { diagnostics } = analyze(fs.readFileSync(file, 'utf8'), DEFAULT_CONFIG);
      const loud = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(loud.map((d) => `${d.range.start.line + 1}:${d.ruleId} ${d.message.en}`), []);
    });
  }
});

describe('fixes repair what they claim and touch nothing else', () => {
  for (const file of listFiles(rulesDir)) {
    const { text } = readExpectations(fs.readFileSync(file, 'utf8'));
    const config = configFor(file);
    const before = analyze(text, config);
    before.diagnostics.forEach((d, i) => {
      d.fixes.forEach((fix, j) => {
        test(`${path.relative(rulesDir, file)} ${d.ruleId} #${i}.${j}`, () => {
          // Every edit stays on the diagnostic's lines (a line deletion may take the line break next to it).
          for (const e of fix.edits) {
            assert.ok(e.range.start.line >= d.range.start.line - 1 && e.range.end.line <= d.range.end.line + 1, 'edit outside the reported lines');
          }
          const fixed = applyEdits(text, before.article.lines, fix.edits);
          const after = analyze(fixed, config);
          // The rule no longer fires on that line, and no new rule appears.
          const stillThere = after.diagnostics.filter((a) => a.ruleId === d.ruleId && a.message.en === d.message.en);
          assert.equal(stillThere.length, 0, `${d.ruleId} still reported after its fix`);
          const beforeIds = new Set(before.diagnostics.map((x) => x.ruleId));
          const newIds = after.diagnostics.map((x) => x.ruleId).filter((id) => !beforeIds.has(id));
          assert.deepEqual(newIds, [], 'a fix introduced a new problem');
          // Bytes outside the edited range are unchanged.
          const first = fix.edits.reduce((m, e) => Math.min(m, lineOffset(text, e.range.start)), Infinity);
          const last = fix.edits.reduce((m, e) => Math.max(m, lineOffset(text, e.range.end)), 0);
          assert.equal(fixed.slice(0, first), text.slice(0, first));
          assert.equal(fixed.slice(fixed.length - (text.length - last)), text.slice(last));
        });
      });
    });
  }
});

function lineOffset(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let l = 0; l < p.line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

describe('configuration', () => {
  const text = fs.readFileSync(path.join(rulesDir, 'AN104/iso.txt'), 'utf8').replace(/ ?⟦[^⟧]*⟧/g, '');
  test('a rule can be turned off by id', () => {
    const { diagnostics } = analyze(text, resolveConfig({ rules: { AN104: 'off' } }));
    assert.equal(diagnostics.some((d) => d.ruleId === 'AN104'), false);
  });
  test('a rule can be set by name', () => {
    const { diagnostics } = analyze(text, resolveConfig({ rules: { 'date-noncanonical': 'error' } }));
    assert.equal(diagnostics.find((d) => d.ruleId === 'AN104')?.severity, 'error');
  });
  test('an object setting with a severity works; junk is ignored', () => {
    const { diagnostics } = analyze(text, resolveConfig({ rules: { AN104: { severity: 'info' }, AN999: 'error', AN101: 'loud' as never } }));
    assert.equal(diagnostics.find((d) => d.ruleId === 'AN104')?.severity, 'info');
  });
  test('requiredSections makes a missing section unreported', () => {
    const noKeywords = 'عنوان الخبر\nتاريخ النشر: 1st, May 2024 GMT\nفقرة من المتن.\nالمصدر: وكالة';
    assert.equal(analyze(noKeywords, DEFAULT_CONFIG).diagnostics.some((d) => d.ruleId === 'AN107'), true);
    assert.equal(analyze(noKeywords, resolveConfig({ requiredSections: ['date', 'body', 'source'] })).diagnostics.some((d) => d.ruleId === 'AN107'), false);
  });
  test('a corpus that spells the read-also marker without hamza gets no AN110 for it', () => {
    const t = 'عنوان\nتاريخ النشر: 1st, May 2024 GMT\nفقرة.\nالمصدر: أ\nكلمات دلالية: س\nاقرأ أيضا:\nعنوان آخر\nفقرة.';
    assert.equal(analyze(t, DEFAULT_CONFIG).diagnostics.filter((d) => d.ruleId === 'AN110').length, 1);
    assert.equal(analyze(t, resolveConfig({ markers: { readAlso: 'اقرأ أيضا:' } })).diagnostics.filter((d) => d.ruleId === 'AN110').length, 0);
  });
});

describe('rule metadata', () => {
  test('ids and names are unique and well formed', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
    for (const r of RULES) {
      assert.match(r.id, /^AN\d{3}$/);
      assert.match(r.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(r.docs.description.length > 80, `${r.id} has a real description`);
      assert.ok(r.docs.bad && r.docs.good && r.docs.bad !== r.docs.good, `${r.id} has bad and good examples`);
      assert.equal(r.fixable, !!r.docs.fix, `${r.id}: fixable rules document their fix`);
    }
  });
  test('every rule has a doc page and a row in the README table', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const r of RULES) {
      assert.ok(fs.existsSync(path.join(repoRoot, 'docs/rules', `${r.id}.md`)), `docs/rules/${r.id}.md`);
      assert.match(readme, new RegExp(`\\|\\s*\\[?${r.id}\\]?[^|]*\\|\\s*${r.name}\\s*\\|`), `README row for ${r.id}`);
    }
  });
  test('every message has both languages', () => {
    for (const file of listFiles(rulesDir)) {
      const { text } = readExpectations(fs.readFileSync(file, 'utf8'));
      for (const d of analyze(text, configFor(file)).diagnostics) {
        assert.ok(d.message.en.length > 10 && /[a-z]/.test(d.message.en), `${d.ruleId} English`);
        assert.ok(/[\u0600-\u06FF]{3}/.test(d.message.ar), `${d.ruleId} Arabic`);
        assert.notEqual(d.message.en, d.message.ar);
      }
    }
  });
});

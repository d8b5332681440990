/** The output formats: json, jsonl, sarif, github and stylish, on one small corpus. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, type JsonProblem, runCli, runJson, tempDir, WITH_ERROR, WITH_WARNINGS, writeTree } from './cli-harness.test';
import { RULES } from '../../server/src/core/rules/index';

/** A body line with astral characters (U+1F600, U+1D400: two UTF-16 code units each) before a doubled space. */
const ASTRAL = 'المالية تعلن 😀 موازنة جديدة\nتاريخ النشر: 2024-06-12\nأعلنت وزارة 𝐀 المالية 😀 موازنة  جديدة للعام المقبل.\nالمصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية';

describe('output formats', () => {
  let dir: string;
  let json: JsonProblem[];
  before(() => {
    dir = tempDir();
    writeTree(dir, { 'a/clean.txt': CLEAN, 'a/error.txt': WITH_ERROR, 'b/warnings.txt': WITH_WARNINGS, 'b/astral.txt': ASTRAL });
    const r = runJson(['--no-corpus', '.'], dir); // the four articles share a body: corpus rules are tested in cli-corpus.test.ts
    assert.equal(r.code, 1, r.stderr);
    json = r.problems;
  });

  test('json: one array of flat problems, paths relative to the cwd, sorted by file then position', () => {
    assert.ok(Array.isArray(json) && json.length >= 4);
    for (const p of json) {
      assert.deepEqual(Object.keys(p), ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'ruleName', 'severity', 'message', 'fixable']);
      assert.match(p.file, /^[ab]\/[a-z]+\.txt$/);
      assert.ok(['error', 'warning', 'info'].includes(p.severity));
      assert.ok(p.line >= 1 && p.column >= 1 && p.endLine >= p.line);
      assert.equal(typeof p.fixable, 'boolean');
      assert.match(p.ruleId, /^AN\d{3}$/);
      assert.equal(RULES.find((r) => r.id === p.ruleId)?.name, p.ruleName);
    }
    const files = json.map((p) => p.file);
    assert.deepEqual(files, [...files].sort());
    assert.ok(!files.includes('a/clean.txt'));
    const invalid = json.find((p) => p.file === 'a/error.txt' && p.ruleId === 'AN103');
    assert.deepEqual(invalid && { line: invalid.line, column: invalid.column, endColumn: invalid.endColumn, severity: invalid.severity, fixable: invalid.fixable }, {
      line: 2,
      column: 14,
      endColumn: 14 + '31st, June 2024 GMT'.length,
      severity: 'error',
      fixable: false,
    });
    const iso = json.find((p) => p.file === 'b/warnings.txt' && p.ruleId === 'AN104');
    assert.equal(iso?.fixable, true);
    assert.equal(iso?.severity, 'warning');
  });

  test('columns are 1-based UTF-16 code units, as ESLint counts them, after astral characters', () => {
    const lines = ASTRAL.split('\n');
    const after = json.filter((p) => p.file === 'b/astral.txt' && /[\u{10000}-\u{10FFFF}]/u.test(lines[p.line - 1]!.slice(0, p.column - 1)));
    assert.ok(after.length > 0, 'a problem stands after an astral character');
    for (const p of after) {
      const line = lines[p.line - 1]!;
      const codePoints = [...line.slice(0, p.column - 1)].length;
      assert.notEqual(p.column - 1, codePoints, 'counted in code units, not code points');
    }
    // The doubled space of line 3: its UTF-16 offset, plus one.
    const doubled = json.find((p) => p.file === 'b/astral.txt' && p.line === 3 && p.endColumn - p.column === 2);
    if (doubled) assert.equal(doubled.column, lines[2]!.indexOf('  ') + 1);
  });

  test('jsonl: the same objects, one per line', () => {
    const r = runCli(['--no-corpus', '--format', 'jsonl', '.'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.deepEqual(lines.map((l) => JSON.parse(l) as JsonProblem), json);
    assert.ok(r.stdout.endsWith('\n'));
  });

  test('sarif: a SARIF 2.1.0 log with the rule catalogue and located results', () => {
    const r = runCli(['--no-corpus', '--format', 'sarif', '.'], dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'arabic-news-lint');
    assert.match(driver.version, /^\d+\.\d+\.\d+$/);
    assert.match(driver.informationUri, /^file:\/\/.*\/docs\/cli\.md$/);
    assert.equal(driver.rules.length, RULES.length);
    for (const [i, rule] of driver.rules.entries()) {
      assert.equal(rule.id, RULES[i]!.id);
      assert.equal(rule.name, RULES[i]!.name);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text);
      assert.match(rule.helpUri, new RegExp(`^file://.*/docs/rules/${rule.id}\\.md$`));
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.results.length, json.length);
    run.results.forEach((res: any, i: number) => {
      const p = json[i]!;
      assert.equal(res.ruleId, p.ruleId);
      assert.equal(driver.rules[res.ruleIndex].id, p.ruleId);
      assert.equal(res.level, p.severity === 'info' ? 'note' : p.severity);
      assert.equal(res.message.text, p.message);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, p.file);
      assert.deepEqual(loc.region, { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn });
    });
    assert.equal(run.invocations[0].executionSuccessful, true);
  });

  test('github: one workflow command per problem, properties escaped', () => {
    const r = runCli(['--no-corpus', '--format', 'github', '.'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, json.length);
    lines.forEach((line, i) => {
      const p = json[i]!;
      const kind = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      assert.equal(line, `::${kind} file=${p.file},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${p.ruleId} ${p.ruleName}::${p.message.replace(/%/g, '%25')}`);
    });
  });

  test('github: a file name with a comma and a colon is escaped', () => {
    const d = tempDir();
    writeTree(d, { 'x,y:z.txt': WITH_ERROR });
    const r = runCli(['--no-corpus', '--format', 'github', '.'], d);
    assert.match(r.stdout, /^::error file=x%2Cy%3Az\.txt,line=2,col=14,/m);
  });

  test('stylish: grouped by file, line:col severity message rule id, then a summary', () => {
    const r = runCli(['--no-corpus', '.'], dir);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('\u001b['), 'no colours when not a TTY');
    assert.match(r.stdout, /\na\/error\.txt\n {2}2:14 +error +The date "31st, June 2024 GMT" does not exist[^\n]* +AN103\n/);
    assert.match(r.stdout, /\nb\/warnings\.txt\n/);
    const errors = json.filter((p) => p.severity === 'error').length;
    const warnings = json.filter((p) => p.severity === 'warning').length;
    const infos = json.filter((p) => p.severity === 'info').length;
    const total = errors + warnings + infos;
    assert.match(r.stdout, new RegExp(`✖ ${total} problems \\(${errors} errors?, ${warnings} warnings?, ${infos} infos?\\) in 4 files checked`));
    assert.match(r.stdout, /potentially fixable with the `--fix` option/);
  });

  test('stylish: colours with FORCE_COLOR, none with NO_COLOR', () => {
    assert.ok(runCli(['--no-corpus', '.'], dir, { FORCE_COLOR: '1', NO_COLOR: '' }).stdout.includes('\u001b[31m'));
    assert.ok(!runCli(['--no-corpus', '.'], dir, { NO_COLOR: '1' }).stdout.includes('\u001b['));
  });

  test('--language ar prints the Arabic messages', () => {
    const r = runJson(['--no-corpus', '--language', 'ar', '.'], dir);
    assert.equal(r.problems.length, json.length);
    for (const p of r.problems) assert.match(p.message, /[\u0600-\u06FF]{3}/);
    assert.notDeepEqual(r.problems.map((p) => p.message), json.map((p) => p.message));
  });

  test('a clean corpus: an empty array, exit 0', () => {
    const d = tempDir();
    writeTree(d, { 'clean.txt': CLEAN });
    const r = runCli(['--no-corpus', '--format', 'json'], d);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
    const s = runCli(['--no-corpus', '--format', 'sarif'], d);
    assert.deepEqual(JSON.parse(s.stdout).runs[0].results, []);
    assert.equal(runCli(['--no-corpus', '--format', 'jsonl'], d).stdout, '');
    assert.equal(runCli(['--no-corpus', '--format', 'github'], d).stdout, '');
    assert.match(runCli(['--no-corpus'], d).stdout, /✔ 1 file checked, no problems/);
  });
});

/** Exit codes and the options that change what is reported: --quiet, --max-warnings, --rule, --config, bad arguments. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN, runCli, runJson, tempDir, WITH_ERROR, WITH_WARNINGS, writeTree } from './cli-harness.test';

function corpus(files: Record<string, string>): string {
  const d = tempDir();
  writeTree(d, files);
  return d;
}

describe('exit codes', () => {
  test('0 when clean, 0 with warnings only, 1 with an error', () => {
    assert.equal(runCli([], corpus({ 'a.txt': CLEAN })).code, 0);
    assert.equal(runCli([], corpus({ 'a.txt': CLEAN, 'b.txt': WITH_WARNINGS })).code, 0);
    assert.equal(runCli([], corpus({ 'a.txt': CLEAN, 'b.txt': WITH_ERROR })).code, 1);
  });

  test('2 on bad arguments, with a message on stderr', () => {
    const d = corpus({ 'a.txt': CLEAN });
    for (const args of [['--format', 'xml'], ['--bogus'], ['--rule', 'AN999=off'], ['--rule', 'AN104=loud'], ['--rule', 'AN104'], ['--max-warnings', '-1'], ['--jobs', '0'], ['--shard', '3/2'], ['--shard', 'x'], ['--language', 'fr'], ['--fix', '--fix-dry-run'], ['--format']]) {
      const r = runCli(args, d);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /arabic-news-lint: .+/, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  test('2 when no file matches', () => {
    const d = corpus({ 'notes.md': 'x' });
    const r = runCli([], d);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files matched/);
    assert.equal(runCli(['missing/**/*.txt'], d).code, 2);
    const m = runCli(['no-such-folder'], d);
    assert.equal(m.code, 2);
    assert.match(m.stderr, /no such file or folder: no-such-folder/);
  });
});

describe('--quiet and --max-warnings', () => {
  const d = corpus({ 'e.txt': WITH_ERROR, 'w.txt': WITH_WARNINGS });
  test('--quiet prints errors only', () => {
    const all = runJson([], d).problems;
    assert.ok(all.some((p) => p.severity === 'warning'));
    const quiet = runJson(['--quiet'], d);
    assert.equal(quiet.code, 1);
    assert.deepEqual(quiet.problems, all.filter((p) => p.severity === 'error'));
    const stylish = runCli(['--quiet'], d);
    assert.doesNotMatch(stylish.stdout, /warning +/);
    assert.match(stylish.stdout, /not shown \(--quiet\)/);
  });

  test('--max-warnings N fails only above N', () => {
    const w = corpus({ 'w.txt': WITH_WARNINGS });
    const count = runJson([], w).problems.filter((p) => p.severity === 'warning').length;
    assert.ok(count >= 2);
    assert.equal(runCli(['--max-warnings', String(count)], w).code, 0);
    const over = runCli(['--max-warnings', String(count - 1)], w);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /more than --max-warnings/);
    assert.equal(runCli(['--max-warnings=0'], corpus({ 'a.txt': CLEAN })).code, 0);
  });
});

describe('--rule and --config', () => {
  test('--rule sets a severity by id or by name; off removes the rule', () => {
    const d = corpus({ 'e.txt': WITH_ERROR, 'w.txt': WITH_WARNINGS });
    const off = runJson(['--rule', 'AN103=off'], d);
    assert.ok(!off.problems.some((p) => p.ruleId === 'AN103'));
    const byName = runJson(['--rule', 'date-noncanonical=error', '--rule=AN103=info'], d);
    assert.equal(byName.problems.find((p) => p.ruleId === 'AN104')?.severity, 'error');
    assert.equal(byName.problems.find((p) => p.ruleId === 'AN103')?.severity, 'info');
    assert.equal(byName.code, 1);
    const hint = runJson(['--rule', 'AN104=hint'], d);
    assert.equal(hint.problems.find((p) => p.ruleId === 'AN104')?.severity, 'info', 'hint is printed as info');
  });

  test('the nearest .arabic-news.json applies, as in the editor; --rule wins over it', () => {
    const d = corpus({ 'a/e.txt': WITH_ERROR, 'b/e.txt': WITH_ERROR, 'a/.arabic-news.json': '{ // comments are allowed\n "rules": { "AN103": "warning" } }' });
    const r = runJson([], d);
    assert.equal(r.problems.find((p) => p.file === 'a/e.txt' && p.ruleId === 'AN103')?.severity, 'warning');
    assert.equal(r.problems.find((p) => p.file === 'b/e.txt' && p.ruleId === 'AN103')?.severity, 'error');
    const cli = runJson(['--rule', 'AN103=off'], d);
    assert.ok(!cli.problems.some((p) => p.ruleId === 'AN103'));
  });

  test('--config FILE replaces discovery, with its extends chain', () => {
    const d = corpus({
      'a/e.txt': WITH_ERROR,
      'a/.arabic-news.json': '{ "rules": { "AN103": "warning" } }',
      'conf/base.json': '{ "rules": { "AN103": "off" } }',
      'conf/ci.json': '{ "extends": "./base.json", "rules": { "AN104": "error" } }',
    });
    const r = runJson(['--config', 'conf/ci.json', 'a'], d);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.problems.some((p) => p.ruleId === 'AN103'), 'the extended file turns AN103 off; a/.arabic-news.json is not read');
  });

  test('--config with a missing or broken file: exit 2 and the problem on stderr', () => {
    const d = corpus({ 'a.txt': CLEAN, 'bad.json': '{ "rules": { "AN103": "warning" ', 'typo.json': '{ "rules": { "AN103": "loud" } }' });
    const missing = runCli(['--config', 'nope.json'], d);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the configuration file nope\.json/);
    const broken = runCli(['--config', 'bad.json'], d);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /bad\.json:\d+:\d+: error: Invalid JSON/);
    assert.equal(broken.stdout, '');
    const typo = runCli(['--config', 'typo.json'], d);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /"loud" is not a severity/);
  });

  test('a broken discovered configuration is reported on stderr and fails the run', () => {
    const d = corpus({ 'a.txt': CLEAN, '.arabic-news.json': '{ "rules": ' });
    const r = runCli(['--format', 'json'], d);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.arabic-news\.json:\d+:\d+: error: Invalid JSON/);
    assert.deepEqual(JSON.parse(r.stdout), [], 'the output is still well formed');
  });

  test('configuration warnings (unknown keys) are printed but do not fail', () => {
    const d = corpus({ 'a.txt': CLEAN, '.arabic-news.json': '{ "rulez": {} }' });
    const r = runCli([], d);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: Unknown setting "rulez": did you mean "rules"\?/);
  });

  test('--config is resolved from the working folder', () => {
    const d = corpus({ 'sub/e.txt': WITH_ERROR, 'ci.json': '{ "rules": { "date-invalid": "off" } }' });
    const abs = runJson(['--config', path.join(d, 'ci.json')], path.join(d, 'sub'));
    assert.equal(abs.code, 0, abs.stderr);
    const ok = runJson(['--config', '../ci.json', '.'], path.join(d, 'sub'));
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(fs.existsSync(path.join(d, 'ci.json')));
  });
});

describe('ARABIC_NEWS_LINT_TIMING', () => {
  /** A phase line: name, wall ms, CPU ms, then RSS, the main thread's heap and its buffers at the phase's end. */
  const PHASE = /^(\S.*?)\s+(\d+) ms\s+CPU\s+(\d+) ms\s+RSS\s+(\d+) MB\s+heap\s+(\d+) MB\s+buffers\s+(\d+) MB$/;

  test('prints the wall and CPU time of each phase on stderr, and nothing without it', () => {
    const d = corpus({ 'a.txt': CLEAN, 'b.txt': WITH_WARNINGS });
    const timed = runJson([], d, { ARABIC_NEWS_LINT_TIMING: '1' });
    assert.equal(timed.code, 0, timed.stderr);
    const phases = timed.stderr
      .split('\n')
      .map((l) => PHASE.exec(l))
      .filter((m) => m !== null);
    assert.deepEqual(
      phases.map((m) => m[1]),
      ['list files', 'index pass', 're-split keyword lines', 'corpus snapshot', 'report pass'],
    );
    // Two files take some CPU in their passes, and no phase takes more than the whole process.
    const total = phases.reduce((sum, m) => sum + Number(m[3]), 0);
    assert.ok(total > 0, timed.stderr);
    // A Node process holds some tens of MB, and its heap is part of it.
    for (const m of phases) assert.ok(Number(m[4]) >= 20 && Number(m[5]) <= Number(m[4]), m[0]);
    const plain = runJson([], d);
    assert.equal(plain.stderr, '');
    // The report is the same either way: the phases go to stderr only.
    assert.deepEqual(timed.problems, plain.problems);
  });

  test('without corpus rules there is no index pass to time', () => {
    const timed = runJson(['--no-corpus'], corpus({ 'a.txt': CLEAN }), { ARABIC_NEWS_LINT_TIMING: '1' });
    const phases = timed.stderr
      .split('\n')
      .map((l) => PHASE.exec(l)?.[1])
      .filter((p) => p !== undefined);
    assert.deepEqual(phases, ['list files', 'report pass']);
  });
});

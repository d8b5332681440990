import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigFile } from '../../server/src/core/configFile';
import { resolveConfig } from '../../server/src/core/config';
import { ConfigLoader } from '../../server/src/configLoader';
import { analyze } from '../../server/src/core/analysis';

const problemsOf = (text: string): string[] => parseConfigFile(text).problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.severity} ${p.message.en}`);

describe('parsing .arabic-news.json', () => {
  test('comments and trailing commas are allowed', () => {
    const r = parseConfigFile('{\n  // the corpus of 2024\n  "rules": { "AN104": "off", "source-missing": { "severity": "error" }, },\n  /* noise */ "boilerplate": ["تابع أحدث الأخبار عبر تطبيق", "/^شاهد أيضا/"],\n}');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config?.rules, { AN104: 'off', 'source-missing': { severity: 'error' } });
    assert.equal(r.config?.boilerplate?.length, 2);
  });
  test('a syntax error is located and the whole file is set aside', () => {
    const r = parseConfigFile('{\n  "rules": { "AN104": "off" \n}');
    assert.equal(r.config, undefined);
    assert.ok(r.problems.length >= 1);
    assert.match(r.problems[0]!.message.en, /Invalid JSON.*default configuration/);
    assert.match(r.problems[0]!.message.ar, /JSON غير صالح/);
  });
  test('unknown keys and rules get a "did you mean"', () => {
    const p = problemsOf('{ "rule": {}, "rules": { "AN1O4": "off", "date-noncanonicl": "error" } }');
    assert.ok(p.some((x) => /Unknown setting "rule": did you mean "rules"\?/.test(x)), p.join('\n'));
    assert.ok(p.some((x) => /Unknown rule "AN1O4": did you mean "AN104"\?/.test(x)), p.join('\n'));
    assert.ok(p.some((x) => /did you mean "date-noncanonical"/.test(x)), p.join('\n'));
  });
  test('a wrong severity is an error at the value', () => {
    const text = '{ "rules": { "AN104": "loud" } }';
    const [p] = parseConfigFile(text).problems;
    assert.equal(p!.severity, 'error');
    assert.equal(text.slice(p!.range.start.character, p!.range.end.character), '"loud"');
  });
  test('an invalid regular expression is reported and left out', () => {
    const r = parseConfigFile('{ "boilerplate": ["/([a-/", "سطر"] }');
    assert.match(r.problems[0]!.message.en, /Invalid regular expression/);
    assert.deepEqual(r.config?.boilerplate, ['سطر']);
  });
  test('dates, sections and markers are validated', () => {
    const p = problemsOf('{ "dates": { "min": "2024-13-45", "max": "2020-01-01", "from": "x" }, "requiredSections": ["body", "footer"], "markers": { "readalso": "اقرأ أيضا:", "source": "" } }');
    assert.ok(p.some((x) => /dates.min" must be a date/.test(x)), p.join('\n'));
    assert.ok(p.some((x) => /Unknown key "from"/.test(x)));
    assert.ok(p.some((x) => /Unknown section "footer"/.test(x)));
    assert.ok(p.some((x) => /Unknown marker "readalso": did you mean "readAlso"\?/.test(x)), p.join('\n'));
    assert.ok(p.some((x) => /"source" must be a non-empty string/.test(x)));
  });
  test('not an object', () => assert.match(problemsOf('[1, 2]')[0]!, /must be a JSON object/));
  test('junk never throws', () => {
    for (const junk of ['', '\0\0\0', '{'.repeat(10000), '"'.repeat(5), '{"rules": {"AN101": {"severity": {"x": 1}}}}']) parseConfigFile(junk);
  });
});

describe('finding the configuration of an article', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'an-config-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string): string => {
    const f = path.join(root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  write('.arabic-news.json', '{ "rules": { "AN104": "off", "AN106": "error" } }');
  write('gulf/.arabic-news.json', '{ "extends": "../shared/base.json", "rules": { "AN104": "error" }, "keywords": { "vocabulary": "vocab.txt" } }');
  write('shared/base.json', '{ "rules": { "AN107": "off" }, "dates": { "min": "2015-01-01" } }');
  write('broken/.arabic-news.json', '{ "rules": ');
  write('cycle/.arabic-news.json', '{ "extends": "other.json" }');
  write('cycle/other.json', '{ "extends": ".arabic-news.json" }');
  write('missing/.arabic-news.json', '{ "extends": "nowhere.json" }');
  const loader = new ConfigLoader();

  test('the nearest file wins, with its extends chain; paths are made absolute', () => {
    const loaded = loader.forPath(path.join(root, 'gulf/2024/a.txt'));
    assert.deepEqual(loaded.files, [path.join(root, 'gulf/.arabic-news.json'), path.join(root, 'shared/base.json')]);
    const config = resolveConfig(...loaded.layers);
    assert.equal(config.severities.get('AN104'), 'error');
    assert.equal(config.severities.get('AN107'), 'off');
    assert.equal(config.severities.get('AN106'), 'warning', 'the parent folder file is not merged: the nearest wins');
    assert.equal(config.dates.min, '2015-01-01');
    assert.equal(config.keywordFiles.vocabulary, path.join(root, 'gulf/vocab.txt'));
  });
  test('a file above applies to folders without their own', () => {
    const config = resolveConfig(...loader.forPath(path.join(root, 'egypt/a.txt')).layers);
    assert.equal(config.severities.get('AN104'), 'off');
  });
  test('a broken file: the articles fall back to defaults and the problem is kept for the file', () => {
    const loaded = loader.forPath(path.join(root, 'broken/a.txt'));
    assert.deepEqual(loaded.layers, []);
    assert.ok(loaded.problems.get(path.join(root, 'broken/.arabic-news.json'))!.length > 0);
  });
  test('an extends cycle and a missing parent are reported, not looped on', () => {
    const cyc = loader.forPath(path.join(root, 'cycle/a.txt'));
    assert.ok([...cyc.problems.values()].flat().some((p) => /cycle/.test(p.message.en)));
    const missing = loader.forPath(path.join(root, 'missing/a.txt'));
    assert.ok([...missing.problems.values()].flat().some((p) => /does not exist/.test(p.message.en)));
  });
  test('invalidate() rereads a changed file', () => {
    const f = write('later/.arabic-news.json', '{ "rules": { "AN104": "off" } }');
    const l = new ConfigLoader();
    assert.equal(resolveConfig(...l.forPath(path.join(root, 'later/a.txt')).layers).severities.get('AN104'), 'off');
    fs.writeFileSync(f, '{ "rules": { "AN104": "error" } }');
    assert.equal(resolveConfig(...l.forPath(path.join(root, 'later/a.txt')).layers).severities.get('AN104'), 'off', 'cached');
    l.invalidate();
    assert.equal(resolveConfig(...l.forPath(path.join(root, 'later/a.txt')).layers).severities.get('AN104'), 'error');
  });
  test('the configuration changes what is reported', () => {
    const text = 'عنوان\nتاريخ النشر: 2014-06-12\nفقرة.\nالمصدر: وكالة\nكلمات دلالية: س';
    const ids = (rel: string): string[] => analyze(text, resolveConfig(...loader.forPath(path.join(root, rel)).layers)).diagnostics.map((d) => `${d.ruleId}:${d.severity}`);
    assert.deepEqual(ids('egypt/a.txt'), [], 'AN104 off at the root');
    assert.deepEqual(ids('gulf/a.txt'), ['AN103:error', 'AN104:error'], 'out of the range set in base.json (AN103), and ISO, which gulf/ makes an error (AN104)');
  });
});

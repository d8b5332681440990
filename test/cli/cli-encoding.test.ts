/** Encodings: recognition from bytes, rule AN100, and --fix converting recognised files to UTF-8. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN, runCli, runJson, snapshotTree, tempDir, writeTree } from './cli-harness.test';
import { repoRoot } from '../support/fixtures';
import { analyze } from '../../server/src/core/analysis';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { decodeBytes, detectEncoding, encodeUtf8, scanUtf8 } from '../../server/src/core/text/encoding';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'encoding');
const bytesOf = (name: string): Buffer => fs.readFileSync(path.join(fixtures, name));

describe('encoding detection', () => {
  const cases: [string, string, boolean, boolean][] = [
    // file, encoding, confident, byte-order mark
    ['cp1256.txt', 'windows-1256', true, false],
    ['utf16le-bom.txt', 'utf-16le', true, true],
    ['utf16be-bom.txt', 'utf-16be', true, true],
    ['utf16le-nobom.txt', 'utf-16le', true, false],
    ['utf8-bom.txt', 'utf-8', true, true],
    ['cp1252.txt', 'windows-1252', true, false],
  ];
  for (const [file, name, confident, bom] of cases) {
    test(`${file}: ${name}`, () => {
      const d = decodeBytes(bytesOf(file));
      assert.equal(d.binary, false);
      assert.deepEqual({ name: d.encoding.name, confident: d.encoding.confident, bom: d.encoding.bom }, { name, confident, bom });
      if (file !== 'cp1252.txt') assert.equal(d.text, CLEAN, 'decodes to the same Arabic text, without the mark');
    });
  }

  test('UTF-8 with invalid sequences: located, not confident', () => {
    const d = decodeBytes(bytesOf('invalid-utf8.txt'));
    assert.equal(d.encoding.name, 'utf-8');
    assert.equal(d.encoding.confident, false);
    const at = d.encoding.invalidUtf8At!;
    assert.equal(at.length, 2);
    const b = bytesOf('invalid-utf8.txt');
    assert.equal(b[at[0]!], 0x80);
    assert.equal(b[at[1]!], 0xd8);
    assert.ok(d.text.includes('\uFFFD'));
  });

  test('binary files', () => {
    assert.equal(decodeBytes(bytesOf('binary.txt')).binary, true);
    assert.equal(decodeBytes(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41])).binary, true);
    assert.equal(decodeBytes(Buffer.alloc(0)).binary, false);
    assert.equal(decodeBytes(Buffer.from('plain ascii\n')).encoding.name, 'utf-8');
  });

  test('the UTF-8 scanner agrees with the platform on every kind of sequence', () => {
    const samples = [Buffer.from('abc'), Buffer.from('ا😀é€'), Buffer.from([0xc0, 0x80]), Buffer.from([0xe0, 0x80, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xe2, 0x82, 0xac, 0xff])];
    for (const s of samples) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(s);
      } catch {
        valid = false;
      }
      assert.equal(scanUtf8(s).invalid === 0, valid, s.toString('hex'));
    }
  });

  test('encodeUtf8 round-trips, with or without a mark', () => {
    assert.deepEqual(Buffer.from(encodeUtf8('نص', true)), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('نص')]));
    assert.equal(decodeBytes(encodeUtf8(CLEAN, true)).text, CLEAN);
    assert.equal(detectEncoding(encodeUtf8(CLEAN)).encoding.name, 'utf-8');
  });
});

describe('rule AN100', () => {
  test('silent without encoding information (the editor) and for clean UTF-8', () => {
    assert.ok(!analyze(CLEAN, DEFAULT_CONFIG).diagnostics.some((d) => d.ruleId === 'AN100'));
    assert.ok(!analyze(CLEAN, DEFAULT_CONFIG, undefined, undefined, { name: 'utf-8', confident: true, bom: true }).diagnostics.some((d) => d.ruleId === 'AN100'));
  });

  test('an error on line 1 naming the encoding and what --fix does', () => {
    const ds = analyze(CLEAN, DEFAULT_CONFIG, undefined, undefined, { name: 'windows-1256', confident: true, bom: false }).diagnostics.filter((d) => d.ruleId === 'AN100');
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, 'error');
    assert.equal(ds[0]!.range.start.line, 0);
    assert.match(ds[0]!.message.en, /Windows-1256.*--fix converts it to UTF-8/);
    assert.match(ds[0]!.message.ar, /Windows-1256/);
    assert.deepEqual(ds[0]!.fixes, []);
    const unsure = analyze(CLEAN, DEFAULT_CONFIG, undefined, undefined, { name: 'windows-1256', confident: false, bom: false }).diagnostics.find((d) => d.ruleId === 'AN100');
    assert.match(unsure!.message.en, /leaves it alone/);
    const invalid = analyze(CLEAN, DEFAULT_CONFIG, undefined, undefined, { name: 'utf-8', confident: false, bom: false, invalidUtf8At: [12] }).diagnostics.find((d) => d.ruleId === 'AN100');
    assert.match(invalid!.message.en, /invalid byte sequences \(at byte 12\)/);
  });
});

describe('encodings on the command line', () => {
  const corpus = (): string => {
    const d = tempDir();
    for (const f of fs.readdirSync(fixtures).filter((n) => n.endsWith('.txt'))) fs.copyFileSync(path.join(fixtures, f), path.join(d, f));
    writeTree(d, { 'clean.txt': CLEAN });
    return d;
  };

  test('AN100 on Windows-1256, UTF-16 and invalid UTF-8 files; the other rules run on the decoded text', () => {
    const d = corpus();
    const r = runJson(['--no-corpus'], d); // the fixtures are one article in several encodings: near-duplicates by design
    assert.equal(r.code, 1);
    const an100 = r.problems.filter((p) => p.ruleId === 'AN100');
    assert.deepEqual(an100.map((p) => p.file).sort(), ['cp1252.txt', 'cp1256.txt', 'invalid-utf8.txt', 'utf16be-bom.txt', 'utf16le-bom.txt', 'utf16le-nobom.txt']);
    for (const p of an100) {
      assert.equal(p.line, 1);
      assert.equal(p.severity, 'error');
      assert.equal(p.fixable, p.file !== 'invalid-utf8.txt', p.file);
    }
    assert.match(an100.find((p) => p.file === 'cp1256.txt')!.message, /Windows-1256/);
    assert.match(an100.find((p) => p.file === 'utf16le-bom.txt')!.message, /UTF-16 LE with a byte-order mark/);
    // Apart from AN100, a converted file reports what the same text in UTF-8 reports: nothing.
    assert.deepEqual(r.problems.filter((p) => p.file === 'cp1256.txt' && p.ruleId !== 'AN100'), []);
    assert.ok(!r.problems.some((p) => p.file === 'utf8-bom.txt' || p.file === 'clean.txt'));
    assert.match(r.stderr, /skipped binary\.txt: binary file/);
  });

  test('--fix converts the recognised files to UTF-8; re-reading gives the same Arabic text', () => {
    const d = corpus();
    const r = runJson(['--fix'], d);
    assert.match(r.stderr, /converted to UTF-8/);
    for (const f of ['cp1256.txt', 'utf16le-bom.txt', 'utf16be-bom.txt', 'utf16le-nobom.txt']) {
      const bytes = fs.readFileSync(path.join(d, f));
      assert.ok(bytes.equals(Buffer.from(CLEAN, 'utf8')), `${f} is now the UTF-8 bytes of the article, without a mark`);
    }
    assert.equal(fs.readFileSync(path.join(d, 'cp1252.txt'), 'utf8'), new TextDecoder('windows-1252').decode(bytesOf('cp1252.txt')));
    assert.ok(fs.readFileSync(path.join(d, 'utf8-bom.txt')).equals(bytesOf('utf8-bom.txt')), 'a UTF-8 file keeps its mark');
    assert.ok(fs.readFileSync(path.join(d, 'invalid-utf8.txt')).equals(bytesOf('invalid-utf8.txt')), 'an unsure file is not touched');
    assert.ok(fs.readFileSync(path.join(d, 'binary.txt')).equals(bytesOf('binary.txt')));
    assert.deepEqual(r.problems.filter((p) => p.ruleId === 'AN100').map((p) => p.file), ['invalid-utf8.txt']);
    const snapshot = snapshotTree(d);
    runCli(['--fix'], d);
    assert.deepEqual(snapshotTree(d), snapshot, 'a second --fix changes nothing');
  });

  test('--fix-dry-run announces the conversion and writes nothing', () => {
    const d = corpus();
    const snapshot = snapshotTree(d);
    const r = runCli(['--fix-dry-run'], d);
    assert.deepEqual(snapshotTree(d), snapshot);
    assert.match(r.stdout, /^# cp1256\.txt: convert from Windows-1256 \(Arabic\) to UTF-8$/m);
    assert.match(r.stderr, /\(5 converted to UTF-8\); nothing was written/);
  });

  test('with AN100 off, nothing is reported and nothing converted', () => {
    const d = corpus();
    const snapshot = snapshotTree(d);
    const r = runJson(['--fix', '--rule', 'encoding=off'], d);
    assert.ok(!r.problems.some((p) => p.ruleId === 'AN100'));
    assert.deepEqual(snapshotTree(d), snapshot);
  });
});

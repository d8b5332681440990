/** Which files are checked: folders, globs, exclusions, shards, worker threads, binary and unreadable files. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN, runCli, runJson, tempDir, WITH_ERROR, WITH_WARNINGS, writeTree } from './cli-harness.test';
import { compileGlob, expandBraces, globMatch } from '../../server/src/cli/glob';
import { expandPatterns, FileList, readBytes, shardOf } from '../../server/src/cli/files';

describe('glob matcher', () => {
  test('*, ?, **, classes and braces', () => {
    assert.ok(globMatch('corpus/**/*.txt', 'corpus/a.txt'));
    assert.ok(globMatch('corpus/**/*.txt', 'corpus/2024/06/a.txt'));
    assert.ok(!globMatch('corpus/**/*.txt', 'other/a.txt'));
    assert.ok(!globMatch('corpus/*.txt', 'corpus/2024/a.txt'));
    assert.ok(globMatch('corpus/?.txt', 'corpus/a.txt'));
    assert.ok(!globMatch('corpus/?.txt', 'corpus/ab.txt'));
    assert.ok(globMatch('c/{a,b}/*.txt', 'c/b/x.txt'));
    assert.ok(!globMatch('c/{a,b}/*.txt', 'c/c/x.txt'));
    assert.ok(globMatch('c/{a,b{1,2}}.txt', 'c/b2.txt'));
    assert.ok(globMatch('c/[0-9][!x].txt', 'c/5y.txt'));
    assert.ok(!globMatch('c/[0-9][!x].txt', 'c/5x.txt'));
    assert.ok(!globMatch('**/*.txt', '.hidden/a.txt'), 'wildcards do not enter hidden folders');
    assert.ok(globMatch('.hidden/*.txt', '.hidden/a.txt'));
    assert.ok(globMatch('a\\*.txt', 'a*.txt'));
    assert.deepEqual(expandBraces('{a,b}/{c,d}'), ['a/c', 'a/d', 'b/c', 'b/d']);
    assert.equal(compileGlob('corpus/2024/**/*.txt')[0]!.base, 'corpus/2024');
  });

  test('shards: every file in exactly one, stable', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `corpus/${i % 7}/${String(i).padStart(3, '0')}_x.txt`);
    for (const n of [1, 2, 3, 8]) {
      const sizes = new Array<number>(n).fill(0);
      for (const f of names) {
        const s = shardOf(f, n);
        assert.ok(s >= 0 && s < n);
        assert.equal(shardOf(f, n), s);
        sizes[s]!++;
      }
      for (const size of sizes) assert.ok(size > (1000 / n) * 0.7, `balanced: ${sizes.join(' ')}`);
    }
    assert.equal(shardOf('corpus/a.txt', 4), shardOf('corpus/a.txt', 4));
  });
});

describe('the list of files', () => {
  const files = [
    { abs: '/srv/corpus/2024/a.txt', rel: 'corpus/2024/a.txt' },
    { abs: '/srv/corpus/2024/b.txt', rel: 'corpus/2024/b.txt' },
    { abs: '/srv/corpus/2025/أخبار ١.txt', rel: 'corpus/2025/أخبار ١.txt' },
    { abs: '/srv/top.txt', rel: 'top.txt' },
    { abs: '/elsewhere/x.txt', rel: '../elsewhere/x.txt' },
    { abs: '/srv/corpus/2024/😀.txt', rel: 'corpus/2024/😀.txt' },
    // A relative path that does not end with the name (kept whole).
    { abs: '/srv/odd/name.txt', rel: 'other' },
  ];
  const expected = files.map((f, index) => ({ ...f, index }));

  test('gives back every file with its paths and position, whole, in slices and iterated', () => {
    const list = FileList.of(files);
    assert.equal(list.length, files.length);
    assert.deepEqual([...list], expected);
    assert.deepEqual(
      files.map((_, i) => list.at(i)),
      expected,
    );
    assert.deepEqual(list.slice(2, 4), expected.slice(2, 4));
    assert.deepEqual(list.slice(5, 100), expected.slice(5));
    assert.equal(FileList.of([]).length, 0);
    assert.deepEqual([...FileList.of([])], []);
  });

  test('a subset keeps the position of each file in the whole list', () => {
    const list = FileList.of(files);
    const sub = list.where((f) => f.rel.startsWith('corpus/2024/'));
    assert.deepEqual([...sub], [expected[0], expected[1], expected[5]]);
    assert.deepEqual(sub.at(2), expected[5]);
    assert.deepEqual(sub.slice(1), [expected[1], expected[5]]);
    assert.equal(list.where(() => false).length, 0);
  });
});

describe('files on the command line', () => {
  const d = tempDir();
  writeTree(d, {
    'corpus/2024/a.txt': CLEAN,
    'corpus/2024/b.TXT': WITH_ERROR,
    'corpus/2025/c.txt': WITH_WARNINGS,
    'corpus/notes.md': 'not an article',
    'corpus/node_modules/x.txt': WITH_ERROR,
    'corpus/.hidden/x.txt': WITH_ERROR,
    'corpus/build/x.txt': WITH_ERROR,
    'other/d.txt': WITH_ERROR,
  });
  const checked = (args: string[]): string[] => {
    const r = runCli(['--format', 'json', '--rule', 'AN103=info', ...args], d);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((p) => p.file))];
  };

  test('folders are walked for .txt files, skipping node_modules, build and hidden folders', () => {
    const { files } = expandPatterns(['corpus'], d);
    assert.deepEqual([...files].map((f) => f.rel), ['corpus/2024/a.txt', 'corpus/2024/b.TXT', 'corpus/2025/c.txt']);
    assert.equal(expandPatterns([], d).files.length, 0);
    assert.deepEqual([...expandPatterns(['.'], d).files].map((f) => f.rel), ['corpus/2024/a.txt', 'corpus/2024/b.TXT', 'corpus/2025/c.txt', 'other/d.txt']);
  });

  test('globs are expanded without a shell; ! excludes', () => {
    assert.deepEqual(checked(['corpus/**/*.txt']), ['corpus/2025/c.txt']);
    assert.deepEqual(checked(['corpus/*/{a,b}.*']), ['corpus/2024/b.TXT']);
    assert.deepEqual(checked(['**/*.txt', '!corpus/**']), ['other/d.txt']);
    assert.deepEqual(checked(['.', '!other']), ['corpus/2024/b.TXT', 'corpus/2025/c.txt']);
    assert.deepEqual(checked(['corpus/node_modules/*.txt']), ['corpus/node_modules/x.txt'], 'a literal excluded folder in the pattern is entered');
  });

  test('a file named literally is checked whatever its extension; duplicates count once', () => {
    writeTree(d, { 'article.text': WITH_ERROR });
    assert.deepEqual(checked(['article.text', './article.text', path.join(d, 'article.text')]), ['article.text']);
    fs.rmSync(path.join(d, 'article.text'));
  });

  test('--shard: the union of the shards is every file, disjoint and stable', () => {
    const s = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`c/${i % 3}/${String(i).padStart(2, '0')}.txt`] = i % 2 ? WITH_ERROR : WITH_WARNINGS;
    writeTree(s, files);
    const all = runJson([], s).problems;
    const seen = new Map<string, number>();
    const union: typeof all = [];
    for (let i = 1; i <= 3; i++) {
      const part = runJson(['--shard', `${i}/3`], s).problems;
      assert.deepEqual(runJson(['--shard', `${i}/3`], s).problems, part, 'stable');
      for (const p of part) {
        const prev = seen.get(p.file);
        assert.ok(prev === undefined || prev === i, `${p.file} in shards ${prev} and ${i}`);
        seen.set(p.file, i);
      }
      union.push(...part);
    }
    assert.equal(seen.size, 40);
    const key = (p: { file: string; line: number; column: number; ruleId: string }): string => `${p.file}:${p.line}:${p.column}:${p.ruleId}`;
    assert.deepEqual(union.map(key).sort(), all.map(key).sort());
  });

  test('worker threads give the same output as one thread', () => {
    const w = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 500; i++) files[`c/${String(i).padStart(3, '0')}.txt`] = i % 3 === 0 ? WITH_ERROR : i % 3 === 1 ? WITH_WARNINGS : CLEAN;
    writeTree(w, files);
    const one = runCli(['--format', 'jsonl', '--jobs', '1'], w);
    const two = runCli(['--format', 'jsonl', '--jobs', '2'], w);
    assert.equal(one.code, 1);
    assert.equal(two.code, 1);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stdout.split('\n').filter(Boolean).length, runJson(['--jobs', '4'], w).problems.length);
  });
});

describe('binary, unreadable and missing files', () => {
  test('are listed on stderr, counted in the summary and skipped; the run goes on', () => {
    const d = tempDir();
    writeTree(d, { 'a.txt': WITH_ERROR, 'image.txt': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'b.txt': CLEAN });
    const r = runCli(['.', 'gone.txt'], d);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /skipped image\.txt: binary file/);
    assert.match(r.stderr, /no such file or folder: gone\.txt/);
    assert.match(r.stdout, /2 files skipped/);
    assert.match(r.stdout, /in 2 files checked/);
    const j = runJson(['.'], d);
    assert.deepEqual([...new Set(j.problems.map((p) => p.file))], ['a.txt']);
  });

  test('a file without read permission is skipped (when not running as root)', (t) => {
    if (process.getuid?.() === 0) {
      t.skip('root reads every file');
      return;
    }
    const d = tempDir();
    writeTree(d, { 'a.txt': CLEAN, 'locked.txt': CLEAN });
    fs.chmodSync(path.join(d, 'locked.txt'), 0o000);
    const r = runCli([], d);
    fs.chmodSync(path.join(d, 'locked.txt'), 0o644);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /skipped locked\.txt: cannot read: EACCES/);
  });

  test('nothing readable: exit 2', () => {
    const d = tempDir();
    writeTree(d, { 'image.txt': Buffer.from([0, 1, 2, 3, 0, 0]) });
    const r = runCli([], d);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no file could be read/);
  });
});

describe('reading a file', () => {
  const text = (r: ReturnType<typeof readBytes>): string => {
    assert.ok('bytes' in r, JSON.stringify(r));
    return r.bytes.toString('utf8');
  };

  test('whole files of any size, each read on its own (the buffer is reused between calls)', () => {
    const d = tempDir();
    const big = 'الأمم المتحدة تدعو إلى وقف إطلاق النار\n'.repeat(6000); // about 400 KB: more than the first buffer
    writeTree(d, { 'small.txt': CLEAN, 'big.txt': big, 'empty.txt': '' });
    assert.equal(text(readBytes(path.join(d, 'small.txt'), 1 << 20)), CLEAN);
    assert.equal(text(readBytes(path.join(d, 'big.txt'), 1 << 20)), big);
    assert.equal(text(readBytes(path.join(d, 'small.txt'), 1 << 20)), CLEAN, 'a shorter file after a longer one');
    assert.equal(text(readBytes(path.join(d, 'empty.txt'), 1 << 20)), '');
  });

  test('over the limit, a folder, a missing file: why not', () => {
    const d = tempDir();
    writeTree(d, { 'big.txt': 'x'.repeat(5000), 'sub/a.txt': CLEAN });
    const over = readBytes(path.join(d, 'big.txt'), 4096);
    assert.ok('error' in over && /too large/.test(over.error), JSON.stringify(over));
    const dir = readBytes(path.join(d, 'sub'), 4096);
    assert.ok('error' in dir && dir.error === 'not a regular file', JSON.stringify(dir));
    const gone = readBytes(path.join(d, 'gone.txt'), 4096);
    assert.ok('error' in gone && /ENOENT/.test(gone.error), JSON.stringify(gone));
  });

  test('a file that reports no size (as in /proc) is read to its end', (t) => {
    const proc = '/proc/self/status';
    if (!fs.existsSync(proc) || fs.statSync(proc).size !== 0) {
      t.skip('needs a Linux /proc file of size 0');
      return;
    }
    const got = text(readBytes(proc, 1 << 20));
    assert.match(got, /^Name:/);
    assert.match(got, /\nPid:\s+\d+/);
  });
});

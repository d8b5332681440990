import { test } from 'node:test';
import assert from 'node:assert/strict';
import { folderExcluded, globToRegExp, matchesAny } from '../../server/src/core/text/glob';

test('** matches any folders, * one segment', () => {
  assert.equal(matchesAny('a.txt', ['**/*.txt']), true);
  assert.equal(matchesAny('corpus/2024/06/a.txt', ['**/*.txt']), true);
  assert.equal(matchesAny('corpus/a.md', ['**/*.txt']), false);
  assert.equal(matchesAny('corpus/2024/a.txt', ['corpus/*.txt']), false);
  assert.equal(matchesAny('corpus/a.txt', ['corpus/*.txt']), true);
  assert.equal(matchesAny('corpus/2024/a.txt', ['corpus/**']), true);
});
test('a bare name matches at any depth', () => {
  assert.equal(matchesAny('a/b/node_modules', ['node_modules']), true);
  assert.equal(folderExcluded('a/node_modules/x', ['node_modules']), true);
  assert.equal(folderExcluded('a/build/x', ['node_modules', 'build']), true);
  assert.equal(folderExcluded('a/builder/x', ['build']), false);
});
test('alternatives, classes and ?', () => {
  assert.equal(matchesAny('x/000_89a34b7cd07fdb79.txt', ['**/[0-9][0-9][0-9]_*.{txt,text}']), true);
  assert.equal(matchesAny('x/a_1.text', ['**/?_1.{txt,text}']), true);
  assert.equal(matchesAny('x/ab_1.txt', ['**/?_1.txt']), false);
});
test('Arabic folder names and special characters are literal', () => {
  assert.equal(matchesAny('أخبار/مصر (2024)/أ.txt', ['أخبار/**/*.txt']), true);
  assert.equal(globToRegExp('a+b/*.txt').test('a+b/c.txt'), true);
});

test('matchesAny answers as the compiled regular expression, on the shapes it tests without one and the others', () => {
  const globs = ['**/*.txt', '*.txt', 'node_modules', '.git', '**/dist', 'build', '**/*.tar.gz', '*.(1)', 'a+b', 'corpus/*.txt', '**/out/**', '**/*', '**/a?c', '**/{x,y}.txt', 'docs/**/*.md', './notes.txt', 'x\\y'];
  const paths = ['a.txt', '.txt', 'b/a.txt', 'a.txt/b', 'a.txt.bak', 'node_modules', 'a/node_modules', 'a/node_modules/', 'xnode_modules', 'node_modules/a', '.git', 'a/.git', 'a/xgit', 'dist', 'a/b/dist', 'dist2', 'build', 'rebuild', 'a/f.tar.gz', 'f.gz', 'f.(1)', 'a/b.(1)', 'a+b', 'c/a+b', 'aab', 'corpus/a.txt', 'corpus/b/a.txt', 'out/a', 'a/out/b', 'abc', 'a/abc', 'x.txt', 'y/x.txt', 'docs/a/b.md', 'notes.txt', 'x/y', 'خبر.txt', 'أخبار/dist', ''];
  for (const g of globs) {
    const re = globToRegExp(g);
    for (const p of paths) assert.equal(matchesAny(p, [g]), re.test(p.replace(/\\/g, '/')), `${g} on ${JSON.stringify(p)}`);
  }
  assert.equal(matchesAny('a\\b\\c.txt', ['**/*.txt']), true, 'backslashes are slashes');
});

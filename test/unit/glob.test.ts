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

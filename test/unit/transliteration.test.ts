import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transliterationEligible, transliterationKey } from '../../server/src/core/corpus/index';

test('multi-word names and long words fold /g/, /v/ and /p/ letters', () => {
  assert.equal(transliterationKey('بيونج يانج'), transliterationKey('بيونغ يانغ'));
  assert.equal(transliterationKey('كيم جونج أون'), transliterationKey('كيم جونغ اون'));
  assert.equal(transliterationKey('فيكتوريا'), transliterationKey('ڤيكتوريا'));
  assert.equal(transliterationKey('پاكستان'), transliterationKey('باكستان'));
  assert.equal(transliterationKey('جوجل'), undefined, 'four letters: too short to be sure');
});
test('ordinary words are left apart', () => {
  assert.equal(transliterationEligible('غرب'), false);
  assert.equal(transliterationEligible('الغاز'), false, 'ال does not count');
  assert.notEqual(transliterationKey('بيونج يانج'), transliterationKey('بيونج يانا'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

test('expectTransfers detaches a buffer at once, so the first reply of a worker does not throw optimised code away', () => {
  // V8 reports the protector it invalidates with --trace-protector-invalidation (on stdout).
  const module = JSON.stringify(path.join(__dirname, '../../server/src/transfers.js'));
  const run = (call: string): string => {
    const r = spawnSync(process.execPath, ['--trace-protector-invalidation', '-e', `const { expectTransfers } = require(${module}); ${call}; console.log('done');`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const called = run('expectTransfers(); expectTransfers()');
  assert.match(called, /Invalidating protector cell ArrayBufferDetaching[\s\S]*done/);
  assert.doesNotMatch(run('void expectTransfers'), /ArrayBufferDetaching/, 'nothing detaches a buffer before the call');
});

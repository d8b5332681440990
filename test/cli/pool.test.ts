/** The worker pool's memory policy: the young generation of its workers by the size of the run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { LEAN_RUN_FILES, youngGenerationMb } from '../../server/src/cli/pool';

test('a large run gives its workers a smaller young generation than a small one', () => {
  assert.equal(youngGenerationMb(0), 16);
  assert.equal(youngGenerationMb(LEAN_RUN_FILES - 1), 16);
  assert.equal(youngGenerationMb(LEAN_RUN_FILES), 8);
  assert.equal(youngGenerationMb(200_000), 8);
});

/** The most memory a worker with that young generation gives its new space, after allocating a lot of short- and some long-lived objects. */
function newSpaceMb(youngMb: number): Promise<number> {
  const code = `
    const v8 = require('node:v8');
    const keep = [];
    for (let i = 0; i < 400000; i++) {
      const o = { i, s: 'خبر ' + i, a: [i, i + 1] };
      if (i % 4 === 0) keep.push(o);
    }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    require('node:worker_threads').parentPort.postMessage(space.physical_space_size + keep.length * 0);
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
    w.once('message', (bytes: number) => {
      resolve(bytes / 1048576);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

test('V8 keeps a worker new space within the young generation it was given', async () => {
  const lean = await newSpaceMb(youngGenerationMb(LEAN_RUN_FILES));
  const fast = await newSpaceMb(youngGenerationMb(0));
  assert.ok(lean <= 8, `lean: ${lean} MB`);
  assert.ok(fast <= 16, `fast: ${fast} MB`);
  assert.ok(lean < fast, `lean ${lean} MB, fast ${fast} MB`);
});

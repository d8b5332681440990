import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TableSlab } from '../../server/src/cli/corpusIndex';

test('the phrase-table slab keeps each run apart, spans chunks, and drops only chunks left behind', () => {
  const slab = new TableSlab(16);
  // Runs of 5 ints: three fit a chunk of 16, the fourth starts a new one; a run longer than a
  // chunk gets a chunk of its own size.
  const runs: { chunk: number; at: number; size: number; fill: number }[] = [];
  for (const [size, fill] of [
    [5, 1],
    [5, 2],
    [5, 3],
    [5, 4],
    [40, 5],
    [5, 6],
  ] as const) {
    const { chunk, at } = slab.alloc(size);
    slab.view(chunk, at, size).fill(fill);
    runs.push({ chunk, at, size, fill });
  }
  assert.deepEqual(
    runs.map((r) => [r.chunk, r.at]),
    [
      [0, 0],
      [0, 5],
      [0, 10],
      [1, 0],
      [2, 0],
      [3, 0],
    ],
  );
  for (const r of runs) assert.deepEqual([...slab.view(r.chunk, r.at, r.size)], new Array(r.size).fill(r.fill), `run ${r.fill}`);
  // Reading in the order the runs were written, a run's chunk releases the chunks before it.
  slab.releaseBefore(2);
  assert.equal(slab.held, 2);
  assert.deepEqual([...slab.view(2, 0, 40)], new Array(40).fill(5));
  assert.throws(() => slab.view(0, 0, 5), /released/);
  slab.releaseBefore(3);
  assert.equal(slab.held, 1);
});

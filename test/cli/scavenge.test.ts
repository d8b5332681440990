import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERIAL_SCAVENGE_FLAG, serialScavengesWhenBusy } from '../../server/src/cli/scavenge';

test('scavenges are made serial only when the workers occupy every core', () => {
  const calls: string[] = [];
  const set = (flags: string): void => {
    calls.push(flags);
  };
  // A worker on each of two cores, or more workers than cores: serial.
  assert.equal(serialScavengesWhenBusy(2, 2, set), true);
  assert.equal(serialScavengesWhenBusy(8, 4, set), true);
  assert.deepEqual(calls, [SERIAL_SCAVENGE_FLAG, SERIAL_SCAVENGE_FLAG]);
  // Idle cores left, or no worker pool at all (the main thread checks alone): V8's default.
  assert.equal(serialScavengesWhenBusy(2, 8, set), false);
  assert.equal(serialScavengesWhenBusy(1, 1, set), false);
  assert.equal(calls.length, 2);
  // A runtime that refuses the flag: the run goes on with its defaults.
  assert.equal(
    serialScavengesWhenBusy(2, 2, () => {
      throw new Error('unknown flag');
    }),
    false,
  );
});

test('V8 takes the flag in a running process and its workers then collect garbage normally', () => {
  // Some GC flags abort the process when set after start (--single-threaded-gc does): this one
  // must not, with a worker started after it and both threads allocating enough for scavenges
  // and a full collection.
  const script = `
    const v8 = require('node:v8');
    const { Worker } = require('node:worker_threads');
    v8.setFlagsFromString(${JSON.stringify(SERIAL_SCAVENGE_FLAG)});
    // Short-lived objects (scavenges), and a long-lived array large enough for a full collection.
    const churn = 'let keep = []; for (let i = 0; i < 1500000; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 400000) keep = []; }';
    const w = new Worker(churn + ' require("node:worker_threads").parentPort.postMessage("done")', { eval: true });
    w.on('message', (m) => { eval(churn); console.log(m === 'done' ? 'ok' : 'bad'); w.terminate(); });
  `;
  const r = spawnSync(process.execPath, ['--trace-gc', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ok$/m);
  // Both isolates scavenged and ran a full collection (the trace names each isolate by its address).
  for (const kind of ['Scavenge', 'Mark-Compact']) {
    const isolates = new Set([...r.stdout.matchAll(new RegExp(`^\\[\\d+:(0x[0-9a-f]+)\\]\\s+\\d+ ms: ${kind}`, 'gm'))].map((m) => m[1]));
    assert.ok(isolates.size >= 2, `${kind} in ${isolates.size} isolate(s):\n${r.stdout.slice(0, 2000)}`);
  }
});

/**
 * How much TurboFan inlines into a function it optimises. A run of the command line is mostly
 * warm-up: each worker thread is its own V8 isolate and compiles the parser and the rules for
 * itself, on the same two cores that run the checks. The parser's large functions, with V8's
 * default budget (460 bytes of bytecode per inlined function), take about 90 ms each to
 * compile. With 150 the compiles are cheaper and the code is hardly slower:
 * `npm run bench:cli` (10,000 files) ran in 2.92 s instead of 3.12 s (median of 6 interleaved
 * runs), and 100,000 files took as long as before.
 *
 * V8 reads the flag at each optimisation, and worker threads share the process's flags, so
 * setting it first thing in the entry point covers every thread of the run.
 */
import * as v8 from 'node:v8';

/** The largest function, in bytes of bytecode, that TurboFan inlines. */
export const MAX_INLINED_BYTECODE_SIZE = 150;

/** Sets the inlining budget of this process (call once, first thing). Never throws. */
export function limitInlining(): void {
  try {
    v8.setFlagsFromString(`--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE_SIZE}`);
  } catch {
    // Another runtime: keep its defaults.
  }
}

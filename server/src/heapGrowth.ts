/**
 * How far V8 lets the heap grow past what the last full garbage collection kept. By default
 * it may grow it up to four times when the program allocates fast, which indexing 100,000
 * files does: the command line then peaked at 1.1-1.2 GB for about 300 MB of live data.
 * Growing by a fifth at most, the same run peaked at 680-740 MB and took no longer, because
 * the full collections stay small and mostly run alongside the program.
 *
 * `--heap-growing-percent` is read each time V8 sets the next limit, so setting it when the
 * process starts works for an entry point that cannot choose its own node flags (a `bin`
 * script, a server started by any editor). Worker threads share the process's flags.
 */
import * as v8 from 'node:v8';

/** The growth allowed after a full collection, in percent of what it kept. */
export const HEAP_GROWING_PERCENT = 20;

/** Sets the heap growth of this process (call once, first thing in an entry point). Never throws. */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.floor(percent))}`);
  } catch {
    // Another runtime: keep its defaults.
  }
}

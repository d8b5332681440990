/**
 * Whether V8 collects the young generation with helper threads. By default each scavenge of
 * each isolate (the main thread and every worker) is split into parallel tasks on V8's thread
 * pool. When the run keeps a worker thread busy on every core, those tasks have no idle core to
 * run on: they wait behind the workers and the optimising compiler, and the scavenge waits for
 * them. Scavenging on the collecting thread alone was faster in interleaved runs on this 2-core
 * machine: 10,000 files 3.46 → 3.35 s (median of 12 pairs), 100,000 files faster in each of
 * three pairs (28.1 / 33.0 / 30.2 → 27.6 / 29.4 / 28.8 s). The same flag given on the command
 * line in an earlier trial: 3.16 → 3.10 s, faster in 10 pairs of 12.
 *
 * V8 reads the flag at each scavenge and worker threads share the process's flags, so setting
 * it before the workers start covers every thread of the run. (`--single-threaded-gc`, which
 * also stops concurrent marking, cannot be set once the process runs: V8 aborts.)
 */
import * as v8 from 'node:v8';
import { defaultJobs } from './args';

/** The flag that keeps each scavenge on its own thread. */
export const SERIAL_SCAVENGE_FLAG = '--no-parallel-scavenge';

/**
 * Makes scavenges serial when `workers` threads occupy every one of `cores` (call before the
 * workers start). Returns whether it did. Never throws.
 */
export function serialScavengesWhenBusy(workers: number, cores = defaultJobs(), setFlags: (flags: string) => void = v8.setFlagsFromString): boolean {
  if (workers < 2 || workers < cores) return false;
  try {
    setFlags(SERIAL_SCAVENGE_FLAG);
    return true;
  } catch {
    // Another runtime: keep its defaults.
    return false;
  }
}

/**
 * Long loops on the server's thread (indexing, listing, the workspace's diagnostics, corpus
 * requests) give the event loop a turn every few milliseconds, so that a request waits at most
 * one slice behind them.
 */

/**
 * The longest a loop runs before letting requests in. A request also waits behind the
 * collector, whose pauses on the server's thread while it indexes 100,000 articles reach 10-25
 * ms (a scavenge, then a step of marking); with 5 ms slices the longest wait in the corpus bench
 * was over 50 ms in most runs, with 2 ms in one of six, at the same index time.
 */
export const SLICE_MS = 2;

/** Resolves after the event loop has had a turn (I/O callbacks included; a microtask is not enough). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A loop's time slice: `due` when it is used up; `next()` yields and starts a new one. */
export class TimeSlice {
  private start = Date.now();

  constructor(private readonly ms: number = SLICE_MS) {}

  get due(): boolean {
    return Date.now() - this.start >= this.ms;
  }

  async next(): Promise<void> {
    await yieldToEventLoop();
    this.start = Date.now();
  }

  /** Yields when the slice is used up; says whether it did. */
  async yieldIfDue(): Promise<boolean> {
    if (!this.due) return false;
    await this.next();
    return true;
  }
}

/** Running batches concurrently and handing their results over in order (used by the command line and the corpus index). */

/**
 * Runs `count` batches through `run` with up to `concurrency` in flight and hands the results to
 * `deliver` in batch order. At most `window` batches are dispatched ahead of the next one to
 * deliver, which bounds what waits in memory. Rejects on the first failure.
 */
export function runOrdered<R>(count: number, concurrency: number, window: number, run: (batch: number) => Promise<R>, deliver: (result: R, batch: number) => void | Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (count === 0) {
      resolve();
      return;
    }
    const ready = new Map<number, R>();
    let next = 0;
    let inFlight = 0;
    let delivered = 0;
    let delivering = false;
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const pump = (): void => {
      while (!failed && inFlight < concurrency && next < count && next - delivered < window) {
        const b = next++;
        inFlight++;
        run(b).then(
          (r) => {
            inFlight--;
            ready.set(b, r);
            void drain();
          },
          (e) => fail(e),
        );
      }
    };
    const drain = async (): Promise<void> => {
      if (delivering || failed) return;
      delivering = true;
      try {
        while (ready.has(delivered)) {
          const r = ready.get(delivered)!;
          ready.delete(delivered);
          await deliver(r, delivered);
          delivered++;
          pump();
        }
      } catch (e) {
        fail(e);
        return;
      } finally {
        delivering = false;
      }
      if (delivered === count) resolve();
      else pump();
    };
    pump();
  });
}

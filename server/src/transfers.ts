/**
 * Transferring an ArrayBuffer to another thread detaches it, and the first detach in a thread
 * invalidates one of V8's protector cells ("ArrayBufferDetaching"): every optimised function
 * that reads a typed array was compiled on the promise that no buffer is ever detached, and is
 * thrown away at that moment, to be compiled again with the checks. In a worker that sends its
 * results as transferred buffers, the first batch's reply threw away the optimised parser,
 * normaliser, shingles and phrase tables (21 functions in each CLI worker).
 *
 * Detaching an empty buffer when the thread starts, before anything is optimised, breaks that
 * promise at no cost: code is compiled once, with the checks it would end up with anyway.
 */

/** Call first thing in a thread that will transfer buffers. Never throws. */
export function expectTransfers(): void {
  try {
    const buffer = new ArrayBuffer(0);
    structuredClone(buffer, { transfer: [buffer] });
  } catch {
    // A runtime without transfer: nothing will be detached either.
  }
}

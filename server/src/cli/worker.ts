/** The worker thread side: a {@link FileChecker} answering the main thread's batches. */
import { parentPort } from 'node:worker_threads';
import { type CheckerOptions, FileChecker } from './check';
import type { FromWorker, ToWorker } from './pool';
import { packEntries, transferables } from '../core/corpus/wire';

/** Serves batches until the main thread terminates the worker. */
export function serveWorker(options: CheckerOptions): void {
  const port = parentPort;
  if (!port) return;
  const checker = new FileChecker(options);
  port.on('message', (m: ToWorker) => {
    let reply: FromWorker;
    let transfer: ArrayBuffer[] = [];
    try {
      switch (m.type) {
        case 'index': {
          // Packed (core/corpus/wire.ts): the buffers move to the main thread without a copy.
          const packed = packEntries(m.files.map((f) => checker.index(f)));
          transfer = transferables(packed);
          reply = { id: m.id, ok: true, result: packed };
          break;
        }
        case 'load':
          checker.load(m.snapshot);
          reply = { id: m.id, ok: true, result: null };
          break;
        case 'check':
          reply = { id: m.id, ok: true, result: m.items.map((i) => checker.check(i)) };
          break;
        default:
          reply = { id: (m as { id: number }).id, ok: false, error: 'unknown request' };
      }
    } catch (e) {
      reply = { id: m.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    port.postMessage(reply, transfer);
  });
}

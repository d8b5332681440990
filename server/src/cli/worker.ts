/** The worker thread side: a {@link FileChecker} answering the main thread's batches. */
import { parentPort } from 'node:worker_threads';
import { type CheckerOptions, FileChecker } from './check';
import type { FromWorker, ToWorker } from './pool';
import { packEntries, transferables } from '../core/corpus/wire';
import type { PortableCorpus } from '../core/corpus/portable';
import { type ExportJob, exportRecord, packScans, scanForExport, scanTransferables } from './exportWork';
import { expectTransfers } from '../transfers';

/** Serves batches until the main thread terminates the worker. */
export function serveWorker(options: CheckerOptions): void {
  const port = parentPort;
  if (!port) return;
  // Replies transfer their buffers: detach one now, before anything is optimised (transfers.ts).
  expectTransfers();
  const checker = new FileChecker(options);
  let exportState: { corpus: PortableCorpus; job: ExportJob } | undefined;
  port.on('message', (m: ToWorker) => {
    let reply: FromWorker;
    let transfer: ArrayBuffer[] = [];
    try {
      switch (m.type) {
        case 'index': {
          // Packed (core/corpus/wire.ts): the buffers move to the main thread without a copy.
          const packed = packEntries(m.files.map((f) => checker.index(f, m.uriPrefix)));
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
        case 'exportScan': {
          const packed = packScans(m.files.map((f) => scanForExport(f.abs, f.id, checker.configFor(f.abs))));
          transfer = scanTransferables(packed);
          reply = { id: m.id, ok: true, result: packed };
          break;
        }
        case 'exportLoad':
          exportState = { corpus: m.corpus, job: m.job };
          reply = { id: m.id, ok: true, result: null };
          break;
        case 'exportRecords': {
          const state = exportState;
          if (!state) throw new Error('exportRecords before exportLoad');
          reply = { id: m.id, ok: true, result: m.items.map((i) => exportRecord(i, checker.configFor(i.abs), state.corpus, state.job)) };
          break;
        }
        default:
          reply = { id: (m as { id: number }).id, ok: false, error: 'unknown request' };
      }
    } catch (e) {
      reply = { id: m.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    port.postMessage(reply, transfer);
  });
}

/**
 * `arabic-news-lint`: the checks of the editor from the command line (docs/cli.md). This file
 * is the bundle's entry (dist/cli.js); the same bundle runs as a worker thread when started
 * with the worker mark.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { limitHeapGrowth } from '../heapGrowth';
import { runExport } from './export';
import { limitInlining } from './inlining';
import { WORKER_MARK } from './pool';
import { runCli } from './run';
import { serveWorker } from './worker';

if (!isMainThread && workerData && (workerData as Record<string, unknown>)[WORKER_MARK]) {
  serveWorker((workerData as { options: Parameters<typeof serveWorker>[0] }).options);
} else {
  limitHeapGrowth();
  limitInlining();
  const argv = process.argv.slice(2);
  const io = { argv, cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, workerScript: __filename };
  // `arabic-news-lint export …`: the dataset export (a folder named export is given as ./export).
  (argv[0] === 'export' ? runExport({ ...io, argv: argv.slice(1) }) : runCli(io)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`arabic-news-lint: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * Running the checks: inline on the main thread, or in worker threads that receive batches of
 * file paths (never texts) and send back each file's formatted output and counts. Results are
 * handed over in file order through a bounded reorder window, so memory stays flat whatever
 * the corpus size.
 */
import { Worker } from 'node:worker_threads';
import { type CheckerOptions, type CheckItem, FileChecker, type FileResult } from './check';
import type { CorpusSnapshot, IndexEntry } from './corpusIndex';
import { type PackedEntries, unpackEntries } from '../core/corpus/wire';
import type { PortableCorpus } from '../core/corpus/portable';
import { type ExportItem, type ExportJob, type ExportOutcome, exportRecord, type ExportScan, type PackedScans, scanForExport, unpackScans } from './exportWork';
import { serialScavengesWhenBusy } from './scavenge';

/** What the main thread asks of the checkers. */
export interface Runner {
  /** Index pass: each file's entry (undefined for a skipped file). */
  index(files: readonly string[], uriPrefix: string): Promise<(IndexEntry | undefined)[]>;
  /** Hands the corpus snapshot to every checker. */
  load(snapshot: CorpusSnapshot): Promise<void>;
  /** Report pass: checks a batch. */
  check(items: readonly CheckItem[]): Promise<FileResult[]>;
  /** How many batches to keep in flight. */
  readonly concurrency: number;
  close(): Promise<void>;
}

/** What `export` asks of the checkers (exportWork.ts). */
export interface ExportRunner {
  /** Pass 1: each file's scan (`id`: its record id). */
  scan(files: readonly { readonly abs: string; readonly id: string }[]): Promise<ExportScan[]>;
  /** Hands the corpus answers and the options of pass 2 to every checker. */
  loadExport(corpus: PortableCorpus, job: ExportJob): Promise<void>;
  /** Pass 2: each file's record, or why it is left out. */
  records(items: readonly ExportItem[]): Promise<ExportOutcome[]>;
  /** How many batches to keep in flight. */
  readonly concurrency: number;
  close(): Promise<void>;
}

/** Runs everything on the main thread (`--jobs 1`, or small runs). */
export class InlineRunner implements Runner, ExportRunner {
  readonly concurrency = 1;
  readonly checker: FileChecker;
  constructor(options: CheckerOptions) {
    this.checker = new FileChecker(options);
  }
  async index(files: readonly string[], uriPrefix: string): Promise<(IndexEntry | undefined)[]> {
    // Copied, as a worker's answer is by crossing threads, so that no summary keeps its file's text alive.
    return files.map((f) => structuredClone(this.checker.index(f, uriPrefix)));
  }
  async load(snapshot: CorpusSnapshot): Promise<void> {
    this.checker.load(snapshot);
  }
  async check(items: readonly CheckItem[]): Promise<FileResult[]> {
    return items.map((i) => this.checker.check(i));
  }
  private exportState: { corpus: PortableCorpus; job: ExportJob } | undefined;
  async scan(files: readonly { readonly abs: string; readonly id: string }[]): Promise<ExportScan[]> {
    return files.map((f) => scanForExport(f.abs, f.id, this.checker.configFor(f.abs)));
  }
  async loadExport(corpus: PortableCorpus, job: ExportJob): Promise<void> {
    this.exportState = { corpus, job };
  }
  async records(items: readonly ExportItem[]): Promise<ExportOutcome[]> {
    const state = this.exportState;
    if (!state) throw new Error('records before loadExport');
    return items.map((i) => exportRecord(i, this.checker.configFor(i.abs), state.corpus, state.job));
  }
  async close(): Promise<void> {}
}

/** Requests to a worker. */
export type Request =
  | { readonly type: 'index'; readonly files: readonly string[]; readonly uriPrefix: string }
  | { readonly type: 'load'; readonly snapshot: CorpusSnapshot }
  | { readonly type: 'check'; readonly items: readonly CheckItem[] }
  | { readonly type: 'exportScan'; readonly files: readonly { readonly abs: string; readonly id: string }[] }
  | { readonly type: 'exportLoad'; readonly corpus: PortableCorpus; readonly job: ExportJob }
  | { readonly type: 'exportRecords'; readonly items: readonly ExportItem[] };

/** Messages to a worker. */
export type ToWorker = Request & { readonly id: number };

/** Messages from a worker. */
export type FromWorker = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** Files in a pass from which a run keeps its workers' young generations small. */
export const LEAN_RUN_FILES = 20_000;

/**
 * The young generation of each worker's heap, in MB, for a run whose passes handle
 * `filesPerPass` files. Smaller than V8's default (32 MB of semi-spaces), which keeps the
 * resident memory of a long run lower. V8 sizes the semi-spaces in powers of two: 16 MB gives
 * two of 8 MB, 8 MB two of 4. The smaller costs about 4% of CPU (more scavenges) and saves
 * about 35 MB at 100,000 files (bench/cli-bench.ts): taken from {@link LEAN_RUN_FILES} files
 * on, where the corpus index makes memory the run's limit; a smaller run is short and far
 * below any memory limit, and keeps the speed.
 */
export function youngGenerationMb(filesPerPass: number): number {
  return filesPerPass >= LEAN_RUN_FILES ? 8 : 16;
}

/** The marker in `workerData` that makes the entry script run as a worker. */
export const WORKER_MARK = 'arabicNewsLintWorker';

interface Slot {
  readonly worker: Worker;
  inFlight: number;
}

/** A pool of worker threads running {@link FileChecker}s. */
export class WorkerPool implements Runner, ExportRunner {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | undefined;
  readonly concurrency: number;

  constructor(script: string, size: number, options: CheckerOptions, youngMb = youngGenerationMb(0)) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: { [WORKER_MARK]: true, options }, resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
      const slot: Slot = { worker, inFlight: 0 };
      worker.on('message', (m: FromWorker) => {
        slot.inFlight--;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(m.error));
      });
      worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker thread exited with code ${code}`));
      });
      this.slots.push(slot);
    }
    this.concurrency = size * 2;
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private send<T>(message: Request, slot?: Slot): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const target = slot ?? this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      target.inFlight++;
      target.worker.postMessage({ ...message, id });
    });
  }

  async index(files: readonly string[], uriPrefix: string): Promise<(IndexEntry | undefined)[]> {
    const packed = await this.send<PackedEntries>({ type: 'index', files, uriPrefix });
    return unpackEntries(packed).map((e) => e ?? undefined);
  }

  async load(snapshot: CorpusSnapshot): Promise<void> {
    await Promise.all(this.slots.map((s) => this.send({ type: 'load', snapshot }, s)));
  }

  check(items: readonly CheckItem[]): Promise<FileResult[]> {
    return this.send({ type: 'check', items });
  }

  async scan(files: readonly { readonly abs: string; readonly id: string }[]): Promise<ExportScan[]> {
    return unpackScans(await this.send<PackedScans>({ type: 'exportScan', files }));
  }

  async loadExport(corpus: PortableCorpus, job: ExportJob): Promise<void> {
    await Promise.all(this.slots.map((s) => this.send({ type: 'exportLoad', corpus, job }, s)));
  }

  records(items: readonly ExportItem[]): Promise<ExportOutcome[]> {
    return this.send({ type: 'exportRecords', items });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}

/** Fewer files than this per worker are handled on the main thread (starting a worker costs more). */
const FILES_PER_WORKER = 200;

/**
 * The runner of a run whose passes each handle `filesPerPass` files: up to `jobs` worker threads,
 * or the main thread when the run is small; and a checker for the main thread's own look-ups
 * (configurations, the duplicate threshold, the markers to re-read a twin).
 */
export function startRunner(workerScript: string, jobs: number, filesPerPass: number, options: CheckerOptions): { runner: InlineRunner | WorkerPool; checker: FileChecker } {
  const workers = Math.min(jobs, Math.ceil(filesPerPass / FILES_PER_WORKER));
  if (workers <= 1) {
    const runner = new InlineRunner(options);
    return { runner, checker: runner.checker };
  }
  serialScavengesWhenBusy(workers);
  return { runner: new WorkerPool(workerScript, workers, options, youngGenerationMb(filesPerPass)), checker: new FileChecker(options) };
}

/**
 * Worker threads for the corpus index: each reads and parses batches of files and answers
 * their index entries (indexWorker.ts). Parsing is most of the cost of indexing; in workers it
 * runs on every core and leaves the server's thread free to answer requests while a corpus of
 * 100,000 files is indexed. When workers cannot start (no script next to this one, a host that
 * forbids threads), the host indexes on its own thread instead.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IndexJob, IndexJobReply, IndexJobResult } from './indexWorker';
import { unpackEntries } from './core/corpus/wire';

/** Most worker threads started. */
const MAX_THREADS = 4;

/** How many index threads to start: one per core, at most four. */
export function defaultIndexThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_THREADS, cores));
}

/** The worker script: indexWorker.js next to this module (dist/ in the bundle, out/server/src in tests). */
export function indexWorkerScript(): string | undefined {
  const script = path.join(__dirname, 'indexWorker.js');
  return fs.existsSync(script) ? script : undefined;
}

/**
 * The young generation of an index worker, in MB. A worker's garbage is one file's parse at a
 * time, and little of it survives; 8 MB instead of 16 keeps each worker's heap about 16 MB
 * smaller for the same work.
 */
const INDEX_WORKER_YOUNG_MB = 8;

interface Slot {
  readonly worker: Worker;
  inFlight: number;
}

/** A pool of index workers. */
export class IndexPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (r: IndexJobResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | undefined;

  private constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: INDEX_WORKER_YOUNG_MB } });
      const slot: Slot = { worker, inFlight: 0 };
      worker.on('message', (m: IndexJobReply) => {
        slot.inFlight--;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error !== undefined || !m.packed) {
          p.reject(new Error(m.error ?? 'no entries'));
          return;
        }
        // Unpacked when first read (see CorpusHost.indexFiles); a batch that is not what
        // packEntries made throws there, which the host treats as a failed worker.
        const packed = m.packed;
        let entries: IndexJobResult['entries'];
        p.resolve({
          id: m.id,
          get entries() {
            return (entries ??= unpackEntries(packed));
          },
        });
      });
      worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`an index worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  /** Starts a pool, or undefined when threads are not available. */
  static start(size = defaultIndexThreads(), script = indexWorkerScript()): IndexPool | undefined {
    if (!script || size < 1) return undefined;
    try {
      return new IndexPool(script, size);
    } catch {
      return undefined;
    }
  }

  /** How many batches to keep in flight. */
  get concurrency(): number {
    return this.slots.length * 2;
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Indexes a batch in the least busy worker. */
  run(job: Omit<IndexJob, 'id'>): Promise<IndexJobResult> {
    if (this.failed) return Promise.reject(this.failed);
    const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    return new Promise<IndexJobResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.inFlight++;
      slot.worker.postMessage({ ...job, id });
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.fail(new Error('index pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}

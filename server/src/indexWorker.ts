/**
 * The language server's index worker thread: reads article files and turns each into its index
 * entry (core/corpus/entry.ts), so that the server's own thread only adds entries to the index
 * and stays free to answer requests. Started by {@link IndexPool} (indexPool.ts) from its own
 * bundle, dist/indexWorker.js.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type IndexEntry, indexEntry } from './core/corpus/entry';
import { type PackedEntries, packEntries, transferables } from './core/corpus/wire';
import { parseArticle } from './core/parse/article';
import type { MarkerTokens } from './core/parse/markers';
import { looksLikeArticle } from './core/parse/sniff';
import { expectTransfers } from './transfers';

/** Largest article file indexed, in bytes (as CorpusHost.readFile). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** One file to index, with the parts of its configuration that parsing needs. */
export interface IndexJobFile {
  readonly path: string;
  readonly uri: string;
  readonly config: number;
}

/** A batch of files. */
export interface IndexJob {
  readonly id: number;
  /** Parsing options, referred to by index from the files. */
  readonly configs: readonly { readonly markers: MarkerTokens; readonly keywordSeparators?: readonly string[] }[];
  readonly files: readonly IndexJobFile[];
}

/** Per file: its entry, or null when the file is gone, too large, binary, unreadable or not an article. */
export interface IndexJobResult {
  readonly id: number;
  readonly entries?: (IndexEntry | null)[];
  readonly error?: string;
}

/** What a worker posts: the entries packed (core/corpus/wire.ts), or the error. */
export interface IndexJobReply {
  readonly id: number;
  readonly packed?: PackedEntries;
  readonly error?: string;
}

/**
 * The buffer files are read into, reused from file to file (grown as needed): a fresh buffer per
 * file cost an allocation outside the heap and work for the collector each time. The text
 * decoded from it is a new string that keeps no reference to it.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Reads a file as the corpus host does: undefined when gone, too large, binary or unreadable. */
export function readArticleFileSync(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // One open and one fstat (not a stat by path, then readFileSync's own open and fstat).
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    if (scratch.length < stat.size) scratch = Buffer.allocUnsafe(Math.max(stat.size, scratch.length * 2));
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, scratch, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = scratch.subarray(0, read);
    if (bytes.includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closing cannot fail in a way that matters here.
      }
    }
  }
}

/** Indexes one batch. Never throws for one file: a file that fails is null. */
export function runIndexJob(job: IndexJob): IndexJobResult {
  const entries = job.files.map((f) => {
    try {
      const text = readArticleFileSync(f.path);
      const config = job.configs[f.config];
      if (text === undefined || !config || !looksLikeArticle(text, config.markers)) return null;
      const article = parseArticle(text, { markers: config.markers, keywordSeparators: config.keywordSeparators });
      return indexEntry(f.uri, article).entry;
    } catch {
      return null;
    }
  });
  return { id: job.id, entries };
}

/**
 * The nice value of an index worker thread. On Linux a thread has its own priority, and
 * `setpriority` on "process 0" sets the calling thread's (on Linux only): the workers then take the processor
 * only when the server's own thread (and the editor) do not want it, so a request that arrives
 * while indexing is answered first instead of waiting for the scheduler to come round.
 */
export const WORKER_NICE = 10;

if (parentPort) {
  // Replies transfer their buffers: detach one now, before anything is optimised (transfers.ts).
  expectTransfers();
  try {
    // Elsewhere (macOS, Windows) the call would lower the whole server's priority.
    if (process.platform === 'linux') os.setPriority(WORKER_NICE);
  } catch {
    // Not allowed or not supported here: index at the normal priority.
  }
  const port = parentPort;
  port.on('message', (job: IndexJob) => {
    let reply: IndexJobReply;
    try {
      const result = runIndexJob(job);
      reply = { id: result.id, packed: packEntries(result.entries ?? []) };
    } catch (e) {
      reply = { id: job?.id ?? -1, error: e instanceof Error ? e.message : String(e) };
    }
    // The packed buffers move to the server's thread without a copy.
    port.postMessage(reply, reply.packed ? transferables(reply.packed) : []);
  });
}

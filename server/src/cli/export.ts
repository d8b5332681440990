/**
 * `arabic-news-lint export`: a corpus as a JSON Lines dataset (docs/cli.md, "Exporting a
 * dataset"). Two streamed passes over the files: (1) every article is summarised into the
 * core's corpus index (a MinHash signature and a few strings, never the text), near-duplicate
 * pairs are confirmed by exact Jaccard and joined into groups (union-find); (2) every file is
 * read again, checked (with the corpus context), optionally cleaned with the safe fixes, and
 * written as one record to its split. Memory holds the summaries, not the texts.
 *
 * The per-file work of both passes (exportWork.ts) runs in worker threads (`--jobs`); this
 * thread keeps the index, the groups and the output files, and hands the workers the index's
 * answers as data (core/corpus/portable.ts). The output does not depend on the thread count.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { articleShingles } from '../core/corpus/context';
import { duplicateThreshold } from '../core/corpus/batch';
import { CorpusIndex } from '../core/corpus/index';
import { portableArticle, portableCorpus } from '../core/corpus/portable';
import { jaccard } from '../core/corpus/shingles';
import { parseArticle } from '../core/parse/article';
import { RULES } from '../core/rules/index';
import { localize } from '../core/types';
import { runOrdered } from '../ordered';
import { type CheckerOptions, FileChecker, MAX_FILE_BYTES } from './check';
import { type ExportOptions, exportHelpText, parseExportArgs } from './exportArgs';
import type { ExportItem, ExportOutcome, ExportScan } from './exportWork';
import { expandPatterns, readDecoded, relativePath } from './files';
import { type ExportRunner, startRunner } from './pool';
import { checkConfigFile, type CliIo, EXIT_FAILURE, EXIT_OK, packageVersion } from './run';

export { compactSummary, type ExportRecord, toRecord } from './exportRecord';

/** Why a file is not in the dataset. */
export type SkipReason = 'not an article' | 'errors' | 'duplicate' | 'unreadable';
const SKIP_REASONS: readonly SkipReason[] = ['not an article', 'errors', 'duplicate', 'unreadable'];

/** Shingle sets kept for the exact Jaccard of candidate pairs (re-read from disk beyond this). */
const SHINGLE_CACHE = 512;

/** An article of pass 1: what is kept of it until pass 2. */
interface Entry {
  readonly abs: string;
  readonly id: string;
  /** Group parent (union-find). */
  parent: number;
}

/** The id of a file: its path relative to the corpus root, without `.txt`, with `/`. */
export function recordId(abs: string, root: string): string {
  const rel = relativePath(abs, root);
  return rel.toLowerCase().endsWith('.txt') ? rel.slice(0, -4) : rel;
}

/** The file of a split: the name inserted before the extension (`out.jsonl` → `out.train.jsonl`). */
export function splitFile(out: string, split: string): string {
  const ext = path.extname(out);
  return ext ? `${out.slice(0, -ext.length)}.${split}${ext}` : `${out}.${split}`;
}

/** A number in [0, 1) from the seed and a group's representative id (SHA-256, 48 bits). */
export function splitPoint(seed: number, key: string): number {
  const h = createHash('sha256').update(`${seed}\u0000${key}`, 'utf8').digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

/** The split a point falls into, by cumulative shares. */
export function splitOf(shares: readonly { name: string; fraction: number }[], point: number): string {
  let acc = 0;
  for (const s of shares) {
    acc += s.fraction;
    if (point < acc) return s.name;
  }
  return shares[shares.length - 1]!.name;
}

/** Characters of records gathered before one write (fewer system calls than a write per record). */
const WRITE_CHUNK = 1 << 16;
/** Files per batch sent to a worker. */
const BATCH = 64;

/** Raised by a writer: the output cannot be written (as opposed to a failure of the run). */
class WriteError extends Error {}

/** An output file written through a temporary name, hashed as it is written. */
class JsonlWriter {
  readonly tmp: string;
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  records = 0;
  bytes = 0;
  sha256 = '';

  constructor(readonly file: string) {
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    this.fd = fs.openSync(this.tmp, 'w');
  }

  private pending: string[] = [];
  private pendingLength = 0;

  /** Appends one record, given as a line of JSON without its line break. */
  writeLine(json: string): void {
    this.pending.push(json, '\n');
    this.pendingLength += json.length + 1;
    this.records++;
    if (this.pendingLength >= WRITE_CHUNK) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    try {
      let off = 0;
      while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      throw new WriteError(e instanceof Error ? e.message : String(e));
    }
    this.hash.update(buf);
    this.bytes += buf.length;
  }

  finish(): void {
    this.flush();
    try {
      fs.closeSync(this.fd);
      fs.renameSync(this.tmp, this.file);
    } catch (e) {
      throw new WriteError(e instanceof Error ? e.message : String(e));
    }
    this.sha256 = this.hash.digest('hex');
  }

  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // Already closed.
    }
    fs.rmSync(this.tmp, { force: true });
  }
}

/** Runs `export` (the arguments after the word `export`); resolves to the exit code. */
export async function runExport(io: CliIo): Promise<number> {
  const err = (line: string): void => {
    io.stderr.write(line.endsWith('\n') ? line : line + '\n');
  };
  const version = packageVersion();
  const parsed = parseExportArgs(io.argv);
  if ('error' in parsed) {
    err(`arabic-news-lint export: ${parsed.error}`);
    err('Run arabic-news-lint export --help for the options.');
    return EXIT_FAILURE;
  }
  const options: ExportOptions = parsed;
  if (options.help) {
    io.stdout.write(exportHelpText(version));
    return EXIT_OK;
  }
  const cwd = io.cwd;
  const outAbs = path.resolve(cwd, options.out!);
  if (!fs.existsSync(path.dirname(outAbs))) {
    err(`arabic-news-lint export: the folder of --out does not exist: ${path.dirname(options.out!)}`);
    return EXIT_FAILURE;
  }
  if (options.config) {
    const checked = checkConfigFile(path.resolve(cwd, options.config), (file, p) =>
      err(`${relativePath(file, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${localize(p.message, 'en')}`),
    );
    if (checked === 'unreadable') {
      err(`arabic-news-lint export: cannot read the configuration file ${options.config}.`);
      return EXIT_FAILURE;
    }
    if (checked === 'errors') {
      err(`arabic-news-lint export: the configuration file ${options.config} has errors; nothing was exported.`);
      return EXIT_FAILURE;
    }
  }

  // The corpus root: the first path when it is a folder, else the working folder.
  let root = cwd;
  const first = options.patterns[0]!;
  if (!first.startsWith('!')) {
    try {
      if (fs.statSync(path.resolve(cwd, first)).isDirectory()) root = path.resolve(cwd, first);
    } catch {
      // A glob or a missing path: the working folder.
    }
  }
  const { files, missing } = expandPatterns(options.patterns, cwd);
  for (const m of missing) err(`arabic-news-lint export: no such file or folder: ${m}`);
  const inputs = files;
  if (inputs.length === 0) {
    err(`arabic-news-lint export: no files matched ${options.patterns.map((p) => JSON.stringify(p)).join(' ')}.`);
    return EXIT_FAILURE;
  }

  const checkerOptions: CheckerOptions = {
    cwd,
    format: 'json',
    language: 'en',
    quiet: false,
    fix: false,
    dryRun: false,
    config: options.config ? path.resolve(cwd, options.config) : undefined,
    rules: options.rules,
    color: false,
    corpus: true,
  };
  // Both passes read and parse every file: in worker threads unless the corpus is small. This
  // thread keeps the index, the near-duplicate groups and the output files.
  const { runner, checker } = startRunner(io.workerScript, options.jobs, inputs.length, checkerOptions);
  try {
    return await exportWith(runner, checker);
  } finally {
    await runner.close();
  }

  async function exportWith(runner: ExportRunner, checker: FileChecker): Promise<number> {
    const configFor = (abs: string): ResolvedConfig => checker.configFor(abs);
    const skipped = new Map<SkipReason, number>(SKIP_REASONS.map((r) => [r, 0]));
    const skip = (why: SkipReason): void => {
      skipped.set(why, skipped.get(why)! + 1);
    };

    // Pass 1: summaries into the index; near-duplicate pairs into groups.
    const index = new CorpusIndex();
    const entries: Entry[] = [];
    const byId = new Map<string, number>();
    const twins = new Map<number, { uri: string; similarity: number; headline: string }[]>();
    const cache = new Map<number, Uint32Array>();
    const remember = (i: number, sh: Uint32Array): void => {
      cache.delete(i);
      cache.set(i, sh);
      if (cache.size > SHINGLE_CACHE) cache.delete(cache.keys().next().value!);
    };
    const shinglesOf = (i: number): Uint32Array | undefined => {
      const hit = cache.get(i);
      if (hit) {
        remember(i, hit);
        return hit;
      }
      const e = entries[i]!;
      const read = readDecoded(e.abs, MAX_FILE_BYTES);
      if (!read) return undefined;
      const c = configFor(e.abs);
      const sh = articleShingles(parseArticle(read.text, { markers: c.markers, keywords: false }));
      remember(i, sh);
      return sh;
    };
    const find = (i: number): number => {
      while (entries[i]!.parent !== i) {
        entries[i]!.parent = entries[entries[i]!.parent]!.parent;
        i = entries[i]!.parent;
      }
      return i;
    };
    const union = (a: number, b: number): void => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) entries[Math.max(ra, rb)]!.parent = Math.min(ra, rb);
    };
    const addTwin = (i: number, j: number, similarity: number): void => {
      let list = twins.get(i);
      if (!list) twins.set(i, (list = []));
      const other = index.get(entries[j]!.id);
      list.push({ uri: entries[j]!.id, similarity, headline: other?.headline ?? '' });
    };

    let readable = 0;
    const add = (abs: string, scan: ExportScan): void => {
      if (scan.status === 'unreadable') {
        skip('unreadable');
        return;
      }
      readable++;
      if (scan.status === 'not an article') {
        skip('not an article');
        return;
      }
      const { summary } = scan;
      // A copy: a worker's shingles are a view of its whole batch's buffer.
      const sh = scan.shingles.slice();
      const id = summary.uri;
      const i = entries.length;
      entries.push({ abs, id, parent: i });
      byId.set(id, i);
      const threshold = duplicateThreshold(configFor(abs));
      for (const c of index.candidates(summary.signature, Math.max(0, threshold - 0.2), id).slice(0, 50)) {
        const j = byId.get(c.uri);
        if (j === undefined) continue;
        const theirs = shinglesOf(j);
        if (!theirs) continue;
        const similarity = jaccard(sh, theirs);
        if (similarity >= threshold) {
          union(i, j);
          addTwin(i, j, similarity);
          addTwin(j, i, similarity);
        }
      }
      index.set(summary);
      remember(i, sh);
    };
    try {
      await runOrdered(
        Math.ceil(inputs.length / BATCH),
        runner.concurrency,
        runner.concurrency * 4,
        (b) => runner.scan(inputs.slice(b * BATCH, (b + 1) * BATCH).map((f) => ({ abs: f.abs, id: recordId(f.abs, root) }))),
        (scans, b) => scans.forEach((scan, k) => add(inputs.at(b * BATCH + k).abs, scan)),
      );
    } catch (e) {
      err(`arabic-news-lint export: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return EXIT_FAILURE;
    }
    cache.clear();
    if (readable === 0) {
      err('arabic-news-lint export: no readable file.');
      return EXIT_FAILURE;
    }
    for (const list of twins.values()) list.sort((a, b) => b.similarity - a.similarity);

    // Groups: the representative (smallest id) and, with --dedupe, the article kept.
    const members = new Map<number, number[]>();
    entries.forEach((_, i) => {
      const r = find(i);
      const list = members.get(r);
      if (list) list.push(i);
      else members.set(r, [i]);
    });
    const representative = new Map<number, string>();
    const keep = new Set<number>();
    let groups = 0;
    for (const [r, list] of members) {
      if (list.length > 1) groups++;
      representative.set(r, list.map((i) => entries[i]!.id).sort()[0]!);
      let best = list[0]!;
      for (const i of list.slice(1)) {
        const a = index.get(entries[i]!.id)!;
        const b = index.get(entries[best]!.id)!;
        const better =
          a.date !== b.date
            ? a.date !== undefined && (b.date === undefined || a.date < b.date)
            : a.words !== b.words
              ? a.words > b.words
              : entries[i]!.id < entries[best]!.id;
        if (better) best = i;
      }
      keep.add(best);
    }

    // Pass 2: check, clean, write, in file order. The checkers get the index's answers as data.
    const splitNames = options.split ? options.split.map((s) => s.name) : [''];
    const writers = new Map<string, JsonlWriter>();
    try {
      for (const name of splitNames) writers.set(name, new JsonlWriter(name ? splitFile(outAbs, name) : outAbs));
    } catch (e) {
      for (const w of writers.values()) w.abort();
      err(`arabic-news-lint export: cannot write ${options.out}: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_FAILURE;
    }
    const order: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      if (options.dedupe && !keep.has(i)) skip('duplicate');
      else order.push(i);
    }
    const item = (i: number): ExportItem => {
      const e = entries[i]!;
      const article = portableArticle(index, e.id, options.dedupe ? [] : twins.get(i) ?? []) ?? { own: [], nearDuplicates: [], sameHeadline: [] };
      return { abs: e.abs, id: e.id, article };
    };
    const deliver = (outcomes: ExportOutcome[], b: number): void => {
      outcomes.forEach((o, k) => {
        if ('skipped' in o) return skip(o.skipped);
        const i = order[b * BATCH + k]!;
        const split = options.split ? splitOf(options.split, splitPoint(options.seed, representative.get(find(i))!)) : '';
        writers.get(split)!.writeLine(o.line);
      });
    };
    try {
      await runner.loadExport(portableCorpus(index), { clean: options.clean, skipErrors: options.skipErrors });
      await runOrdered(
        Math.ceil(order.length / BATCH),
        runner.concurrency,
        runner.concurrency * 4,
        (b) => runner.records(order.slice(b * BATCH, (b + 1) * BATCH).map(item)),
        deliver,
      );
      for (const w of writers.values()) w.finish();
    } catch (e) {
      for (const w of writers.values()) w.abort();
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof WriteError) err(`arabic-news-lint export: cannot write ${options.out}: ${message}`);
      else err(`arabic-news-lint export: internal error: ${e instanceof Error ? e.stack ?? message : message}`);
      return EXIT_FAILURE;
    }

    // The manifest and the summary.
    const counts: Record<string, number> = {};
    const outFiles = [...writers.entries()].map(([name, w]) => {
      counts[name || 'all'] = w.records;
      return { split: name || null, file: relativePath(w.file, path.dirname(outAbs)), records: w.records, bytes: w.bytes, sha256: w.sha256 };
    });
    const written = outFiles.reduce((s, f) => s + f.records, 0);
    const skippedObj = Object.fromEntries(SKIP_REASONS.map((r) => [r, skipped.get(r)!]));
    const manifest = {
      tool: 'arabic-news-lint',
      version,
      rules: RULES.map((r) => r.id),
      options: {
        paths: options.patterns,
        clean: options.clean,
        skipErrors: options.skipErrors,
        dedupe: options.dedupe,
        split: options.split ? Object.fromEntries(options.split.map((s) => [s.name, s.fraction])) : null,
        seed: options.seed,
        config: options.config ?? null,
        rules: options.rules,
      },
      files: outFiles,
      counts,
      records: written,
      inputFiles: inputs.length,
      nearDuplicateGroups: groups,
      skipped: skippedObj,
    };
    const manifestFile = `${outAbs}.manifest.json`;
    try {
      fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    } catch (e) {
      err(`arabic-news-lint export: cannot write ${manifestFile}: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_FAILURE;
    }
    const perSplit = options.split ? ` (${outFiles.map((f) => `${f.split} ${f.records}`).join(', ')})` : '';
    const skippedTotal = SKIP_REASONS.reduce((s, r) => s + skipped.get(r)!, 0);
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    err(`arabic-news-lint export: ${plural(written, 'record')} written${perSplit} from ${inputs.length} file${inputs.length === 1 ? '' : 's'}.`);
    err(`skipped ${skippedTotal}: ${SKIP_REASONS.map((r) => `${skipped.get(r)} ${r === 'errors' ? 'with errors' : r === 'duplicate' ? 'duplicates' : r}`).join(', ')}.`);
    for (const f of outFiles) err(`  ${path.join(path.dirname(options.out!), f.file)}  ${plural(f.records, 'record')}  sha256 ${f.sha256}`);
    err(`manifest: ${options.out}.manifest.json`);
    return EXIT_OK;
  }
}

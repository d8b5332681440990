/**
 * One run of `arabic-news-lint`: arguments → files → (1) the index pass over every file →
 * (2) the report pass over this shard's files, streamed in file order → summary and exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigLoader } from '../configLoader';
import type { ConfigProblem } from '../core/configFile';
import { localize } from '../core/types';
import { type CliOptions, helpText, parseArgs } from './args';
import { type CheckerOptions, type CheckItem, type FileResult, MAX_INDEX_BYTES } from './check';
import { CorpusRun } from './corpusIndex';
import { expandPatterns, type FileEntry, relativePath, shardOf } from './files';
import { addCounts, docsRulesDir, palette, sarifFooter, sarifHeader, stylishSummary, zeroCounts } from './format';
import { Output, Progress } from './output';
import { runOrdered } from '../ordered';
import { startRunner } from './pool';

/** What a run reads and writes. */
export interface CliIo {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** The script a worker thread starts (the bundle itself). */
  readonly workerScript: string;
}

/** Exit codes. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FAILURE = 2;

/** Files per batch sent to a worker. */
const BATCH = 64;

/** The version in package.json. */
export function packageVersion(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'arabic-news' && pkg.version) return pkg.version;
    } catch {
      // Keep looking upwards.
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return '0.0.0';
}

function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return !!stream.isTTY;
}

/**
 * Wall and CPU time per phase of a run, printed on stderr with ARABIC_NEWS_LINT_TIMING=1 (for
 * profiling). The CPU time is the whole process's, worker threads and V8's compiler and garbage
 * collector threads included: against the wall time, it shows how well a phase used the cores.
 */
class PhaseTimes {
  private last = performance.now();
  private lastCpu = process.cpuUsage();
  private readonly phases: [string, number, number, NodeJS.MemoryUsage][] = [];
  mark(phase: string): void {
    const now = performance.now();
    const cpu = process.cpuUsage();
    this.phases.push([phase, now - this.last, (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / 1000, process.memoryUsage()]);
    this.last = now;
    this.lastCpu = cpu;
  }
  /** One line a phase: its wall and CPU time, then the process's RSS and the main thread's heap and buffers at its end. */
  report(): string {
    const mb = (n: number): string => (n / 1048576).toFixed(0).padStart(4) + ' MB';
    return this.phases
      .map(([p, ms, cpu, m]) => `${p.padEnd(24)}${ms.toFixed(0).padStart(7)} ms   CPU ${cpu.toFixed(0).padStart(6)} ms   RSS ${mb(m.rss)}   heap ${mb(m.heapUsed)}   buffers ${mb(m.arrayBuffers)}`)
      .join('\n');
  }
}

/** Thrown to stop a run whose output is no longer read. */
class BrokenPipe extends Error {}

/**
 * Reads a `--config` file: 'unreadable' when it is not a readable file, 'errors' when it has
 * problems of error severity (every problem, of any severity, goes to `report`), else 'ok'.
 */
export function checkConfigFile(abs: string, report: (file: string, problem: ConfigProblem) => void): 'ok' | 'unreadable' | 'errors' {
  try {
    if (!fs.statSync(abs).isFile()) return 'unreadable';
  } catch {
    return 'unreadable';
  }
  let errors = false;
  for (const [file, problems] of new ConfigLoader().load(abs).problems) {
    for (const p of problems) {
      report(file, p);
      if (p.severity === 'error') errors = true;
    }
  }
  return errors ? 'errors' : 'ok';
}

/** Runs the command line; resolves to the exit code. */
export async function runCli(io: CliIo): Promise<number> {
  const err = (line: string): void => {
    io.stderr.write(line.endsWith('\n') ? line : line + '\n');
  };
  const version = packageVersion();
  const parsed = parseArgs(io.argv);
  if ('error' in parsed) {
    err(`arabic-news-lint: ${parsed.error}`);
    err('Run arabic-news-lint --help for the options.');
    return EXIT_FAILURE;
  }
  const options: CliOptions = parsed;
  if (options.help) {
    io.stdout.write(helpText(version));
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(version + '\n');
    return EXIT_OK;
  }

  const cwd = io.cwd;
  let failed = false;
  const seenNotes = new Set<string>();
  const noteConfig = (file: string, line: number, column: number, severity: 'error' | 'warning', message: string): void => {
    const key = `${file}:${line}:${column}:${message}`;
    if (seenNotes.has(key)) return;
    seenNotes.add(key);
    err(`${relativePath(file, cwd)}:${line}:${column}: ${severity}: ${message}`);
    if (severity === 'error') failed = true;
  };

  // --config FILE: read it now; a file that cannot be read or has errors stops the run.
  if (options.config) {
    const language = options.language;
    const checked = checkConfigFile(path.resolve(cwd, options.config), (file, p) => noteConfig(file, p.range.start.line + 1, p.range.start.character + 1, p.severity, localize(p.message, language)));
    if (checked === 'unreadable') {
      err(`arabic-news-lint: cannot read the configuration file ${options.config}.`);
      return EXIT_FAILURE;
    }
    if (checked === 'errors') {
      err(`arabic-news-lint: the configuration file ${options.config} has errors; nothing was checked.`);
      return EXIT_FAILURE;
    }
  }

  const timing = io.env.ARABIC_NEWS_LINT_TIMING ? new PhaseTimes() : undefined;
  const { files, missing } = expandPatterns(options.patterns, cwd);
  timing?.mark('list files');
  for (const m of missing) err(`arabic-news-lint: no such file or folder: ${m}`);
  if (files.length === 0) {
    err(`arabic-news-lint: no files matched ${options.patterns.map((p) => JSON.stringify(p)).join(' ')}.`);
    return EXIT_FAILURE;
  }
  const shard = options.shard;
  const reportFiles = shard ? files.where((f) => shardOf(f.rel, shard.count) === shard.index) : files;

  const color = useColor(io.stdout, io.env);
  const c = palette(color);
  const checkerOptions: CheckerOptions = {
    cwd,
    format: options.format,
    language: options.language,
    quiet: options.quiet,
    fix: options.fix,
    dryRun: options.fixDryRun,
    config: options.config ? path.resolve(cwd, options.config) : undefined,
    rules: options.rules,
    color,
    corpus: options.corpus,
  };
  const work = options.corpus ? files.length + reportFiles.length : reportFiles.length;
  const { runner, checker: mainChecker } = startRunner(io.workerScript, options.jobs, work / 2, checkerOptions);
  const corpus = options.corpus ? new CorpusRun(files, (abs) => mainChecker.configFor(abs), MAX_INDEX_BYTES) : undefined;

  const progress = new Progress(io.stderr.isTTY ? io.stderr : undefined, files.length);
  const out = new Output(io.stdout, () => progress.clear());
  const total = zeroCounts();
  const printed = zeroCounts();
  const notes: { file: string; message: string; level: 'error' | 'warning' | 'note' }[] = [];
  let skipped = missing.length;
  let checked = 0;
  let fixedProblems = 0;
  let changedFiles = 0;
  let converted = 0;
  let wroteItems = false;
  for (const m of missing) notes.push({ file: m, message: `no such file or folder: ${m}`, level: 'warning' });

  try {
    // (1) The index pass, over every file of the run (every shard's).
    if (corpus) {
      progress.start('indexing', files.length);
      await runOrdered(
        Math.ceil(files.length / BATCH),
        runner.concurrency,
        runner.concurrency * 4,
        (b) => runner.index(files.slice(b * BATCH, (b + 1) * BATCH).map((f) => f.abs), corpus.uriPrefix),
        (entries, b) => {
          entries.forEach((entry, i) => {
            if (entry) corpus.add(files.at(b * BATCH + i), entry);
          });
          progress.tick(entries.length);
        },
      );
      timing?.mark('index pass');
      // Keyword lines split again with the corpus's evidence, in file order, as checkCorpus does.
      const reported = shard ? (f: FileEntry): boolean => shardOf(f.rel, shard.count) === shard.index : (): boolean => true;
      // The evidence each split consulted is kept only when fixing: a fixed text is split again
      // with it; otherwise the chosen lengths are all the report pass needs.
      corpus.resplit(reported, undefined, !!(options.fix || options.fixDryRun));
      timing?.mark('re-split keyword lines');
      await runner.load(corpus.snapshot());
      timing?.mark('corpus snapshot');
    }

    // (2) The report pass, over this shard's files, streamed in file order.
    if (!options.fixDryRun) {
      if (options.format === 'json') await out.write('[');
      if (options.format === 'sarif') await out.write(sarifHeader(version, cwd, docsRulesDir()));
    }
    progress.start(options.fix ? 'fixing' : 'checking', reportFiles.length);
    const deliver = async (results: FileResult[]): Promise<void> => {
      if (out.isBroken) throw new BrokenPipe();
      for (const r of results) {
        for (const n of r.configNotes ?? []) noteConfig(n.file, n.line, n.column, n.severity, n.message);
        for (const f of r.ruleFailures ?? []) {
          progress.clear();
          err(`arabic-news-lint: rule ${f} (while checking ${r.rel}); the other rules ran.`);
          failed = true;
        }
        if (r.skipped) {
          skipped++;
          progress.clear();
          err(`arabic-news-lint: skipped ${r.rel}: ${r.skipped}`);
          if (notes.length < 1000) notes.push({ file: r.rel, message: `skipped: ${r.skipped}`, level: 'warning' });
          continue;
        }
        checked++;
        if (r.writeError) {
          progress.clear();
          err(`arabic-news-lint: could not write the fixes of ${r.rel}: ${r.writeError}`);
          failed = true;
        }
        addCounts(total, r.total);
        addCounts(printed, r.printed);
        fixedProblems += r.fixed;
        if (r.changed) changedFiles++;
        if (r.convertedFrom) converted++;
        if (options.fixDryRun) {
          if (r.diff) await out.write(r.diff);
          continue;
        }
        if (!r.output) continue;
        if (options.format === 'json' || options.format === 'sarif') {
          await out.write((wroteItems ? ',\n' : options.format === 'json' ? '\n' : '') + r.output);
        } else await out.write(r.output);
        wroteItems = true;
      }
      progress.tick(results.length);
    };
    await runOrdered(
      Math.ceil(reportFiles.length / BATCH),
      runner.concurrency,
      runner.concurrency * 4,
      async (b) => {
        const items: CheckItem[] = [];
        for (const f of reportFiles.slice(b * BATCH, (b + 1) * BATCH)) {
          const item = corpus ? await corpus.forFile(f) : undefined;
          corpus?.done(f);
          items.push(item ? { abs: f.abs, rel: f.rel, corpus: item } : { abs: f.abs, rel: f.rel });
        }
        return runner.check(items);
      },
      deliver,
    );
  } catch (e) {
    progress.clear();
    if (e instanceof BrokenPipe) {
      await runner.close();
      return EXIT_FAILURE;
    }
    await out.flush();
    err(`arabic-news-lint: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    await runner.close();
    return EXIT_FAILURE;
  }
  timing?.mark('report pass');
  corpus?.close();
  await runner.close();
  progress.clear();
  if (timing) err(timing.report());

  if (reportFiles.length > 0 && checked === 0) {
    err('arabic-news-lint: no file could be read.');
    failed = true;
  }

  const fixed = { problems: fixedProblems, files: changedFiles, converted };
  if (options.fixDryRun) {
    await out.flush();
    err(
      changedFiles
        ? `arabic-news-lint: --fix would fix ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${converted ? ` (${converted} converted to UTF-8)` : ''}; nothing was written.`
        : 'arabic-news-lint: --fix would change nothing.',
    );
  } else {
    switch (options.format) {
      case 'json':
        await out.write(wroteItems ? '\n]\n' : ']\n');
        break;
      case 'sarif':
        await out.write(sarifFooter(!failed, notes));
        break;
      case 'stylish':
        await out.write(stylishSummary({ printed, total, files: checked, skipped, quiet: options.quiet, fixed: options.fix ? fixed : undefined }, c));
        break;
    }
    if (options.format !== 'stylish' && options.fix && (changedFiles || converted)) {
      err(`arabic-news-lint: fixed ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${converted ? ` (${converted} converted to UTF-8)` : ''}.`);
    }
    await out.flush();
  }

  if (failed) return EXIT_FAILURE;
  if (total.errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && total.warnings > options.maxWarnings) {
    err(`arabic-news-lint: ${total.warnings} warnings, more than --max-warnings ${options.maxWarnings}.`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

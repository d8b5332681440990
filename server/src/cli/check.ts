/**
 * Checking one file: read its bytes, recognise the encoding, find its configuration (cached
 * per folder), analyse it with the core exactly as the language server does, apply the safe
 * fixes when asked, and format its problems. Runs in worker threads (or inline with
 * `--jobs 1`); never throws for a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Analysis, analyze } from '../core/analysis';
import { type ArticleConfig, resolveConfig, type ResolvedConfig } from '../core/config';
import { safeFixEdits } from '../core/features/codeActions';
import type { ArticleDiagnostic } from '../core/lint';
import type { EncodingInfo } from '../core/rules/rule';
import { applyEdits } from '../core/text/edits';
import { canConvertToUtf8, decodeBytes, encodeUtf8, encodingLabel, isCleanUtf8 } from '../core/text/encoding';
import { localize } from '../core/types';
import { ConfigLoader, type LoadedConfig } from '../configLoader';
import type { CliOptions } from './args';
import { CorpusContextBuilder, type CorpusItem, type CorpusSnapshot, type IndexEntry, indexEntry } from './corpusIndex';
import { unifiedDiff } from './diff';
import { readBytes } from './files';
import { type Counts, formatFile, palette, type Palette, type Problem, printedSeverity, zeroCounts } from './format';

/** Files larger than this are skipped (the language server indexes up to 5 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** The index pass reads files up to this size, as the language server's workspace scan does. */
export const MAX_INDEX_BYTES = 5 * 1024 * 1024;
/** Rounds of fixing before giving up on reaching a fixed point. */
export const MAX_FIX_ROUNDS = 5;

/** What a checker needs to know of the run (plain data: it is sent to the workers). */
export interface CheckerOptions {
  readonly cwd: string;
  readonly format: CliOptions['format'];
  readonly language: CliOptions['language'];
  readonly quiet: boolean;
  readonly fix: boolean;
  readonly dryRun: boolean;
  readonly config?: string;
  readonly rules: CliOptions['rules'];
  readonly color: boolean;
  readonly corpus: boolean;
}

/** A problem with a configuration file, for stderr. */
export interface ConfigNote {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** One file of the report pass. */
export interface CheckItem {
  readonly abs: string;
  readonly rel: string;
  /** The file's corpus data from the main thread (`CorpusRun.forFile`); none with `--no-corpus` or for a file outside the index. */
  readonly corpus?: CorpusItem;
}

/** What checking one file gives back to the main thread. */
export interface FileResult {
  readonly rel: string;
  /** Why the file was skipped (binary, unreadable…), or undefined. */
  readonly skipped?: string;
  /** The formatted problems ('' when none are printed). */
  readonly output: string;
  /** How many problems `output` holds. */
  readonly printed: Counts;
  /** Every problem remaining (what the exit code and `--max-warnings` look at). */
  readonly total: Counts;
  /** Problems fixed (`--fix`) or that would be (`--fix-dry-run`). */
  readonly fixed: number;
  /** Whether the file was (or would be) rewritten. */
  readonly changed: boolean;
  /** The encoding it was (or would be) converted from. */
  readonly convertedFrom?: EncodingInfo['name'];
  /** `--fix-dry-run`: the unified diff. */
  readonly diff?: string;
  /** A fix that could not be written. */
  readonly writeError?: string;
  /** Configuration problems seen for the first time by this checker. */
  readonly configNotes?: readonly ConfigNote[];
  /** Rules that threw, seen for the first time by this checker: `id: message`. */
  readonly ruleFailures?: readonly string[];
}

const UTF8: EncodingInfo = Object.freeze({ name: 'utf-8', confident: true, bom: false });

/** Writes a file atomically: a temporary file in the same folder, then a rename; the mode is kept. */
export function writeAtomically(abs: string, bytes: Uint8Array): void {
  let target = abs;
  try {
    target = fs.realpathSync(abs);
  } catch {
    // Write where we were told.
  }
  const stat = fs.statSync(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode: stat.mode & 0o7777, flag: 'wx' });
    fs.chmodSync(tmp, stat.mode & 0o7777);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Nothing to clean.
    }
    throw e;
  }
}

/** Checks files with one set of options; holds the configuration cache and the corpus snapshot. */
export class FileChecker {
  private readonly loader = new ConfigLoader();
  private readonly byConfigFile = new Map<string, ResolvedConfig>();
  private readonly byDir = new Map<string, ResolvedConfig>();
  private readonly cliLayer: ArticleConfig;
  private readonly colors: Palette;
  private pendingNotes: ConfigNote[] = [];
  private pendingFailures: string[] = [];
  private readonly failuresSeen = new Set<string>();
  private readonly corpus = new CorpusContextBuilder();

  constructor(private readonly options: CheckerOptions) {
    this.cliLayer = { rules: options.rules };
    this.colors = palette(options.color);
  }

  /** The resolved configuration of a file: `--config`, or the nearest `.arabic-news.json`; then `--rule`. */
  configFor(abs: string): ResolvedConfig {
    const dir = path.dirname(abs);
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const file = this.options.config ? path.resolve(this.options.cwd, this.options.config) : this.loader.nearest(dir);
    const key = file ?? '';
    let resolved = this.byConfigFile.get(key);
    if (!resolved) {
      const loaded: LoadedConfig | undefined = file ? this.loader.load(file) : undefined;
      if (loaded) this.noteProblems(loaded);
      resolved = resolveConfig(...(loaded?.layers ?? []), this.cliLayer);
      this.byConfigFile.set(key, resolved);
    }
    this.byDir.set(dir, resolved);
    return resolved;
  }

  private noteProblems(loaded: LoadedConfig): void {
    for (const [file, problems] of loaded.problems) {
      for (const p of problems) {
        this.pendingNotes.push({ file, line: p.range.start.line + 1, column: p.range.start.character + 1, severity: p.severity, message: localize(p.message, this.options.language) });
      }
    }
  }

  private onRuleFailure = (ruleId: string, error: unknown): void => {
    if (this.failuresSeen.has(ruleId)) return;
    this.failuresSeen.add(ruleId);
    this.pendingFailures.push(`${ruleId}: ${error instanceof Error ? error.message : String(error)}`);
  };

  /**
   * The index pass for one file: its summary, or undefined for an unreadable or binary file.
   * The summary's URI is cut after `uriPrefix` ({@link indexEntry}).
   */
  index(abs: string, uriPrefix = ''): IndexEntry | undefined {
    const read = readBytes(abs, MAX_INDEX_BYTES);
    if ('error' in read) return undefined;
    const decoded = decodeBytes(read.bytes);
    if (decoded.binary) return undefined;
    try {
      return indexEntry(decoded.text, abs, this.configFor(abs), uriPrefix);
    } catch {
      return undefined;
    }
  }

  /** Receives the corpus-wide data of the index pass. */
  load(snapshot: CorpusSnapshot): void {
    this.corpus.load(snapshot);
  }

  /** Checks one file. Never throws. */
  check(item: CheckItem): FileResult {
    try {
      return this.checkUnsafe(item);
    } catch (e) {
      return this.skipped(item.rel, `internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private skipped(rel: string, why: string): FileResult {
    return { rel, skipped: why, output: '', printed: zeroCounts(), total: zeroCounts(), fixed: 0, changed: false, ...this.drainNotes() };
  }

  private drainNotes(): Pick<FileResult, 'configNotes' | 'ruleFailures'> {
    const out: { configNotes?: ConfigNote[]; ruleFailures?: string[] } = {};
    if (this.pendingNotes.length) {
      out.configNotes = this.pendingNotes;
      this.pendingNotes = [];
    }
    if (this.pendingFailures.length) {
      out.ruleFailures = this.pendingFailures;
      this.pendingFailures = [];
    }
    return out;
  }

  private checkUnsafe(item: CheckItem): FileResult {
    const o = this.options;
    const read = readBytes(item.abs, MAX_FILE_BYTES);
    if ('error' in read) return this.skipped(item.rel, read.error);
    const decoded = decodeBytes(read.bytes);
    if (decoded.binary) return this.skipped(item.rel, 'binary file (NUL or control bytes), not text');
    const config = this.configFor(item.abs);
    const context = o.corpus && item.corpus ? this.corpus.build(item.corpus, config) : undefined;
    const evidence = context?.evidence;
    const corpus = context?.corpus;
    const encoding = decoded.encoding;
    const encodingRuleOn = config.severities.get('AN100') !== 'off';
    const convertible = encodingRuleOn && canConvertToUtf8(encoding);
    // Text fixes are applied only where the bytes were read without loss.
    const textFixable = isCleanUtf8(encoding) || convertible;

    let analysis: Analysis;
    let fixed = 0;
    let changed = false;
    let diff: string | undefined;
    let writeError: string | undefined;
    let finalEncoding = encoding;
    if ((o.fix || o.dryRun) && textFixable) {
      const afterEncoding: EncodingInfo = convertible ? UTF8 : encoding;
      const lengths = item.corpus?.keywordLengths;
      const first = analyze(decoded.text, config, evidence, this.onRuleFailure, encoding, corpus, lengths);
      let current = decoded.text;
      let a = convertible ? analyze(current, config, evidence, this.onRuleFailure, afterEncoding, corpus, lengths) : first;
      for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
        const edits = safeFixEdits(a.diagnostics);
        if (edits.length === 0) break;
        const next = applyEdits(current, a.article.lines, edits);
        if (next === current) break;
        current = next;
        a = analyze(current, config, evidence, this.onRuleFailure, afterEncoding, corpus);
      }
      analysis = a;
      changed = current !== decoded.text || convertible;
      if (changed) {
        fixed = Math.max(0, first.diagnostics.length - a.diagnostics.length);
        finalEncoding = afterEncoding;
        const keepBom = encoding.name === 'utf-8' && encoding.bom;
        if (o.fix) {
          try {
            writeAtomically(item.abs, encodeUtf8(current, keepBom));
          } catch (e) {
            writeError = e instanceof Error ? e.message : String(e);
            analysis = first;
            finalEncoding = encoding;
            changed = false;
            fixed = 0;
          }
        } else {
          const head = convertible ? `# ${item.rel}: convert from ${encodingLabel(encoding.name)} to UTF-8\n` : '';
          const body = unifiedDiff(decoded.text, current, `a/${item.rel}`, `b/${item.rel}`);
          diff = head + (body || (convertible ? `--- a/${item.rel}\n+++ b/${item.rel}\n` : ''));
        }
      }
    } else {
      analysis = analyze(decoded.text, config, evidence, this.onRuleFailure, encoding, corpus, item.corpus?.keywordLengths);
    }

    // In a dry run the report is of the file as it is; after --fix, of the file as written.
    const reported = o.dryRun && changed ? analyze(decoded.text, config, evidence, this.onRuleFailure, encoding, corpus) : analysis;
    // `fixable`: whether --fix would repair the problem in the file as reported.
    const asItIs = o.dryRun || finalEncoding === encoding;
    const canConvertNow = asItIs && convertible;
    const fixableNow = asItIs ? textFixable : true;
    const total = zeroCounts();
    const printed = zeroCounts();
    const problems: Problem[] = [];
    for (const d of reported.diagnostics) {
      const severity = printedSeverity(d.severity);
      const fixable = (fixableNow && d.fixes.some((f) => f.safe)) || (d.ruleId === 'AN100' && canConvertNow);
      count(total, severity, fixable);
      if (o.quiet && severity !== 'error') continue;
      count(printed, severity, fixable);
      problems.push(toProblem(item.rel, d, severity, fixable, o.language));
    }
    return {
      rel: item.rel,
      output: o.dryRun ? '' : formatFile(o.format, item.rel, problems, this.colors),
      printed,
      total,
      fixed,
      changed,
      convertedFrom: changed && convertible ? encoding.name : undefined,
      diff,
      writeError,
      ...this.drainNotes(),
    };
  }
}

function count(c: Counts, severity: Problem['severity'], fixable: boolean): void {
  if (severity === 'error') {
    c.errors++;
    if (fixable) c.fixableErrors++;
  } else if (severity === 'warning') {
    c.warnings++;
    if (fixable) c.fixableWarnings++;
  } else {
    c.infos++;
    if (fixable) c.fixableInfos++;
  }
}

/** A diagnostic as printed: 1-based lines and columns (UTF-16 code units), the end column exclusive. */
export function toProblem(file: string, d: ArticleDiagnostic, severity: Problem['severity'], fixable: boolean, language: CliOptions['language']): Problem {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    ruleId: d.ruleId,
    ruleName: d.ruleName,
    severity,
    message: localize(d.message, language),
    fixable,
  };
}

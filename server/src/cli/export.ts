/**
 * `arabic-news-lint export`: a corpus as a JSON Lines dataset (docs/cli.md, "Exporting a
 * dataset"). Two streamed passes over the files: (1) every article is summarised into the
 * core's corpus index (a MinHash signature and a few strings, never the text), near-duplicate
 * pairs are confirmed by exact Jaccard and joined into groups (union-find); (2) every file is
 * read again, checked (with the corpus context), optionally cleaned with the safe fixes, and
 * written as one record to its split. Memory holds the summaries, not the texts.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Article } from '../core/analysis';
import { lintParsed } from '../core/analysis';
import type { ResolvedConfig } from '../core/config';
import { corpusContext, articleShingles } from '../core/corpus/context';
import { duplicateThreshold, keywordEvidence } from '../core/corpus/batch';
import { CorpusIndex } from '../core/corpus/index';
import { jaccard } from '../core/corpus/shingles';
import { type ArticleSummary, detach, summarize } from '../core/corpus/summary';
import { safeFixEdits } from '../core/features/codeActions';
import { parseArticle } from '../core/parse/article';
import { isoDate } from '../core/parse/date';
import { looksLikeArticle } from '../core/parse/sniff';
import { RULES } from '../core/rules/index';
import type { EncodingInfo } from '../core/rules/rule';
import { applyEdits } from '../core/text/edits';
import { canConvertToUtf8, isCleanUtf8 } from '../core/text/encoding';
import { localize } from '../core/types';
import { FileChecker, MAX_FILE_BYTES, MAX_FIX_ROUNDS } from './check';
import { type ExportOptions, exportHelpText, parseExportArgs } from './exportArgs';
import { expandPatterns, readDecoded, relativePath } from './files';
import { checkConfigFile, type CliIo, EXIT_FAILURE, EXIT_OK, packageVersion } from './run';

/** One record of the dataset. Every field has the same type in every record. */
export interface ExportRecord {
  readonly id: string;
  readonly headline: string;
  readonly date: string | null;
  readonly source: string | null;
  readonly keywords: string[];
  readonly body: string[];
  readonly related: { headline: string; body: string[] }[];
  readonly problems: string[];
}

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

/** The dataset record of a parsed article. */
export function toRecord(id: string, article: Article, problems: string[]): ExportRecord {
  const d = article.date?.parsed.date;
  return {
    id,
    headline: article.headline?.text ?? '',
    date: d ? isoDate(d) : null,
    source: article.source?.value.text || null,
    keywords: (article.keywords?.items ?? []).map((k) => k.text),
    body: (article.body?.paragraphs ?? []).map((p) => p.text),
    related: (article.readAlso?.articles ?? []).map((a) => ({ headline: a.headline.text, body: a.paragraphs.map((p) => p.text) })),
    problems,
  };
}

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

  write(record: ExportRecord): void {
    const buf = Buffer.from(JSON.stringify(record) + '\n', 'utf8');
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    this.hash.update(buf);
    this.bytes += buf.length;
    this.records++;
  }

  finish(): void {
    fs.closeSync(this.fd);
    fs.renameSync(this.tmp, this.file);
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

/**
 * A summary whose strings do not share the memory of the file's text: the parser's strings are
 * slices of the text, and a slice keeps the whole text alive (one file per summary otherwise).
 */
export function compactSummary(s: ArticleSummary): ArticleSummary {
  const c = (x: string): string => detach(x);
  return {
    ...s,
    uri: c(s.uri),
    headline: c(s.headline),
    headlineNormalized: c(s.headlineNormalized),
    source: s.source === undefined ? undefined : c(s.source),
    keywords: s.keywords.map((k) => ({ ...k, text: c(k.text), normalized: c(k.normalized) })),
  };
}

const UTF8: EncodingInfo = Object.freeze({ name: 'utf-8', confident: true, bom: false });

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

  const checker = new FileChecker({
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
  });
  const configFor = (abs: string): ResolvedConfig => checker.configFor(abs);
  const skipped = new Map<SkipReason, number>(SKIP_REASONS.map((r) => [r, 0]));
  const skip = (why: SkipReason): void => {
    skipped.set(why, skipped.get(why)! + 1);
  };

  // Pass 1: summaries into the index; near-duplicate pairs into groups.
  const index = new CorpusIndex();
  index.reserve(inputs.length);
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
  for (const f of inputs) {
    const read = readDecoded(f.abs, MAX_FILE_BYTES);
    if (!read) {
      skip('unreadable');
      continue;
    }
    readable++;
    const config = configFor(f.abs);
    if (!looksLikeArticle(read.text, config.markers)) {
      skip('not an article');
      continue;
    }
    const id = recordId(f.abs, root);
    const article = parseArticle(read.text, { markers: config.markers, keywordSeparators: config.keywordSeparators });
    const sh = articleShingles(article);
    const summary = compactSummary(summarize(id, article, sh));
    const i = entries.length;
    entries.push({ abs: f.abs, id: summary.uri, parent: i });
    byId.set(id, i);
    const threshold = duplicateThreshold(config);
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

  // Pass 2: check, clean, write.
  const splitNames = options.split ? options.split.map((s) => s.name) : [''];
  const writers = new Map<string, JsonlWriter>();
  try {
    for (const name of splitNames) writers.set(name, new JsonlWriter(name ? splitFile(outAbs, name) : outAbs));
  } catch (e) {
    for (const w of writers.values()) w.abort();
    err(`arabic-news-lint export: cannot write ${options.out}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_FAILURE;
  }
  try {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const r = find(i);
      if (options.dedupe && !keep.has(i)) {
        skip('duplicate');
        continue;
      }
      const read = readDecoded(e.abs, MAX_FILE_BYTES);
      if (!read) {
        skip('unreadable');
        continue;
      }
      const config = configFor(e.abs);
      const evidence = keywordEvidence(index, e.id);
      const parse = (text: string): Article => parseArticle(text, { markers: config.markers, keywordSeparators: config.keywordSeparators, keywordEvidence: evidence });
      let text = read.text;
      let article = parse(text);
      const context = corpusContext(index, e.id, article, options.dedupe ? [] : twins.get(i) ?? []);
      let encoding = read.encoding;
      let analysis = lintParsed(article, config, undefined, encoding, context);
      if (options.clean && (isCleanUtf8(encoding) || canConvertToUtf8(encoding))) {
        // The exported text is UTF-8 whatever the file's encoding.
        if (!isCleanUtf8(encoding)) {
          encoding = UTF8;
          analysis = lintParsed(article, config, undefined, encoding, context);
        }
        for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
          const edits = safeFixEdits(analysis.diagnostics);
          if (!edits.length) break;
          const next = applyEdits(text, analysis.article.lines, edits);
          if (next === text) break;
          text = next;
          article = parse(text);
          analysis = lintParsed(article, config, undefined, encoding, context);
        }
      }
      if (options.skipErrors && analysis.diagnostics.some((d) => d.severity === 'error')) {
        skip('errors');
        continue;
      }
      const problems = [...new Set(analysis.diagnostics.map((d) => d.ruleId))].sort();
      const split = options.split ? splitOf(options.split, splitPoint(options.seed, representative.get(r)!)) : '';
      writers.get(split)!.write(toRecord(e.id, analysis.article, problems));
    }
    for (const w of writers.values()) w.finish();
  } catch (e) {
    for (const w of writers.values()) w.abort();
    err(`arabic-news-lint export: cannot write ${options.out}: ${e instanceof Error ? e.message : String(e)}`);
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

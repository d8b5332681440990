/**
 * The index pass: what the command line learns from every file of the run before it checks
 * any, so that a file is checked with the same corpus knowledge the editor has of its
 * workspace: the core's {@link CorpusIndex} (core/corpus/index.ts), built exactly as
 * `checkCorpus` (core/corpus/batch.ts) builds it, and from it the keyword segmentation
 * evidence and the corpus rules' context (AN301–AN305).
 *
 * The work is split between threads:
 *  1. workers (or the main thread with `--jobs 1`) parse each file without corpus evidence
 *     and send back its {@link ArticleSummary} ({@link indexEntry}); the main thread adds the
 *     summaries to one CorpusIndex in file order ({@link CorpusRun.add});
 *  2. the main thread splits the space-joined keyword lines again with the corpus's evidence,
 *     in file order, as `checkCorpus` does ({@link CorpusRun.resplit}), recording the
 *     evidence each split consulted. It needs no text: the workers sent each such line's phrase
 *     table (core/corpus/entry.ts), which the evidence only adds to;
 *  3. for each file of the report pass the main thread builds a plain-data {@link CorpusItem}
 *     (the recorded evidence, the verified near-duplicates, the same headlines, the corpus
 *     spellings of the file's keywords) and the checker turns it into the CorpusContext of
 *     `analyze` ({@link CorpusContextBuilder}). The corpus-wide data every file shares (the
 *     sources, the attested keyword counts) is sent to each checker once ({@link CorpusSnapshot}).
 *
 * The main thread never keeps a text: near-duplicate candidates are confirmed by re-reading
 * the twin's file, as the language server does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ResolvedConfig } from '../core/config';
import { articleShingles, corpusContext, findNearDuplicates, parsePreferredSpellings, parseVocabulary } from '../core/corpus/context';
import { duplicateThreshold, keywordEvidence, withVocabulary } from '../core/corpus/batch';
import { CorpusIndex } from '../core/corpus/index';
import { allKeywords, type IndexEntry as CoreIndexEntry, indexEntry as coreIndexEntry, type KeywordLineTable, splitWithEvidence } from '../core/corpus/entry';
import { type ArticleSummary, detach, MAX_SUMMARY_KEYWORDS, summaryHeadline } from '../core/corpus/summary';
import { mix } from '../core/corpus/shingles';
import { type KeywordEvidence, MAX_KEYWORD_TOKENS } from '../core/keywords/segment';
import { type Article, parseArticle } from '../core/parse/article';
import type { CorpusContext } from '../core/rules/rule';
import { readDecoded } from './files';
import { TABLE_CHUNK, TableSlab } from './tableSlab';

/** A file of the run, as the index sees it: its position in the sorted list and its paths. */
export interface IndexedFile {
  readonly index: number;
  readonly abs: string;
  readonly rel: string;
}

/** The run's files as the index reads them: in order, by position (an array or a {@link FileList}). */
export interface IndexedFiles extends Iterable<IndexedFile> {
  readonly length: number;
}

/**
 * What the index pass learns of one file (plain data: it crosses threads): the core's entry
 * (the summary, and the phrase table of a space-joined keywords line).
 */
export interface IndexEntry extends CoreIndexEntry {
  /** The keywords of an explicitly separated line beyond the summary's first 200, when there are more. */
  readonly moreKeywords?: readonly string[];
}

/** The corpus-wide data every checker receives once. */
export interface CorpusSnapshot {
  /** The corpus's sources with their article counts (`CorpusContext.sources`). */
  readonly sources: readonly { readonly text: string; readonly count: number }[];
  /** Attested keyword counts of the final index (evidence for text the fixes change). */
  readonly attested: ReadonlyMap<string, number>;
}

type Spellings = readonly (readonly [string, number])[];

/** What the report pass sends with one file. */
export interface CorpusItem {
  /** The evidence the keyword line's split consulted, as `checkCorpus` answered it. */
  readonly recorded?: readonly (readonly [string, number])[];
  /** The keyword lengths that split chose for a space-joined line (the checker does not split it again). */
  readonly keywordLengths?: readonly number[];
  /** The file's own attested keywords (normalised), subtracted from the snapshot's counts. */
  readonly own: readonly string[];
  readonly nearDuplicates: CorpusContext['nearDuplicates'];
  readonly sameHeadline: CorpusContext['sameHeadline'];
  /** `keywordSpellings` and `keywordTransliterations` of each keyword of the file. */
  readonly spellings: readonly (readonly [string, Spellings])[];
  readonly transliterations: readonly (readonly [string, Spellings])[];
}

/**
 * The URI of the deepest folder that holds every file of a run, with a final `/`: every file's
 * URI starts with it, as pathToFileURL escapes a path one character at a time.
 */
export function folderUri(files: Iterable<{ readonly abs: string }>): string {
  let common: string | undefined;
  for (const f of files) {
    if (common === undefined) common = f.abs;
    else if (!f.abs.startsWith(common)) {
      let n = 0;
      while (n < common.length && n < f.abs.length && common.charCodeAt(n) === f.abs.charCodeAt(n)) n++;
      common = common.slice(0, n);
    }
  }
  if (common === undefined) return '';
  const cut = Math.max(common.lastIndexOf('/'), common.lastIndexOf(path.sep));
  if (cut < 0) return '';
  const uri = fileUri(common.slice(0, cut + 1));
  return uri.endsWith('/') ? uri : uri + '/';
}

/** The URI of a file, as the language server names it. */
export function fileUri(abs: string): string {
  return pathToFileURL(abs).toString();
}

/** Parses an article as the corpus does (`checkCorpus`): the configuration's markers and separators, and optional evidence. */
export function parseForCorpus(text: string, config: ResolvedConfig, evidence?: KeywordEvidence): Article {
  return parseArticle(text, { markers: config.markers, keywordSeparators: config.keywordSeparators, keywordEvidence: evidence });
}

/**
 * Worker side of the index pass: one file's entry (parsed without corpus evidence, as
 * `checkCorpus`'s first pass). Its URI is the key {@link CorpusRun} files it under: without the
 * run's folder URI `uriPrefix`, when it starts with it.
 */
export function indexEntry(text: string, abs: string, config: ResolvedConfig, uriPrefix = ''): IndexEntry {
  const article = parseForCorpus(text, config);
  const uri = fileUri(abs);
  const { entry: full } = coreIndexEntry(uriPrefix && uri.startsWith(uriPrefix) ? uri.slice(uriPrefix.length) : uri, article);
  // Without its headline: the command line shows only a near-duplicate's, and reads the twin's
  // file for its shingles anyway (CorpusRun.reread). Of the normalised headline, which the corpus
  // rules only compare for equality, a digest (headlineKey). 30 MB less at 100,000 files, and
  // less to send.
  const entry = { ...full, summary: { ...full.summary, headline: '', headlineNormalized: headlineKey(full.summary.headlineNormalized) } };
  const items = article.keywords?.items ?? [];
  return !entry.keywordLine && items.length > MAX_SUMMARY_KEYWORDS ? { ...entry, moreKeywords: items.slice(MAX_SUMMARY_KEYWORDS).map((k) => detach(k.text)) } : entry;
}

/**
 * What the command line's index keeps of a normalised headline: a 90-bit digest, as six UTF-16
 * code units of 15 bits (never a surrogate), or '' for none. Two headlines have the same key
 * exactly when they are the same (three independent hashes of the text: a chance collision
 * among a million headlines is about one in 10^15), and a key takes 32 bytes where a headline
 * of 70 letters took 160. Only the same-headline rule (AN302) reads it, by equality.
 */
export function headlineKey(normalized: string): string {
  if (!normalized) return '';
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let c = normalized.length;
  for (let i = 0; i < normalized.length; i++) {
    const u = normalized.charCodeAt(i);
    a = Math.imul(a ^ u, 0x01000193);
    b = Math.imul((b ^ u) + (b >>> 15), 0x5bd1e995);
    c = Math.imul(c + u, 0x85ebca6b) ^ (c >>> 13);
  }
  const words = [mix(a ^ normalized.length), mix(b), mix(c)];
  let key = '';
  for (const w of words) key += String.fromCharCode(w >>> 17, (w >>> 2) & 0x7fff);
  return key;
}

/** Ints before a packed table's arrays: n (tokens) · m (lengths) · cells (scores) · line · base · value length. */
const TABLE_HEADER = 6;

/**
 * Ints of a packed table: the header · starts (n) · ends (n) · lengths (m) · scores as float32
 * bits (cells) · attested bytes (cells, four to an int) · key ids (n) · the value's UTF-16 code
 * units (two to an int). Everything in one run, so that a table costs no object until the
 * re-split reads it (a typed array costs a few hundred bytes of its own besides its data, and a
 * table had five, with a string and an array of keys).
 */
function tableInts(n: number, m: number, cells: number, valueLength: number): number {
  return TABLE_HEADER + 2 * n + m + cells + Math.ceil(cells / 4) + n + Math.ceil(valueLength / 2);
}

/** The token keys of the tables, each kept once and packed as its number (keyword words repeat across the corpus). */
export class KeyPool {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
    }
    return id;
  }

  key(id: number): string {
    return this.keys[id]!;
  }
}

/** Packs a file's phrase table into its run of `runs`. */
export function packTable(t: KeywordLineTable, pool: KeyPool, runs: KeptRuns, index: number): void {
  const n = t.starts.length;
  const m = t.lengths.length;
  const cells = t.scores.length;
  const valueLength = t.value.length;
  const data = runs.write(index, tableInts(n, m, cells, valueLength));
  data[0] = n;
  data[1] = m;
  data[2] = cells;
  data[3] = t.line;
  data[4] = t.base;
  data[5] = valueLength;
  let at = TABLE_HEADER;
  data.set(t.starts, at);
  data.set(t.ends, (at += n));
  data.set(t.lengths, (at += n));
  at += m;
  new Float32Array(data.buffer, data.byteOffset + at * 4, cells).set(t.scores);
  new Uint8Array(data.buffer, data.byteOffset + (at += cells) * 4, cells).set(t.attested);
  at += Math.ceil(cells / 4);
  for (let k = 0; k < n; k++) data[at + k] = pool.idOf(t.keys[k]!);
  const units = new Uint16Array(data.buffer, data.byteOffset + (at + n) * 4, valueLength);
  for (let i = 0; i < valueLength; i++) units[i] = t.value.charCodeAt(i);
}

/**
 * A file's packed table as segmentation reads it, or undefined (views of the store: valid until
 * its next read or write).
 */
export function unpackTable(runs: KeptRuns, index: number, pool: KeyPool): KeywordLineTable | undefined {
  const d = runs.read(index);
  if (!d) return undefined;
  const n = d[0]!;
  const m = d[1]!;
  const cells = d[2]!;
  const valueLength = d[5]!;
  let at = TABLE_HEADER;
  const starts = d.subarray(at, (at += n));
  const ends = d.subarray(at, (at += n));
  const lengths = Array.from(d.subarray(at, (at += m)));
  const scores = new Float32Array(d.buffer, d.byteOffset + at * 4, cells);
  const attested = new Uint8Array(d.buffer, d.byteOffset + (at += cells) * 4, cells);
  at += Math.ceil(cells / 4);
  const keys: string[] = [];
  for (let k = 0; k < n; k++) keys.push(pool.key(d[at + k]!));
  // Decoded as UTF-16 exactly (a lone surrogate stays as it was written).
  const value = Buffer.from(d.buffer, d.byteOffset + (at + n) * 4, valueLength * 2).toString('utf16le');
  return { value, line: d[3]!, base: d[4]!, starts, ends, lengths, keys, scores, attested };
}

/**
 * The phrases of a line's table cells: `cell = i * MAX_KEYWORD_TOKENS + length - 1` is the phrase
 * of `length` tokens from token i, their keys joined by spaces, as {@link bestSegmentation} asks
 * the evidence for it. Slices of one joined string, as there.
 */
class CellPhrases {
  private readonly line: string;
  private readonly offsets: Int32Array;
  constructor(private readonly keys: readonly string[]) {
    this.line = keys.join(' ');
    this.offsets = new Int32Array(keys.length + 1);
    for (let k = 0; k < keys.length; k++) this.offsets[k + 1] = this.offsets[k]! + keys[k]!.length + 1;
  }

  /** The phrase of a cell, or undefined for a cell past the line's end. */
  at(cell: number): string | undefined {
    const i = Math.floor(cell / MAX_KEYWORD_TOKENS);
    const end = i + (cell % MAX_KEYWORD_TOKENS) + 1;
    return end <= this.keys.length ? this.line.slice(this.offsets[i]!, this.offsets[end]! - 1) : undefined;
  }
}

/**
 * Runs of ints kept per file from the re-split until the file's item is built, in a
 * {@link TableSlab} (whose full chunks go to the temporary file), with three ints a file for
 * where its run is: far less than an array and a map entry per file.
 */
export class KeptRuns {
  /** Per file: chunk (-1: none), offset and size. */
  private readonly places: Int32Array;
  private readonly slab: TableSlab;

  constructor(files: number, chunkInts = TABLE_CHUNK, spillDir: string | false = os.tmpdir()) {
    this.places = new Int32Array(files * 3).fill(-1);
    this.slab = new TableSlab(chunkInts, spillDir);
  }

  /** Room for a file's run of `size` ints, to write at once (the view may be reused by the next call). */
  write(index: number, size: number): Int32Array {
    const { chunk, at } = this.slab.alloc(size);
    this.places.set([chunk, at, size], index * 3);
    return this.slab.view(chunk, at, size);
  }

  /** A file's run, or undefined; a view, to read at once. */
  read(index: number): Int32Array | undefined {
    const chunk = this.places[index * 3]!;
    return chunk < 0 ? undefined : this.slab.view(chunk, this.places[index * 3 + 1]!, this.places[index * 3 + 2]!);
  }

  /** Forgets a file's run. */
  drop(index: number): void {
    this.places[index * 3] = -1;
  }

  /**
   * Frees the memory of the runs written before a file's run (for runs written in file order
   * and read in that order: a chunk is released once the reading has moved past it).
   */
  releaseBefore(index: number): void {
    const chunk = this.places[index * 3]!;
    if (chunk >= 0) this.slab.releaseBefore(chunk);
  }

  /** How many chunks went to the temporary file (for tests). */
  get spilled(): number {
    return this.slab.spilled;
  }

  /** Lets go of every run and of the temporary file. */
  close(): void {
    this.slab.close();
  }
}

/**
 * Keeps the evidence one split consulted until the file's item is built, as a run of ints: the
 * number of tokens and of cells, the line's key ids, then each cell's count (-1: not asked).
 * With `--fix` the split asks every phrase that has a score, and a phrase is the keys of its
 * cell, so the phrases need not be kept: as text they took about 2.4 KB a file, as counts
 * about 0.2 KB, most of it in the temporary file.
 */
export function writeEvidence(runs: KeptRuns, index: number, keys: readonly string[], cells: number, asked: ReadonlyMap<string, number>, pool: KeyPool): void {
  const n = keys.length;
  const data = runs.write(index, 2 + n + cells);
  data[0] = n;
  data[1] = cells;
  for (let k = 0; k < n; k++) data[2 + k] = pool.idOf(keys[k]!);
  const phrases = new CellPhrases(keys);
  for (let c = 0; c < cells; c++) {
    const phrase = phrases.at(c);
    data[2 + n + c] = (phrase === undefined ? undefined : asked.get(phrase)) ?? -1;
  }
}

/** The [phrase, count] pairs {@link writeEvidence} kept for a file, in cell order (a phrase of two cells comes twice, with the same count). */
export function readEvidence(runs: KeptRuns, index: number, pool: KeyPool): [string, number][] | undefined {
  const data = runs.read(index);
  if (!data) return undefined;
  const n = data[0]!;
  const cells = data[1]!;
  const keys: string[] = [];
  for (let k = 0; k < n; k++) keys.push(pool.key(data[2 + k]!));
  const phrases = new CellPhrases(keys);
  const out: [string, number][] = [];
  for (let c = 0; c < cells; c++) {
    const count = data[2 + n + c]!;
    const phrase = count < 0 ? undefined : phrases.at(c);
    if (phrase !== undefined) out.push([phrase, count]);
  }
  return out;
}

/** Keyword texts whose corpus spellings {@link CorpusRun} keeps at once. */
const MAX_SPELLINGS_CACHED = 50_000;

/** The main thread's side: the CorpusIndex of the run and what each file of the report pass receives. */
export class CorpusRun {
  readonly index = new CorpusIndex();
  /**
   * The index keys each article by its URI without {@link uriPrefix}, as the worker cut it: about
   * 40 bytes less a file. Cut at the same place, the keys sort as the URIs do, so that
   * near-duplicates tied on similarity come in the editor's order.
   */
  private readonly keys: (string | undefined)[];
  /** The URI of the folder all the run's files are in ({@link folderUri}). */
  readonly uriPrefix: string;
  /** The keyword lengths chosen by `resplit`, by file index, until the file's item is built. */
  private lengths: KeptRuns | undefined;
  /**
   * The phrase table of each file's space-joined keyword line, packed, until `resplit` reads it
   * (written to a temporary file as they accumulate).
   */
  private readonly tables: KeptRuns;
  private readonly keyPool = new KeyPool();
  private readonly more = new Map<number, readonly string[]>();
  /** With `--fix`, the evidence each reportable file's split consulted ({@link writeEvidence}), until the file's item is built. */
  private evidence: KeptRuns | undefined;
  private readonly shingleCache = new Map<string, { summary: ArticleSummary; shingles: Uint32Array; headline: string }>();
  private readonly spellingCache = new Map<string, { readonly spellings?: Spellings; readonly transliterations?: Spellings }>();
  private readonly lists = new KeywordLists();

  constructor(
    private readonly files: IndexedFiles,
    private readonly configFor: (abs: string) => ResolvedConfig,
    private readonly maxBytes: number,
    private readonly spillDir: string | false = os.tmpdir(),
    private readonly tableChunkInts = TABLE_CHUNK,
  ) {
    this.keys = new Array<string | undefined>(files.length);
    this.uriPrefix = folderUri(files);
    this.tables = new KeptRuns(files.length, tableChunkInts, spillDir);
  }

  /** Records a file's entry (in file order, as `checkCorpus`'s first pass). */
  add(file: IndexedFile, entry: IndexEntry): void {
    this.keys[file.index] = entry.summary.uri;
    if (entry.keywordLine) packTable(entry.keywordLine, this.keyPool, this.tables, file.index);
    if (entry.moreKeywords) this.more.set(file.index, entry.moreKeywords);
    this.index.set(entry.summary);
  }

  /**
   * The URI of the article an index key stands for. A key that is a whole URI (of a file whose URI
   * did not start with the prefix: none expected) starts with `file://`, which a cut key cannot:
   * a path has no empty segment.
   */
  private uriOf(key: string): string {
    return key.startsWith('file://') ? key : this.uriPrefix + key;
  }

  /**
   * `checkCorpus`'s second pass: every article again in file order, its space-joined keyword
   * line split with the corpus's evidence (of the index as it stands at that point). Only
   * segmented lines can change, and only a summary whose keywords changed is set again, as
   * `checkCorpus` does. `reportable` says which files' chosen lengths (and,
   * with `keepEvidence`, the evidence consulted, which re-splitting a fixed text needs) to keep
   * for the report pass.
   */
  resplit(reportable: (file: IndexedFile) => boolean, tick?: () => void, keepEvidence = true): void {
    this.close();
    const lengths = (this.lengths = new KeptRuns(this.files.length, this.tableChunkInts, this.spillDir));
    const kept = keepEvidence ? (this.evidence = new KeptRuns(this.files.length, this.tableChunkInts, this.spillDir)) : undefined;
    for (const file of this.files) {
      const key = this.keys[file.index];
      if (key === undefined) continue;
      const current = this.index.get(key)!;
      const table = unpackTable(this.tables, file.index, this.keyPool);
      if (!table) {
        tick?.();
        continue;
      }
      // Tables were packed in file order: the ones of earlier chunks are all read.
      this.tables.releaseBefore(file.index);
      this.tables.drop(file.index);
      const base = keywordEvidence(this.index, key, this.lists.of(this.configFor(file.abs)).vocabulary);
      // The answers are kept only where something reads them again: the fix rounds
      // (keepEvidence), or the keywords beyond the summary's first 200 (allKeywords below).
      const record = keepEvidence || table.starts.length > MAX_SUMMARY_KEYWORDS;
      const asked = new Map<string, number>();
      const evidence: KeywordEvidence = {
        keywordCount: record
          ? (p) => {
              const n = base.keywordCount(p);
              asked.set(p, n);
              return n;
            }
          : base.keywordCount,
        // Without --fix nothing reads the consulted evidence later: let the index skip the
        // phrases that cannot have a count. With it, every phrase is asked and recorded, as the
        // fix rounds' re-split falls back to the final counts for a phrase not recorded.
        ...(keepEvidence ? {} : { mayStart: base.mayStart, mayEnd: base.mayEnd }),
        ...(base.inVocabulary ? { inVocabulary: base.inVocabulary } : {}),
      };
      const entry = { summary: current, keywordLine: table };
      const split = splitWithEvidence(entry, evidence);
      if (split.summary !== current) this.index.set(split.summary);
      const all = table.starts.length > MAX_SUMMARY_KEYWORDS ? allKeywords(entry, { keywordCount: (p) => asked.get(p) ?? 0, inVocabulary: base.inVocabulary }) : [];
      if (all.length > MAX_SUMMARY_KEYWORDS) this.more.set(file.index, all.slice(MAX_SUMMARY_KEYWORDS));
      else this.more.delete(file.index);
      if (reportable(file)) {
        if (kept) writeEvidence(kept, file.index, table.keys, table.scores.length, asked, this.keyPool);
        if (split.lengths) lengths.write(file.index, split.lengths.length).set(split.lengths);
      }
      tick?.();
    }
    this.tables.close();
  }

  /** What every checker receives once. */
  snapshot(): CorpusSnapshot {
    const attested = new Map<string, number>();
    for (const s of this.index.all()) {
      for (const k of s.keywords) if (k.attested) attested.set(k.normalized, (attested.get(k.normalized) ?? 0) + 1);
    }
    const ctx = corpusContext(this.index, '', {} as Article, []);
    return { sources: [...ctx.sources()], attested };
  }

  /** The shingles of an indexed article (by its key), re-read from its file (as the language server's `shinglesOf`). */
  private shinglesOf(key: string): Uint32Array | undefined {
    return this.reread(key)?.shingles;
  }

  /** The shingles and the headline (as a summary holds it) of an indexed article (by its key), re-read from its file. */
  private reread(key: string): { shingles: Uint32Array; headline: string } | undefined {
    const summary = this.index.get(key);
    if (!summary) return undefined;
    // The URI was made of the file's path (fileUri): no map from one to the other is kept.
    const abs = fileURLToPath(this.uriOf(key));
    const hit = this.shingleCache.get(key);
    if (hit && hit.summary === summary) return hit;
    const text = readDecoded(abs, this.maxBytes)?.text;
    if (text === undefined) return undefined;
    const article = parseArticle(text, { markers: this.configFor(abs).markers, keywords: false });
    const read = { summary, shingles: articleShingles(article), headline: summaryHeadline(article) };
    if (this.shingleCache.size >= 64) this.shingleCache.delete(this.shingleCache.keys().next().value as string);
    this.shingleCache.set(key, read);
    return read;
  }

  /** What the report pass sends with a file; undefined when the file is not in the index. */
  async forFile(file: IndexedFile): Promise<CorpusItem | undefined> {
    const key = this.keys[file.index];
    const summary = key === undefined ? undefined : this.index.get(key);
    if (key === undefined || !summary) return undefined;
    const config = this.configFor(file.abs);
    const threshold = duplicateThreshold(config);
    let twins: { uri: string; similarity: number; headline: string }[] = [];
    // Only a file with candidates needs its own shingles (read again from disk).
    if (this.index.candidates(summary.signature, Math.max(0, threshold - 0.2), key).length) {
      const own = this.shinglesOf(key);
      if (own) twins = await findNearDuplicates(this.index, key, own, threshold, (k) => this.shinglesOf(k));
      // The index holds no headlines (see indexEntry): a twin's is read with its shingles. The
      // item names files by their URIs, as the rules' messages and the editor do.
      for (const twin of twins) {
        twin.headline = this.reread(twin.uri)?.headline ?? '';
        twin.uri = this.uriOf(twin.uri);
      }
    }
    // The index holds headline keys (see indexEntry): the summary's is what the others are compared with.
    const ctx = corpusContext(this.index, key, {} as Article, twins, { headlineNormalized: summary.headlineNormalized });
    const texts = new Set<string>(summary.keywords.map((k) => k.text));
    for (const t of this.more.get(file.index) ?? []) texts.add(t);
    const spellings: [string, Spellings][] = [];
    const transliterations: [string, Spellings][] = [];
    for (const t of texts) {
      const known = this.spellingsOf(t, ctx);
      if (known.spellings) spellings.push([t, known.spellings]);
      if (known.transliterations) transliterations.push([t, known.transliterations]);
    }
    return {
      recorded: this.recordedOf(file.index),
      keywordLengths: this.keptLengths(file.index),
      own: summary.keywords.filter((k) => k.attested).map((k) => k.normalized),
      nearDuplicates: twins,
      sameHeadline: ctx.sameHeadline.map((s) => ({ ...s, uri: this.uriOf(s.uri) })),
      spellings,
      transliterations,
    };
  }

  /**
   * The corpus spellings and transliterations of a keyword as an item sends them (undefined:
   * none to send). The index no longer changes during the report pass and the answers do not
   * depend on the file asking, so each keyword text is looked up once: keywords repeat from file
   * to file. Bounded: the cache starts again past {@link MAX_SPELLINGS_CACHED} keywords.
   */
  private spellingsOf(text: string, ctx: CorpusContext): { spellings?: Spellings; transliterations?: Spellings } {
    let hit = this.spellingCache.get(text);
    if (!hit) {
      // A keyword whose only corpus spelling is its own cannot be a variant (AN303 answers the
      // same for it as for no spellings at all): most keywords, not sent.
      const s = ctx.keywordSpellings(text);
      const tr = ctx.keywordTransliterations(text);
      hit = {
        spellings: s.size > 1 || (s.size === 1 && !s.has(text)) ? [...s] : undefined,
        transliterations: tr.size ? [...tr] : undefined,
      };
      if (this.spellingCache.size >= MAX_SPELLINGS_CACHED) this.spellingCache.clear();
      this.spellingCache.set(text, hit);
    }
    return hit;
  }

  /** The evidence a file's split consulted, when `resplit` kept it. */
  private recordedOf(index: number): [string, number][] | undefined {
    return this.evidence ? readEvidence(this.evidence, index, this.keyPool) : undefined;
  }

  /** The keyword lengths `resplit` chose for a file's space-joined line. */
  private keptLengths(index: number): number[] | undefined {
    const run = this.lengths?.read(index);
    return run ? Array.from(run) : undefined;
  }

  /** Forgets what was kept for a file once its item is built. */
  done(file: IndexedFile): void {
    this.evidence?.drop(file.index);
    this.lengths?.drop(file.index);
  }

  /** Lets go of what was kept for the report pass, and of its temporary files (at the end of the run). */
  close(): void {
    this.evidence?.close();
    this.lengths?.close();
    this.evidence = undefined;
    this.lengths = undefined;
  }
}

/** The vocabulary and preferred-spellings files of configurations, each read once (undefined when unreadable). */
export class KeywordLists {
  private readonly lists = new Map<string, unknown>();

  /** The lists a configuration names, as the corpus context takes them. */
  of(config: ResolvedConfig): { vocabulary?: ReadonlySet<string>; preferredSpellings?: ReadonlyMap<string, string> } {
    return { vocabulary: this.list(config.keywordFiles.vocabulary, parseVocabulary), preferredSpellings: this.list(config.keywordFiles.preferredSpellings, parsePreferredSpellings) };
  }

  private list<T>(file: string | undefined, parse: (text: string) => T): T | undefined {
    if (!file) return undefined;
    const key = `${parse === (parseVocabulary as unknown) ? 'v' : 'p'}:${file}`;
    if (this.lists.has(key)) return this.lists.get(key) as T | undefined;
    let value: T | undefined;
    try {
      value = parse(fs.readFileSync(file, 'utf8'));
    } catch {
      value = undefined;
    }
    this.lists.set(key, value);
    return value;
  }
}

/** The checker's side: turns a {@link CorpusItem} into the evidence and the CorpusContext of `analyze`. */
export class CorpusContextBuilder {
  private snapshot: CorpusSnapshot = { sources: [], attested: new Map() };
  private readonly lists = new KeywordLists();

  load(snapshot: CorpusSnapshot): void {
    this.snapshot = snapshot;
  }

  /** The evidence and the corpus context of one file's check. */
  build(item: CorpusItem, config: ResolvedConfig): { evidence: KeywordEvidence; corpus: CorpusContext } {
    const { attested, sources } = this.snapshot;
    const recorded = new Map(item.recorded ?? []);
    const own = new Set(item.own);
    const lists = this.lists.of(config);
    const evidence = withVocabulary({ keywordCount: (p) => recorded.get(p) ?? (attested.get(p) ?? 0) - (own.has(p) ? 1 : 0) }, lists.vocabulary);
    const spellings = new Map(item.spellings.map(([t, s]) => [t, new Map(s)]));
    const transliterations = new Map(item.transliterations.map(([t, s]) => [t, new Map(s)]));
    const none: ReadonlyMap<string, number> = new Map();
    const corpus: CorpusContext = {
      nearDuplicates: item.nearDuplicates,
      sameHeadline: item.sameHeadline,
      keywordSpellings: (t) => spellings.get(t) ?? none,
      keywordTransliterations: (t) => transliterations.get(t) ?? none,
      sources: () => sources,
      ...lists,
    };
    return { evidence, corpus };
  }
}

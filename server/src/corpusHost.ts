/**
 * The corpus as the server (and the command line) sees it: finds the article files of the
 * workspace folders, keeps the corpus index current, reads other articles' texts when a
 * near-duplicate must be confirmed, and loads the configured vocabulary files. All file
 * access of the corpus features goes through here; the index itself is pure.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CorpusIndex } from './core/corpus/index';
import { articleShingles, corpusContext, findNearDuplicates, parsePreferredSpellings, parseVocabulary } from './core/corpus/context';
import { duplicateThreshold, keywordEvidence } from './core/corpus/batch';
import type { ArticleSummary } from './core/corpus/summary';
import { indexEntry, withEvidence } from './core/corpus/entry';
import { runOrdered } from './ordered';
import { SLICE_MS, TimeSlice } from './slices';
import { defaultIndexThreads, IndexPool } from './indexPool';
import type { IndexJobResult } from './indexWorker';
import type { ResolvedConfig } from './core/config';
import { type Article, parseArticle } from './core/parse/article';
import { looksLikeArticle } from './core/parse/sniff';
import type { CorpusContext } from './core/rules/rule';
import type { KeywordEvidence } from './core/keywords/segment';
import { folderExcluded, matchesAny } from './core/text/glob';

/** Default corpus settings. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.txt'];
export const DEFAULT_EXCLUDE: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.cache', '.vscode-test'];

/** Largest article file indexed, in bytes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Which files form the corpus. */
export interface CorpusScope {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}


/** A bounded map that forgets its oldest entries. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

/** Lists the files of a folder that match the scope: breadth first, sorted, excluded folders skipped, symlinks not followed. */
export async function* listCorpusFiles(root: string, scope: CorpusScope, isCancelled: () => boolean = () => false): AsyncGenerator<string> {
  for await (const batch of walk(root, '', scope, isCancelled)) yield* batch;
}

/** {@link listCorpusFiles} in batches (a folder's files, or the part listed in one time slice): no promise per file. */
export function listCorpusFileBatches(root: string, scope: CorpusScope, isCancelled: () => boolean = () => false): AsyncGenerator<string[]> {
  return walk(root, '', scope, isCancelled);
}

/**
 * Lists the corpus files below `folder`, a folder inside `root`, exactly as
 * {@link listCorpusFiles}(root) would list them (the scope's globs are relative to `root`):
 * nothing when the folder is outside the root, excluded, a symbolic link or not a folder.
 */
export async function* listCorpusFilesUnder(root: string, folder: string, scope: CorpusScope, isCancelled: () => boolean = () => false): AsyncGenerator<string> {
  const start = path.relative(root, folder).split(path.sep).join('/');
  if (start.startsWith('..') || path.isAbsolute(start)) return;
  if (start && folderExcluded(start, scope.exclude)) return;
  if (start) {
    try {
      if (!(await fs.lstat(folder)).isDirectory()) return; // symbolic links are not followed
    } catch {
      return;
    }
  }
  for await (const batch of walk(root, start, scope, isCancelled)) yield* batch;
}

/**
 * The corpus files from the folder `start` (relative to `root`, '' for the root) down, in
 * batches. A file costs a string test or two and one string: listing 100,000 files is a few
 * hundred milliseconds, given to requests every few milliseconds.
 */
async function* walk(root: string, start: string, scope: CorpusScope, isCancelled: () => boolean): AsyncGenerator<string[]> {
  const queue = [start];
  const slice = new TimeSlice();
  while (queue.length) {
    if (isCancelled()) return;
    const rel = queue.shift()!;
    const dir = path.join(root, rel);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // deleted while listing, or unreadable: skip
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A file's path is its folder's and its name (a name has no separator): no path.join per file.
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    let batch: string[] = [];
    for (const e of entries) {
      // A folder of tens of thousands of files: let requests in every few milliseconds.
      if (slice.due) {
        if (batch.length) yield batch;
        batch = [];
        await slice.next();
        if (isCancelled()) return;
      }
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!folderExcluded(childRel, scope.exclude)) queue.push(childRel);
      } else if (e.isFile() && matchesAny(childRel, scope.include) && !matchesAny(childRel, scope.exclude)) {
        batch.push(prefix + e.name);
      }
    }
    if (batch.length) yield batch;
  }
}

/**
 * Compares a second listing of the corpus files, taken once indexing is done, with the first one
 * (the files that were indexed). `added`: files listed now that the first listing missed (created
 * while it ran, in a folder it had already passed) and that nothing has indexed since (a file
 * event). `vanished`: files of the first listing that are gone now but still in the index (deleted
 * after being read, while indexing ran): both must be indexed again (a vanished file is forgotten).
 */
export function compareListings(first: ReadonlySet<string>, second: readonly string[], isIndexed: (file: string) => boolean): { added: string[]; vanished: string[] } {
  const now = new Set(second);
  const added = [...now].filter((f) => !first.has(f) && !isIndexed(f));
  const vanished = [...first].filter((f) => !now.has(f) && isIndexed(f));
  return { added, vanished };
}

/** What the host needs from its environment. */
export interface CorpusHostOptions {
  /** The text of an open document, when it is open (its editor text wins over the disk). */
  readonly openText?: (uri: string) => string | undefined;
  /** The configuration of a file. */
  readonly configFor: (uri: string) => ResolvedConfig;
  /** Worker threads for indexing many files (default: one per core, at most four; 0: index on this thread). */
  readonly indexThreads?: number;
}

/** Files per batch sent to an index worker. */
const POOL_BATCH = 32;

/** The corpus index with its file access. */
export class CorpusHost {
  readonly index = new CorpusIndex();
  private readonly shingles = new Lru<string, { summary: ArticleSummary; shingles: Uint32Array }>(500);
  private readonly lists = new Map<string, { mtime: number; vocabulary?: Set<string>; preferred?: Map<string, string> }>();

  constructor(private readonly options: CorpusHostOptions) {}

  /**
   * Parses a text as the corpus sees it: keyword lines split with the corpus's evidence and the
   * configured vocabulary (as last loaded: {@link keywordLists} loads it, {@link listsLoaded} first
   * where it must be there).
   */
  parse(uri: string, text: string, config: ResolvedConfig): Article {
    return parseArticle(text, { markers: config.markers, keywordSeparators: config.keywordSeparators, keywordEvidence: this.evidence(uri, config) });
  }

  /** The keyword evidence of an article: the index's counts, and the vocabulary of its configuration once loaded. */
  private evidence(uri: string, config: ResolvedConfig): KeywordEvidence {
    const file = config.keywordFiles.vocabulary;
    return keywordEvidence(this.index, uri, file ? this.lists.get(file)?.vocabulary : undefined);
  }

  /** Loads a configuration's keyword lists unless they are loaded (a changed file is read again by {@link keywordLists}). */
  async listsLoaded(config: ResolvedConfig): Promise<void> {
    const { vocabulary, preferredSpellings } = config.keywordFiles;
    const need = (vocabulary && this.lists.get(vocabulary)?.vocabulary === undefined) || (preferredSpellings && this.lists.get(preferredSpellings)?.preferred === undefined);
    if (need) await this.keywordLists(config);
  }

  /** Indexes (or forgets) one article from its text. Returns the summary, or undefined when the text is not an article. */
  indexText(uri: string, text: string, parsed?: Article): ArticleSummary | undefined {
    const config = this.options.configFor(uri);
    if (!parsed && !looksLikeArticle(text, config.markers)) {
      this.remove(uri);
      return undefined;
    }
    const article = parsed ?? this.parse(uri, text, config);
    const { entry, shingles: sh } = indexEntry(uri, article);
    const summary = this.index.set(entry.summary);
    this.shingles.set(uri, { summary, shingles: sh });
    return summary;
  }

  /** Forgets an article. */
  remove(uri: string): void {
    this.index.delete(uri);
    this.shingles.delete(uri);
  }

  /**
   * Forgets every indexed article below the given folders (deleted folders: a client reports a
   * deleted folder as one event for the folder, not one per file). Articles open in the editor
   * stay, as for a deleted file (their editor text is indexed). Returns the URIs forgotten.
   */
  removeUnder(folderUris: string | readonly string[]): string[] {
    const folders = new Set<string>();
    for (const folder of typeof folderUris === 'string' ? [folderUris] : folderUris) {
      const base = folder.replace(/\/+$/, '');
      if (!base) continue;
      folders.add(base);
      // The index's URIs of files read from disk are spelled as pathToFileURL spells them; a client may percent-encode differently.
      if (base.startsWith('file:')) {
        try {
          folders.add(pathToFileURL(fileURLToPath(base)).toString().replace(/\/+$/, ''));
        } catch {
          // not a file path: compared as sent
        }
      }
    }
    if (!folders.size) return [];
    const under = (uri: string): boolean => {
      for (let i = uri.lastIndexOf('/'); i > 0; i = uri.lastIndexOf('/', i - 1)) if (folders.has(uri.slice(0, i))) return true;
      return false;
    };
    const removed: string[] = [];
    for (const summary of this.index.all()) {
      if (under(summary.uri) && this.options.openText?.(summary.uri) === undefined) removed.push(summary.uri);
    }
    for (const uri of removed) this.remove(uri);
    return removed;
  }

  /**
   * Indexes the corpus files below a folder of a root (a folder created, moved or copied into a
   * workspace folder: a client may report it as one event for the folder), listed as
   * {@link listCorpusFilesUnder} lists them. Returns the URIs of the articles indexed.
   */
  async indexUnder(root: string, folder: string, scope: CorpusScope, isCancelled: () => boolean = () => false): Promise<string[]> {
    const files: string[] = [];
    for await (const f of listCorpusFilesUnder(root, folder, scope, isCancelled)) files.push(f);
    if (!files.length || isCancelled()) return [];
    await this.indexFiles(files, () => undefined, isCancelled);
    return files.map((f) => pathToFileURL(f).toString()).filter((uri) => this.index.get(uri) !== undefined);
  }

  /** Reads a file from disk, or undefined when it is gone, too large, binary or unreadable. */
  async readFile(file: string): Promise<string | undefined> {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      const buf = await fs.readFile(file);
      if (buf.includes(0)) return undefined; // binary (or UTF-16): not indexed
      return buf.toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** The text of an article: the open editor's, else the file on disk. */
  async textOf(uri: string): Promise<string | undefined> {
    const open = this.options.openText?.(uri);
    if (open !== undefined) return open;
    if (!uri.startsWith('file:')) return undefined;
    return this.readFile(fileURLToPath(uri));
  }

  /** Indexes one file from disk (or forgets it when it is gone or not an article). */
  async indexFile(file: string): Promise<void> {
    const uri = pathToFileURL(file).toString();
    if (this.options.openText?.(uri) !== undefined) return; // the editor's text is indexed instead
    const text = await this.readFile(file);
    if (text === undefined) this.remove(uri);
    else this.indexText(uri, text);
  }

  /**
   * Indexes many files in time slices, yielding to the event loop every `sliceMs` so that
   * requests are answered while it runs. Reports progress after each slice. Files are read and
   * parsed in worker threads when they can start (see indexPool.ts); this thread then only
   * splits space-joined keyword lines with the corpus's evidence and adds each entry to the
   * index, in file order, exactly as {@link indexText} would. `threads` overrides the host's
   * option (the `arabicNews.corpus.indexThreads` setting; 0: this thread only).
   */
  async indexFiles(files: readonly string[], progress: (done: number, total: number) => void, isCancelled: () => boolean, sliceMs = SLICE_MS, threads?: number): Promise<number> {
    threads ??= this.options.indexThreads ?? defaultIndexThreads();
    const pool = files.length >= 2 * POOL_BATCH && threads > 0 ? IndexPool.start(threads) : undefined;
    if (!pool) return this.indexFilesHere(files, 0, progress, isCancelled, sliceMs);
    let done = 0;
    try {
      const slice = new TimeSlice(sliceMs);
      const count = Math.ceil(files.length / POOL_BATCH);
      // Each batch's URIs, made once when it is sent (pathToFileURL is not cheap at 100,000 files).
      const batchUris = new Map<number, { uris: string[]; configs: ResolvedConfig[] }>();
      await runOrdered<IndexJobResult | undefined>(
        count,
        pool.concurrency,
        pool.concurrency * 2,
        (b) => {
          if (isCancelled()) return Promise.resolve(undefined);
          const configs: { markers: ResolvedConfig['markers']; keywordSeparators?: readonly string[] }[] = [];
          const ids = new Map<ResolvedConfig, number>();
          const uris: string[] = [];
          const fileConfigs: ResolvedConfig[] = [];
          batchUris.set(b, { uris, configs: fileConfigs });
          const batch = files.slice(b * POOL_BATCH, (b + 1) * POOL_BATCH).map((file) => {
            const uri = pathToFileURL(file).toString();
            uris.push(uri);
            const config = this.options.configFor(uri);
            fileConfigs.push(config);
            let id = ids.get(config);
            if (id === undefined) {
              ids.set(config, (id = configs.length));
              configs.push({ markers: config.markers, keywordSeparators: config.keywordSeparators });
            }
            return { path: file, uri, config: id };
          });
          return pool.run({ configs, files: batch });
        },
        async (result, b) => {
          const batchOf = batchUris.get(b);
          batchUris.delete(b);
          // Unpacked here, when the batch's turn comes, not when it arrives: a batch waiting
          // behind earlier ones stays a few buffers instead of thousands of young objects that
          // would survive collections and be promoted.
          const entries = result?.entries;
          if (!entries || !batchOf || isCancelled()) return;
          const { uris, configs } = batchOf;
          // The vocabulary is evidence too: loaded before the first entry that needs it.
          for (const config of new Set(configs)) await this.listsLoaded(config);
          for (let k = 0; k < entries.length && k < uris.length; k++) {
            const uri = uris[k]!;
            if (this.options.openText?.(uri) === undefined) {
              const entry = entries[k];
              if (!entry) this.remove(uri);
              else this.index.set(withEvidence(entry, this.evidence(uri, configs[k]!)));
            }
            done++;
            if (slice.due) {
              progress(done, files.length);
              await slice.next();
            }
          }
        },
      );
    } catch {
      // A worker failed: index what is left on this thread.
      await pool.close();
      return this.indexFilesHere(files, done, progress, isCancelled, sliceMs);
    }
    await pool.close();
    progress(done, files.length);
    return done;
  }

  /** Indexes files from `from` on on this thread, in time slices. */
  private async indexFilesHere(files: readonly string[], from: number, progress: (done: number, total: number) => void, isCancelled: () => boolean, sliceMs: number): Promise<number> {
    let done = from;
    const slice = new TimeSlice(sliceMs);
    const reads: Promise<string | undefined>[] = [];
    const ahead = 16; // read a few files ahead while parsing
    for (let i = from; i < Math.min(from + ahead, files.length); i++) reads[i] = this.readFile(files[i]!);
    for (let i = from; i < files.length; i++) {
      if (isCancelled()) return done;
      const text = await reads[i]!;
      reads[i] = Promise.resolve(undefined); // free the text
      if (i + ahead < files.length) reads[i + ahead] = this.readFile(files[i + ahead]!);
      const uri = pathToFileURL(files[i]!).toString();
      if (this.options.openText?.(uri) === undefined) {
        if (text === undefined) this.remove(uri);
        else {
          await this.listsLoaded(this.options.configFor(uri));
          this.indexText(uri, text);
        }
      }
      done++;
      if (slice.due) {
        progress(done, files.length);
        await slice.next();
      }
    }
    progress(done, files.length);
    return done;
  }

  /** The shingles of an indexed article (from the cache, else re-read and re-parsed). */
  async shinglesOf(uri: string): Promise<Uint32Array | undefined> {
    const summary = this.index.get(uri);
    if (!summary) return undefined;
    const cached = this.shingles.get(uri);
    if (cached && cached.summary === summary) return cached.shingles;
    const text = await this.textOf(uri);
    if (text === undefined) return undefined;
    const sh = articleShingles(parseArticle(text, { markers: this.options.configFor(uri).markers, keywords: false }));
    this.shingles.set(uri, { summary, shingles: sh });
    return sh;
  }

  /** Loads (and caches by modification time) the vocabulary and preferred-spellings files of a configuration. */
  async keywordLists(config: ResolvedConfig): Promise<{ vocabulary?: Set<string>; preferredSpellings?: Map<string, string> }> {
    const load = async <T>(file: string | undefined, parse: (text: string) => T, pick: (e: { vocabulary?: Set<string>; preferred?: Map<string, string> }) => T | undefined, store: (e: { vocabulary?: Set<string>; preferred?: Map<string, string> }, v: T) => void): Promise<T | undefined> => {
      if (!file) return undefined;
      try {
        const stat = await fs.stat(file);
        const hit = this.lists.get(file);
        if (hit && hit.mtime === stat.mtimeMs && pick(hit) !== undefined) return pick(hit);
        const value = parse(await fs.readFile(file, 'utf8'));
        const entry = hit && hit.mtime === stat.mtimeMs ? hit : { mtime: stat.mtimeMs };
        store(entry, value);
        this.lists.set(file, entry);
        return value;
      } catch {
        return undefined;
      }
    };
    return {
      vocabulary: await load(config.keywordFiles.vocabulary, parseVocabulary, (e) => e.vocabulary, (e, v) => (e.vocabulary = v)),
      preferredSpellings: await load(config.keywordFiles.preferredSpellings, parsePreferredSpellings, (e) => e.preferred, (e, v) => (e.preferred = v)),
    };
  }

  /** The corpus context of an article for the corpus rules: near-duplicates confirmed by exact Jaccard. */
  async contextFor(uri: string, article: Article, config: ResolvedConfig): Promise<CorpusContext> {
    const cached = this.shingles.get(uri);
    const own = cached && cached.summary === this.index.get(uri) ? cached.shingles : articleShingles(article);
    const twins = await findNearDuplicates(this.index, uri, own, duplicateThreshold(config), (u) => this.shinglesOf(u));
    const lists = await this.keywordLists(config);
    return corpusContext(this.index, uri, article, twins, lists);
  }
}

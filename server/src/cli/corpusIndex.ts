/**
 * The index pass: what the command line learns from every file of the run before it checks
 * any, so that a file is checked with the same corpus knowledge the editor has of its
 * workspace. Today that is the keyword lexicon the language server builds (keyword
 * segmentation evidence, as `evidenceFor` in server.ts); the corpus rules (AN3xx) plug their
 * own index in here.
 *
 * An index lives on two sides. In worker threads, `extract` turns one file's text into a
 * contribution; the main thread `add`s every contribution (in file order), then sends each
 * worker one `snapshot` and, with each file of the report pass, that file's `forFile` data; the
 * worker `load`s the snapshot and asks `context` for each file. Everything that crosses
 * threads must survive structured cloning (plain data, Maps, Sets, arrays). With `--jobs 1`
 * the same object plays both sides and nothing is copied.
 */
import { normalizeArabic } from '../core/arabic';
import type { KeywordEvidence } from '../core/keywords/segment';
import { termsOf } from '../workspaceScan';

/**
 * What the corpus contributes to one file's check. The corpus rules will add the rule
 * context here (`corpus?: CorpusContext` of rules/rule.ts), built in the worker from the
 * index snapshot, and check.ts will pass it to `analyze`.
 */
export interface CorpusView {
  /** Keyword segmentation evidence (the other articles' keywords). */
  readonly evidence?: KeywordEvidence;
}

/** A file of the run, as the indexes see it: its position in the sorted list and its paths. */
export interface IndexedFile {
  readonly index: number;
  readonly abs: string;
  readonly rel: string;
}

/** One corpus-wide index. */
export interface CorpusIndex<Contribution = unknown, Snapshot = unknown, PerFile = unknown> {
  readonly name: string;
  /** Main side, before the index pass: how many files the run has. */
  begin(fileCount: number): void;
  /** Worker side: what one file contributes, or undefined. `file` is the absolute path. */
  extract(text: string, file: string): Contribution | undefined;
  /** Main side: records a contribution (in file order). */
  add(file: IndexedFile, contribution: Contribution): void;
  /** Main side, after the index pass: what every worker receives once. */
  snapshot(): Snapshot;
  /** Main side: what is sent with one file of the report pass. */
  forFile(file: IndexedFile): PerFile;
  /** Worker side: receives the snapshot (not called when main and worker are the same object). */
  load(snapshot: Snapshot): void;
  /** Worker side: the context of one file's check. */
  context(perFile: PerFile): CorpusView;
}

/** A copy of a string that does not share the memory of a larger string it was sliced from. */
export function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * The keyword counts the language server keeps in its CorpusLexicon (server.ts `evidenceFor`),
 * kept compactly: every article's keywords (split without corpus evidence, `termsOf`),
 * counted once per article by normalised form; a file is checked with the counts of the other
 * articles, its own keywords subtracted. (CorpusLexicon also keeps every article's spellings
 * and sources for completion, which a run does not need: here an article costs a few integers.)
 */
export class KeywordLexiconIndex implements CorpusIndex<string[], Map<string, number>, string[]> {
  readonly name = 'keywords';
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private start = new Int32Array(0);
  private end = new Int32Array(0);
  private pool = new Int32Array(1024);
  private used = 0;
  private loaded: Map<string, number> | undefined;

  begin(fileCount: number): void {
    this.start = new Int32Array(fileCount);
    this.end = new Int32Array(fileCount);
  }

  /** The article's distinct normalised keywords, or undefined when the text is not an article. */
  extract(text: string): string[] | undefined {
    const terms = termsOf(text);
    if (!terms) return undefined;
    const keys = new Set<string>();
    for (const k of terms.keywords) {
      if (!k.trim()) continue;
      const key = normalizeArabic(k);
      if (key) keys.add(key);
    }
    // The parser's strings may be slices of the file's text, which they would keep alive: copy them.
    return [...keys].map(flatCopy);
  }

  add(file: IndexedFile, keys: string[]): void {
    if (this.used + keys.length > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, this.used + keys.length));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    this.start[file.index] = this.used;
    for (const key of keys) {
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.keys.length;
        this.ids.set(key, id);
        this.keys.push(key);
        this.counts.push(0);
      }
      this.counts[id]!++;
      this.pool[this.used++] = id;
    }
    this.end[file.index] = this.used;
  }

  snapshot(): Map<string, number> {
    const counts = new Map<string, number>();
    this.keys.forEach((k, id) => counts.set(k, this.counts[id]!));
    this.loaded = counts;
    return counts;
  }

  forFile(file: IndexedFile): string[] {
    const out: string[] = [];
    for (let i = this.start[file.index] ?? 0, e = this.end[file.index] ?? 0; i < e; i++) out.push(this.keys[this.pool[i]!]!);
    return out;
  }

  load(snapshot: Map<string, number>): void {
    this.loaded = snapshot;
  }

  context(own: string[]): CorpusView {
    const counts = this.loaded;
    if (!counts || counts.size === 0) return {};
    const mine = new Set(own);
    return { evidence: { keywordCount: (p) => (counts.get(p) ?? 0) - (mine.has(p) ? 1 : 0) } };
  }
}

/** The indexes of a run, in a fixed order (the same on every thread). */
export function createCorpusIndexes(): CorpusIndex[] {
  return [new KeywordLexiconIndex() as CorpusIndex];
}

/** Merges the contexts of several indexes (the first evidence wins). */
export function mergeContexts(contexts: readonly CorpusView[]): CorpusView {
  let evidence: KeywordEvidence | undefined;
  for (const c of contexts) evidence ??= c.evidence;
  return evidence ? { evidence } : {};
}

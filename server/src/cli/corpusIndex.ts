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
import { CorpusLexicon } from '../core/corpus/lexicon';
import type { KeywordEvidence } from '../core/keywords/segment';
import { termsOf } from '../workspaceScan';

/** What the corpus contributes to one file's check. */
export interface CorpusContext {
  /** Keyword segmentation evidence (the other articles' keywords). */
  readonly evidence?: KeywordEvidence;
}

/** One corpus-wide index. */
export interface CorpusIndex<Contribution = unknown, Snapshot = unknown, PerFile = unknown> {
  readonly name: string;
  /** Worker side: what one file contributes, or undefined. `file` is the absolute path. */
  extract(text: string, file: string): Contribution | undefined;
  /** Main side: records a contribution. */
  add(file: string, contribution: Contribution): void;
  /** Main side, after the index pass: what every worker receives once. */
  snapshot(): Snapshot;
  /** Main side: what is sent with one file of the report pass. */
  forFile(file: string): PerFile;
  /** Worker side: receives the snapshot (not called when main and worker are the same object). */
  load(snapshot: Snapshot): void;
  /** Worker side: the context of one file's check. */
  context(perFile: PerFile): CorpusContext;
}

type Terms = { keywords: string[]; source?: string };

/** A copy of a string that does not share the memory of a larger string it was sliced from. */
export function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * The keyword lexicon, exactly as the language server uses it: every article's keywords (split
 * without corpus evidence, `termsOf`), counted once per article by normalised form; a file is
 * checked with the counts of the other articles (its own keywords subtracted).
 */
export class KeywordLexiconIndex implements CorpusIndex<Terms, Map<string, number>, string[]> {
  readonly name = 'keywords';
  private readonly lexicon = new CorpusLexicon();
  private counts: Map<string, number> | undefined;

  extract(text: string): Terms | undefined {
    const terms = termsOf(text);
    // The parser's strings are slices of the file's text, which they would keep alive: copy them.
    return terms && { keywords: terms.keywords.map(flatCopy), source: terms.source === undefined ? undefined : flatCopy(terms.source) };
  }

  add(file: string, terms: Terms): void {
    this.lexicon.update(file, terms);
  }

  snapshot(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.lexicon.keywords()) counts.set(e.normalized, e.count);
    this.counts = counts;
    return counts;
  }

  forFile(file: string): string[] {
    return (this.lexicon.terms(file)?.keywords ?? []).map((k) => normalizeArabic(k));
  }

  load(snapshot: Map<string, number>): void {
    this.counts = snapshot;
  }

  context(own: string[]): CorpusContext {
    const counts = this.counts;
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
export function mergeContexts(contexts: readonly CorpusContext[]): CorpusContext {
  let evidence: KeywordEvidence | undefined;
  for (const c of contexts) evidence ??= c.evidence;
  return evidence ? { evidence } : {};
}

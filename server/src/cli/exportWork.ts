/**
 * The per-file work of `export` (export.ts), in one place for the main thread (`--jobs 1`, small
 * corpora) and the worker threads (worker.ts):
 *  - pass 1, {@link scanForExport}: read, parse, summarise, shingle; a batch of scans crosses
 *    threads packed ({@link packScans}): the summaries as core/corpus/wire.ts packs index
 *    entries, the shingles in one buffer;
 *  - pass 2, {@link exportRecord}: read again, split the keywords with the corpus's evidence,
 *    check with the corpus context, clean when asked, and give the record as one JSON line. The
 *    corpus answers come as plain data (core/corpus/portable.ts), since a worker has no index.
 */
import { lintParsed } from '../core/analysis';
import type { ResolvedConfig } from '../core/config';
import { articleShingles } from '../core/corpus/context';
import { type PortableArticle, type PortableCorpus, portableContext, portableEvidence } from '../core/corpus/portable';
import { type ArticleSummary, summarize } from '../core/corpus/summary';
import { type PackedEntries, packEntries, transferables, unpackEntries } from '../core/corpus/wire';
import { safeFixEdits } from '../core/features/codeActions';
import { type Article, parseArticle } from '../core/parse/article';
import { looksLikeArticle } from '../core/parse/sniff';
import type { EncodingInfo } from '../core/rules/rule';
import { applyEdits } from '../core/text/edits';
import { canConvertToUtf8, isCleanUtf8 } from '../core/text/encoding';
import { MAX_FILE_BYTES, MAX_FIX_ROUNDS } from './check';
import { compactSummary, toRecord } from './exportRecord';
import { KeywordLists } from './corpusIndex';
import { readDecoded } from './files';

/** Pass 1's answer for one file. */
export type ExportScan =
  | { readonly status: 'unreadable' }
  | { readonly status: 'not an article' }
  | { readonly status: 'article'; readonly summary: ArticleSummary; readonly shingles: Uint32Array };

/** Pass 1 for one file: `id` is its record id (the summary's key in the export's index). */
export function scanForExport(abs: string, id: string, config: ResolvedConfig): ExportScan {
  const read = readDecoded(abs, MAX_FILE_BYTES);
  if (!read) return { status: 'unreadable' };
  if (!looksLikeArticle(read.text, config.markers)) return { status: 'not an article' };
  const article = parseArticle(read.text, { markers: config.markers, keywordSeparators: config.keywordSeparators });
  const shingles = articleShingles(article);
  return { status: 'article', summary: compactSummary(summarize(id, article, shingles)), shingles };
}

/** A batch of scans as it crosses threads. */
export interface PackedScans {
  /** 0 article, 1 unreadable, 2 not an article, per file. */
  readonly status: Uint8Array;
  readonly summaries: PackedEntries;
  /** Every article's shingles, one after the other; `shingleCounts[k]` of file k (0 for a non-article). */
  readonly shingles: Uint32Array;
  readonly shingleCounts: Int32Array;
}

const STATUS = ['article', 'unreadable', 'not an article'] as const;

export function packScans(scans: readonly ExportScan[]): PackedScans {
  const status = new Uint8Array(scans.length);
  const shingleCounts = new Int32Array(scans.length);
  let total = 0;
  scans.forEach((s, k) => {
    status[k] = STATUS.indexOf(s.status);
    if (s.status === 'article') total += shingleCounts[k] = s.shingles.length;
  });
  const shingles = new Uint32Array(total);
  let at = 0;
  for (const s of scans) {
    if (s.status !== 'article') continue;
    shingles.set(s.shingles, at);
    at += s.shingles.length;
  }
  return { status, summaries: packEntries(scans.map((s) => (s.status === 'article' ? { summary: s.summary } : null))), shingles, shingleCounts };
}

/** The buffers of a packed batch, for `postMessage`'s transfer list. */
export function scanTransferables(p: PackedScans): ArrayBuffer[] {
  return [p.status.buffer, p.shingles.buffer, p.shingleCounts.buffer, ...transferables(p.summaries)] as ArrayBuffer[];
}

/** The scans of a packed batch (the shingles are views of its buffer). Throws on a malformed batch. */
export function unpackScans(p: PackedScans): ExportScan[] {
  const entries = unpackEntries(p.summaries);
  if (entries.length !== p.status.length || p.shingleCounts.length !== p.status.length) throw new Error('packed scans: truncated');
  const out: ExportScan[] = [];
  let at = 0;
  for (let k = 0; k < p.status.length; k++) {
    const status = STATUS[p.status[k]!];
    const entry = entries[k];
    if (status === 'article') {
      const n = p.shingleCounts[k]!;
      if (!entry || at + n > p.shingles.length) throw new Error('packed scans: truncated');
      out.push({ status, summary: entry.summary, shingles: p.shingles.subarray(at, at + n) });
      at += n;
    } else if (status) out.push({ status });
    else throw new Error('packed scans: bad status');
  }
  return out;
}

/** What `export` asks of pass 2, the same for every file. */
export interface ExportJob {
  readonly clean: boolean;
  readonly skipErrors: boolean;
}

/** Pass 2's question for one file. */
export interface ExportItem {
  readonly abs: string;
  readonly id: string;
  readonly article: PortableArticle;
}

/** Pass 2's answer: the record as one line of JSON (no line break), or why the file is left out. */
export type ExportOutcome = { readonly line: string } | { readonly skipped: 'unreadable' | 'errors' };

const UTF8: EncodingInfo = Object.freeze({ name: 'utf-8', confident: true, bom: false });

/** The configured vocabulary and preferred spellings (AN305, AN303), read once per thread. */
const keywordLists = new KeywordLists();

/** Pass 2 for one file. */
export function exportRecord(item: ExportItem, config: ResolvedConfig, corpus: PortableCorpus, job: ExportJob): ExportOutcome {
  const read = readDecoded(item.abs, MAX_FILE_BYTES);
  if (!read) return { skipped: 'unreadable' };
  const lists = keywordLists.of(config);
  const evidence = portableEvidence(corpus, item.article, lists.vocabulary);
  const parse = (text: string): Article => parseArticle(text, { markers: config.markers, keywordSeparators: config.keywordSeparators, keywordEvidence: evidence });
  let text = read.text;
  let article = parse(text);
  const context = portableContext(corpus, item.article, lists);
  let encoding = read.encoding;
  let analysis = lintParsed(article, config, undefined, encoding, context);
  if (job.clean && (isCleanUtf8(encoding) || canConvertToUtf8(encoding))) {
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
  if (job.skipErrors && analysis.diagnostics.some((d) => d.severity === 'error')) return { skipped: 'errors' };
  const problems = [...new Set(analysis.diagnostics.map((d) => d.ruleId))].sort();
  return { line: JSON.stringify(toRecord(item.id, analysis.article, problems)) };
}

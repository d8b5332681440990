/**
 * A batch of index entries as it crosses threads: every string of the batch in one array and
 * every number in a few typed arrays, instead of a tree of objects.
 *
 * Structured cloning writes each object with its property names and reads it back through
 * V8's slow object paths: a batch of 32 entries cost a worker about 15 µs an entry to send and
 * the receiving thread about as much to read, most of it on the keyword objects (about eight an
 * article). It also left the receiving thread with tens of thousands of short-lived objects a
 * second to collect while it answers requests. Packed, the batch is a handful of buffers, moved
 * without a copy (see {@link transferables}), and the entries are rebuilt with ordinary
 * allocations.
 *
 * {@link unpackEntries} of {@link packEntries} gives entries equal, field for field, to the
 * ones packed (a test holds them so).
 */
import { type IndexEntry, type KeywordLineTable } from './entry';
import type { ArticleSummary, KeywordPlace } from './summary';

/** An entry, with the command line's extra keywords (beyond the summary's first 200) when it has them. */
export type WireEntry = IndexEntry & { readonly moreKeywords?: readonly string[] };

/** A packed batch (plain data: strings and typed arrays only). */
export interface PackedEntries {
  readonly count: number;
  readonly strings: readonly string[];
  readonly ints: Int32Array;
  readonly scores: Float32Array;
  readonly attested: Uint8Array;
  readonly signatures: Uint32Array;
}

// Flags of an entry.
const PRESENT = 1;
const HAS_DATE = 2;
const HAS_SOURCE = 4;
const HAS_SOURCE_LINE = 8;
const HAS_LINE = 16;
const HAS_MORE = 32;
// Flags of a keyword.
const ATTESTED = 1;
const SAME_NORMALIZED = 2;

/** A growable Int32 buffer, reused from batch to batch (its contents are copied out at the end). */
class Ints {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  pushAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.push(values[i]!);
  }
}

const scratchInts = new Ints();
const scratch = { scores: new Float32Array(1024), attested: new Uint8Array(1024), signatures: new Uint32Array(4096) };

/** Packs a batch (null or undefined entries stay so). */
export function packEntries(entries: readonly (WireEntry | null | undefined)[]): PackedEntries {
  const strings: string[] = [];
  const ints = scratchInts;
  ints.length = 0;
  let scoreCells = 0;
  let signatureCells = 0;
  for (const e of entries) {
    if (!e) continue;
    signatureCells += e.summary.signature.length;
    if (e.keywordLine) scoreCells += e.keywordLine.scores.length;
  }
  // Written into scratch arrays first, then copied into one buffer of the batch's exact size
  // (see the end).
  if (scratch.scores.length < scoreCells) scratch.scores = new Float32Array(scoreCells * 2);
  if (scratch.attested.length < scoreCells) scratch.attested = new Uint8Array(scoreCells * 2);
  if (scratch.signatures.length < signatureCells) scratch.signatures = new Uint32Array(signatureCells * 2);
  const { scores, attested, signatures } = scratch;
  let scoreAt = 0;
  let signatureAt = 0;
  for (const e of entries) {
    if (!e) {
      ints.push(0);
      continue;
    }
    const s = e.summary;
    const t = e.keywordLine;
    const more = e.moreKeywords;
    let flags = PRESENT;
    if (s.date !== undefined) flags |= HAS_DATE;
    if (s.source !== undefined) flags |= HAS_SOURCE;
    if (s.sourceLine !== undefined) flags |= HAS_SOURCE_LINE;
    if (t) flags |= HAS_LINE;
    if (more) flags |= HAS_MORE;
    ints.push(flags);
    ints.push(s.headlineLine);
    ints.push(s.sourceLine ?? 0);
    ints.push(s.words);
    ints.push(s.paragraphs);
    strings.push(s.uri, s.headline, s.headlineNormalized);
    if (s.date !== undefined) strings.push(s.date);
    if (s.source !== undefined) strings.push(s.source);
    ints.push(s.keywords.length);
    for (const k of s.keywords) {
      const same = k.normalized === k.text;
      ints.push((k.attested ? ATTESTED : 0) | (same ? SAME_NORMALIZED : 0));
      ints.push(k.line);
      ints.push(k.start);
      ints.push(k.end);
      strings.push(k.text);
      if (!same) strings.push(k.normalized);
    }
    ints.push(s.signature.length);
    signatures.set(s.signature, signatureAt);
    signatureAt += s.signature.length;
    if (t) {
      const n = t.starts.length;
      ints.push(n);
      ints.push(t.line);
      ints.push(t.base);
      ints.pushAll(t.starts);
      ints.pushAll(t.ends);
      ints.push(t.keys.length);
      ints.push(t.lengths.length);
      ints.pushAll(t.lengths);
      ints.push(t.scores.length);
      scores.set(t.scores, scoreAt);
      attested.set(t.attested.subarray(0, t.scores.length), scoreAt);
      scoreAt += t.scores.length;
      strings.push(t.value);
      for (const key of t.keys) strings.push(key);
    }
    if (more) {
      ints.push(more.length);
      for (const m of more) strings.push(m);
    }
  }
  // The numbers of the batch share one buffer (signatures, scores and ints, then the attested
  // bytes): one buffer to move and, on the receiving thread, one for the collector to sweep
  // where there were four.
  const scoresAt = 4 * signatureCells;
  const intsAt = scoresAt + 4 * scoreCells;
  const attestedAt = intsAt + 4 * ints.length;
  const buffer = new ArrayBuffer(attestedAt + scoreCells);
  const packed: PackedEntries = {
    count: entries.length,
    strings,
    ints: new Int32Array(buffer, intsAt, ints.length),
    scores: new Float32Array(buffer, scoresAt, scoreCells),
    attested: new Uint8Array(buffer, attestedAt, scoreCells),
    signatures: new Uint32Array(buffer, 0, signatureCells),
  };
  packed.ints.set(ints.data.subarray(0, ints.length));
  packed.scores.set(scores.subarray(0, scoreCells));
  packed.attested.set(attested.subarray(0, scoreCells));
  packed.signatures.set(signatures.subarray(0, signatureCells));
  return packed;
}

/** The buffers of a packed batch, for `postMessage`'s transfer list (the sender must not use the batch after). */
export function transferables(p: PackedEntries): ArrayBuffer[] {
  // Listed once each: a transfer list with a buffer twice is an error.
  return [...new Set([p.ints.buffer, p.scores.buffer, p.attested.buffer, p.signatures.buffer])] as ArrayBuffer[];
}

/**
 * The entries of a packed batch. Typed arrays of the entries (signatures, phrase tables) are
 * views of the batch's buffers. Throws on a batch that is not what {@link packEntries} made.
 */
export function unpackEntries(p: PackedEntries): (WireEntry | null)[] {
  const out: (WireEntry | null)[] = [];
  const { ints, strings } = p;
  let i = 0;
  let si = 0;
  let scoreAt = 0;
  let signatureAt = 0;
  const int = (): number => {
    if (i >= ints.length) throw new Error('packed entries: truncated');
    return ints[i++]!;
  };
  const str = (): string => {
    if (si >= strings.length) throw new Error('packed entries: truncated');
    return strings[si++]!;
  };
  const view = (n: number): Int32Array => {
    if (i + n > ints.length) throw new Error('packed entries: truncated');
    const v = ints.subarray(i, i + n);
    i += n;
    return v;
  };
  for (let e = 0; e < p.count; e++) {
    const flags = int();
    if ((flags & PRESENT) === 0) {
      out.push(null);
      continue;
    }
    const headlineLine = int();
    const sourceLine = int();
    const words = int();
    const paragraphs = int();
    const uri = str();
    const headline = str();
    const headlineNormalized = str();
    const date = flags & HAS_DATE ? str() : undefined;
    const source = flags & HAS_SOURCE ? str() : undefined;
    const count = int();
    const keywords: KeywordPlace[] = new Array<KeywordPlace>(count);
    for (let k = 0; k < count; k++) {
      const kf = int();
      const line = int();
      const start = int();
      const end = int();
      const text = str();
      const normalized = kf & SAME_NORMALIZED ? text : str();
      keywords[k] = { text, normalized, line, start, end, attested: (kf & ATTESTED) !== 0 };
    }
    const size = int();
    if (signatureAt + size > p.signatures.length) throw new Error('packed entries: truncated');
    const signature = p.signatures.subarray(signatureAt, signatureAt + size);
    signatureAt += size;
    const summary: ArticleSummary = {
      uri,
      headline,
      headlineNormalized,
      headlineLine,
      date,
      source,
      sourceLine: flags & HAS_SOURCE_LINE ? sourceLine : undefined,
      keywords,
      signature,
      words,
      paragraphs,
    };
    let keywordLine: KeywordLineTable | undefined;
    if (flags & HAS_LINE) {
      const n = int();
      const line = int();
      const base = int();
      const starts = view(n);
      const ends = view(n);
      const keyCount = int();
      const lengths = Array.from(view(int()));
      const cells = int();
      if (scoreAt + cells > p.scores.length) throw new Error('packed entries: truncated');
      const scores = p.scores.subarray(scoreAt, scoreAt + cells);
      const attested = p.attested.subarray(scoreAt, scoreAt + cells);
      scoreAt += cells;
      const value = str();
      const keys: string[] = new Array<string>(keyCount);
      for (let k = 0; k < keyCount; k++) keys[k] = str();
      keywordLine = { value, line, base, starts, ends, keys, scores, attested, lengths };
    }
    let moreKeywords: string[] | undefined;
    if (flags & HAS_MORE) {
      const m = int();
      moreKeywords = new Array<string>(m);
      for (let k = 0; k < m; k++) moreKeywords[k] = str();
    }
    const entry: WireEntry = keywordLine ? { summary, keywordLine } : { summary };
    out.push(moreKeywords ? { ...entry, moreKeywords } : entry);
  }
  return out;
}

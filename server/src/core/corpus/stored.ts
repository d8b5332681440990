/**
 * How the corpus index keeps a summary: one object with its fields in place, the keywords packed
 * in one array, the signature in the index's slab. A summary as it arrives from a worker thread
 * (unpacked by wire.ts) is a tree of objects (each keyword an object of six properties with its own property
 * store: about a hundred bytes), and 100,000 of them were most of the index.
 */
import { SIGNATURE_SIZE } from './shingles';
import type { ArticleKeywords } from './lexicon';
import type { ArticleSummary, KeywordPlace } from './summary';

/**
 * Slots per keyword in {@link StoredSummary.packed}. Nearly always a summary's keywords are on one
 * line with columns below 32,768: then three, text, normalised form and one small integer
 * (start · 2^16 + length · 2 + attested), the line kept once. Else six: text, normalised form,
 * line, start, end, attested (1 or 0). Three slots fewer per keyword is about 200 bytes an article.
 */
const COMPACT_SLOTS = 3;
const FULL_SLOTS = 6;
/** Columns and lengths the compact form holds (15 bits each, so that the integer stays below 2^31). */
const COMPACT_LIMIT = 1 << 15;

/** Signatures per chunk of the slab (128 KB). */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Every article's MinHash signature, by slot, in chunks of 1,024 that never move: a slab that
 * grows adds a chunk, where one buffer had to be copied whole (or reserved at its final size up
 * front, 13 MB at once for 100,000 articles). A signature's values are below 2^16 ({@link minhash}),
 * so they are kept as 16-bit integers.
 */
export class SignatureSlab {
  private readonly chunks: Uint16Array[] = [];

  set(slot: number, signature: Uint32Array): void {
    const c = slot >> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(new Uint16Array(CHUNK * SIGNATURE_SIZE));
    this.chunks[c]!.set(signature.subarray(0, SIGNATURE_SIZE), (slot & (CHUNK - 1)) * SIGNATURE_SIZE);
  }

  /** The share of positions where a signature equals a slot's (estimateJaccard without a copy). */
  agreement(signature: Uint32Array, slot: number): number {
    const d = this.chunks[slot >> CHUNK_BITS];
    if (!d) return 0;
    const at = (slot & (CHUNK - 1)) * SIGNATURE_SIZE;
    let same = 0;
    for (let i = 0; i < SIGNATURE_SIZE; i++) if (signature[i] === d[at + i]) same++;
    return same / SIGNATURE_SIZE;
  }

  /** A copy of a slot's signature. */
  copy(slot: number): Uint32Array {
    const out = new Uint32Array(SIGNATURE_SIZE);
    const d = this.chunks[slot >> CHUNK_BITS];
    if (d) out.set(d.subarray((slot & (CHUNK - 1)) * SIGNATURE_SIZE, ((slot & (CHUNK - 1)) + 1) * SIGNATURE_SIZE));
    return out;
  }
}

/** A summary as the index keeps it (see the module comment). */
export class StoredSummary implements ArticleSummary, ArticleKeywords {
  readonly uri: string;
  readonly headline: string;
  readonly headlineNormalized: string;
  readonly headlineLine: number;
  readonly date: string | undefined;
  readonly source: string | undefined;
  readonly sourceLine: number | undefined;
  readonly words: number;
  readonly paragraphs: number;
  problems: Readonly<Record<string, number>> | undefined;
  /** The keywords, {@link COMPACT_SLOTS} or {@link FULL_SLOTS} slots each, their strings shared through `intern`. */
  private readonly packed: readonly (string | number)[];
  /** The line of every keyword in the compact form; -1 for the full form. */
  private readonly keywordLine: number;
  /** The signature, copied out of the slab when the article leaves the index (its slot is reused). */
  private own: Uint32Array | undefined;

  constructor(
    s: ArticleSummary,
    intern: (s: string) => string,
    private readonly slab: SignatureSlab,
    readonly slot: number,
  ) {
    this.uri = s.uri;
    this.headline = s.headline;
    this.headlineNormalized = s.headlineNormalized;
    this.headlineLine = s.headlineLine;
    this.date = s.date === undefined ? undefined : intern(s.date);
    this.source = s.source === undefined ? undefined : intern(s.source);
    this.sourceLine = s.sourceLine;
    this.words = s.words;
    this.paragraphs = s.paragraphs;
    this.problems = s.problems;
    const keywords = s.keywords;
    const line = keywords.length ? keywords[0]!.line : 0;
    const compact = keywords.every((k) => k.line === line && Number.isInteger(k.start) && Number.isInteger(k.end) && k.start >= 0 && k.start < COMPACT_LIMIT && k.end >= k.start && k.end - k.start < COMPACT_LIMIT);
    const slots = compact ? COMPACT_SLOTS : FULL_SLOTS;
    // Exactly as long as it needs to be (pushing leaves up to half as many slots again unused).
    const packed = new Array<string | number>(keywords.length * slots);
    let at = 0;
    for (const k of keywords) {
      const text = intern(k.text);
      packed[at++] = text;
      packed[at++] = k.normalized === text ? text : intern(k.normalized);
      if (compact) packed[at++] = k.start * 0x10000 + (k.end - k.start) * 2 + (k.attested ? 1 : 0);
      else {
        packed[at++] = k.line;
        packed[at++] = k.start;
        packed[at++] = k.end;
        packed[at++] = k.attested ? 1 : 0;
      }
    }
    this.packed = packed;
    this.keywordLine = compact ? line : -1;
    slab.set(slot, s.signature);
  }

  /** The signature (a copy while the article is in the index). */
  get signature(): Uint32Array {
    return this.own ?? this.slab.copy(this.slot);
  }

  /** Called when the article leaves the index: the summary keeps its own signature, whoever holds it. */
  retire(): void {
    this.own ??= this.slab.copy(this.slot);
  }

  private get slots(): number {
    return this.keywordLine >= 0 ? COMPACT_SLOTS : FULL_SLOTS;
  }

  /** How many keywords there are. */
  get keywordCount(): number {
    return this.packed.length / this.slots;
  }

  /** The text of keyword i. */
  textAt(i: number): string {
    return this.packed[i * this.slots] as string;
  }

  /** The normalised form of keyword i. */
  normalizedAt(i: number): string {
    return this.packed[i * this.slots + 1] as string;
  }

  /** Whether keyword i is attested. */
  attestedAt(i: number): boolean {
    return this.keywordLine >= 0 ? ((this.packed[i * COMPACT_SLOTS + 2] as number) & 1) === 1 : this.packed[i * FULL_SLOTS + 5] === 1;
  }

  /** The keywords as objects (made on each call: use the accessors above in loops over the corpus). */
  get keywords(): KeywordPlace[] {
    const p = this.packed;
    const out: KeywordPlace[] = [];
    const line = this.keywordLine;
    if (line >= 0) {
      for (let i = 0; i < p.length; i += COMPACT_SLOTS) {
        const n = p[i + 2] as number;
        const start = Math.floor(n / 0x10000);
        out.push({ text: p[i] as string, normalized: p[i + 1] as string, line, start, end: start + ((n & 0xffff) >> 1), attested: (n & 1) === 1 });
      }
      return out;
    }
    for (let i = 0; i < p.length; i += FULL_SLOTS) {
      out.push({ text: p[i] as string, normalized: p[i + 1] as string, line: p[i + 2] as number, start: p[i + 3] as number, end: p[i + 4] as number, attested: p[i + 5] === 1 });
    }
    return out;
  }
}

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
 * How {@link StoredSummary.packed} holds the keywords. Nearly always a summary's keywords are on
 * one line with columns below 32,768: then compactly, as a string of four UTF-16 code units a
 * keyword (its text and normalised form as one id of the index's {@link KeywordStore}, low and
 * high half; its start; its length · 2 + attested), the line kept once: 8 bytes a keyword and a
 * string header, where an array of three slots a keyword took 24 bytes and an array's 48 bytes
 * of headers (11 MB less at 100,000 articles). Else as an array of six slots a keyword: text,
 * normalised form, line, start, end, attested (1 or 0).
 */
const COMPACT_UNITS = 4;
const FULL_SLOTS = 6;
/** Columns and lengths the compact form holds (15 bits each). */
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

/**
 * What the index's summaries share: one copy of each keyword, source and date string, the
 * (text, normalised form) pairs of the keywords by number, and the signatures' slab. Like the
 * strings, a pair is kept after its last article is gone: the pool is bounded by the distinct
 * keywords ever indexed.
 */
export class KeywordStore {
  readonly signatures = new SignatureSlab();
  private readonly strings = new Map<string, string>();
  private readonly texts: string[] = [];
  private readonly normalizedForms: string[] = [];
  /** The first pair of each text; a text seen with another normalised form is found in {@link byPair}. */
  private readonly byText = new Map<string, number>();
  private readonly byPair = new Map<string, number>();

  /** The kept copy of a string. */
  intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  /** The number of a keyword's (text, normalised form) pair. */
  pair(text: string, normalized: string): number {
    const first = this.byText.get(text);
    if (first !== undefined && this.normalizedForms[first] === normalized) return first;
    const key = first === undefined ? undefined : `${text}\u0000${normalized}`;
    if (key !== undefined) {
      const id = this.byPair.get(key);
      if (id !== undefined) return id;
    }
    const id = this.texts.length;
    const t = this.intern(text);
    this.texts.push(t);
    this.normalizedForms.push(normalized === text ? t : this.intern(normalized));
    if (key === undefined) this.byText.set(t, id);
    else this.byPair.set(key, id);
    return id;
  }

  text(pair: number): string {
    return this.texts[pair]!;
  }

  normalized(pair: number): string {
    return this.normalizedForms[pair]!;
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
  /** The keywords: compact, a string of {@link COMPACT_UNITS} code units each; else {@link FULL_SLOTS} slots each, their strings interned. */
  private readonly packed: string | readonly (string | number)[];
  /** The line of every keyword in the compact form; -1 for the full form. */
  private readonly keywordLine: number;
  /** The signature, copied out of the slab when the article leaves the index (its slot is reused). */
  private own: Uint32Array | undefined;

  constructor(
    s: ArticleSummary,
    private readonly store: KeywordStore,
    readonly slot: number,
  ) {
    this.uri = s.uri;
    this.headline = s.headline;
    this.headlineNormalized = s.headlineNormalized;
    this.headlineLine = s.headlineLine;
    this.date = s.date === undefined ? undefined : store.intern(s.date);
    this.source = s.source === undefined ? undefined : store.intern(s.source);
    this.sourceLine = s.sourceLine;
    this.words = s.words;
    this.paragraphs = s.paragraphs;
    this.problems = s.problems;
    const keywords = s.keywords;
    const line = keywords.length ? keywords[0]!.line : 0;
    const compact = keywords.every((k) => k.line === line && Number.isInteger(k.start) && Number.isInteger(k.end) && k.start >= 0 && k.start < COMPACT_LIMIT && k.end >= k.start && k.end - k.start < COMPACT_LIMIT);
    if (compact) {
      // One flat string made at once (appending would make a chain of pieces).
      const units: number[] = [];
      for (const k of keywords) {
        const pair = store.pair(k.text, k.normalized);
        units.push(pair & 0xffff, pair >>> 16, k.start, (k.end - k.start) * 2 + (k.attested ? 1 : 0));
      }
      this.packed = String.fromCharCode(...units);
    } else {
      // Exactly as long as it needs to be (pushing leaves up to half as many slots again unused).
      const packed = new Array<string | number>(keywords.length * FULL_SLOTS);
      let at = 0;
      for (const k of keywords) {
        const text = store.intern(k.text);
        packed[at++] = text;
        packed[at++] = k.normalized === text ? text : store.intern(k.normalized);
        packed[at++] = k.line;
        packed[at++] = k.start;
        packed[at++] = k.end;
        packed[at++] = k.attested ? 1 : 0;
      }
      this.packed = packed;
    }
    this.keywordLine = compact ? line : -1;
    store.signatures.set(slot, s.signature);
  }

  /** The signature (a copy while the article is in the index). */
  get signature(): Uint32Array {
    return this.own ?? this.store.signatures.copy(this.slot);
  }

  /** Called when the article leaves the index: the summary keeps its own signature, whoever holds it. */
  retire(): void {
    this.own ??= this.store.signatures.copy(this.slot);
  }

  /** The pair number of compact keyword i. */
  private pairAt(i: number): number {
    const p = this.packed as string;
    return p.charCodeAt(i * COMPACT_UNITS) + p.charCodeAt(i * COMPACT_UNITS + 1) * 0x10000;
  }

  /** How many keywords there are. */
  get keywordCount(): number {
    return this.keywordLine >= 0 ? this.packed.length / COMPACT_UNITS : this.packed.length / FULL_SLOTS;
  }

  /** The text of keyword i. */
  textAt(i: number): string {
    return this.keywordLine >= 0 ? this.store.text(this.pairAt(i)) : ((this.packed as readonly (string | number)[])[i * FULL_SLOTS] as string);
  }

  /** The normalised form of keyword i. */
  normalizedAt(i: number): string {
    return this.keywordLine >= 0 ? this.store.normalized(this.pairAt(i)) : ((this.packed as readonly (string | number)[])[i * FULL_SLOTS + 1] as string);
  }

  /** Whether keyword i is attested. */
  attestedAt(i: number): boolean {
    return this.keywordLine >= 0 ? ((this.packed as string).charCodeAt(i * COMPACT_UNITS + 3) & 1) === 1 : (this.packed as readonly (string | number)[])[i * FULL_SLOTS + 5] === 1;
  }

  /** The keywords as objects (made on each call: use the accessors above in loops over the corpus). */
  get keywords(): KeywordPlace[] {
    const out: KeywordPlace[] = [];
    const line = this.keywordLine;
    if (line >= 0) {
      const p = this.packed as string;
      for (let i = 0; i < p.length / COMPACT_UNITS; i++) {
        const pair = this.pairAt(i);
        const start = p.charCodeAt(i * COMPACT_UNITS + 2);
        const n = p.charCodeAt(i * COMPACT_UNITS + 3);
        out.push({ text: this.store.text(pair), normalized: this.store.normalized(pair), line, start, end: start + (n >> 1), attested: (n & 1) === 1 });
      }
      return out;
    }
    const p = this.packed as readonly (string | number)[];
    for (let i = 0; i < p.length; i += FULL_SLOTS) {
      out.push({ text: p[i] as string, normalized: p[i + 1] as string, line: p[i + 2] as number, start: p[i + 3] as number, end: p[i + 4] as number, attested: p[i + 5] === 1 });
    }
    return out;
  }
}

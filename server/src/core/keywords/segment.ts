/**
 * Splitting a keywords line (`كلمات دلالية: …`) back into its keywords.
 *
 * The scraper joined the site's tag links with single spaces, so
 * `الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج` has lost the boundaries
 * between `الزعيم الكوري الشمالي` · `كيم جونج أون` · `فلاديمير بوتين` · `موسكو` · `بيونج يانج`.
 * `segmentKeywords` restores them by dynamic programming over token positions: every
 * segmentation into phrases of 1–6 tokens is scored as the sum of its phrases' scores, and the
 * best one wins. A phrase's score adds up evidence from
 *
 * - the corpus: how often the phrase is a keyword of its own in other articles;
 * - a controlled vocabulary, when one is given;
 * - the article itself: whether the phrase occurs word for word in the headline or body, and
 *   whether those occurrences are bounded by punctuation, a line edge, a preposition, a
 *   conjunction or a proclitic (`لموسكو`); whether two neighbouring tokens of the line are
 *   neighbours in the text, and how exclusively;
 * - the shape of Arabic noun phrases: a definite adjective (`الكوري`, `الشمالي`) continues the
 *   phrase before it, a name after a definite word (`الشمالي كيم`) starts a new one unless the
 *   definite word is a title (`الرئيس`, `الأمير`), `بن`/`عبد`/`أبو` never end a keyword, a
 *   preposition never starts or ends one;
 * - a length prior: keywords of 1–3 words are common, 5–6 rare, longer ones are not considered.
 *
 * The weights are in {@link WEIGHTS}; docs/keywords.md explains them and gives the accuracy
 * measured on test/fixtures/keywords. The module is pure: no file system, no protocol.
 */

import { normalizeArabic } from '../arabic';
import { classAt, isPairAt, LETTER_OR_NUMBER, MARK, wordCharTable } from '../text/wordChars';

/** Corpus knowledge, all keyed by normalizeArabic(phrase). */
export interface KeywordEvidence {
  /** In how many other articles this exact phrase is one keyword (0 if never). */
  keywordCount(normalizedPhrase: string): number;
  /** Whether a controlled vocabulary contains the phrase (optional). */
  inVocabulary?(normalizedPhrase: string): boolean;
  /**
   * Optional quick filters: false when no phrase starting (ending) with this word (a token key)
   * can have a `keywordCount` above 0, so that segmentation does not build and look up the
   * phrases. They must never say false for a word that starts (ends) a counted phrase.
   */
  mayStart?(word: string): boolean;
  mayEnd?(word: string): boolean;
}

/** What `segmentKeywords` may consult besides the tokens. */
export interface SegmentContext {
  /**
   * Headline and body paragraphs of the main article (not the read-also section): either raw
   * text, normalised and indexed on every call, or the result of {@link prepareTexts}, which
   * does that work once for an article that is segmented repeatedly (as in an editor).
   */
  texts: readonly string[] | PreparedTexts;
  /** Corpus statistics and vocabulary; without them only the article's own text is used. */
  evidence?: KeywordEvidence;
}

/** A keyword found by {@link splitKeywordLine}: its trimmed text and UTF-16 offsets into the line. */
export interface KeywordItem {
  /** The item's text, trimmed of white space; never empty. */
  text: string;
  /** Offset of the first code unit of `text` in the line's value. */
  start: number;
  /** Offset just past the last code unit of `text` (`value.slice(start, end) === text`). */
  end: number;
}

/** The longest keyword considered, in tokens. */
export const MAX_KEYWORD_TOKENS = 6;

/**
 * The scoring weights (log-odds-like units; a segmentation's score is the sum over its phrases).
 * Exported read-only for documentation and tests; see docs/keywords.md.
 */
export const WEIGHTS = Object.freeze({
  /** Cost of every keyword: favours fewer, longer keywords when nothing else decides. */
  perKeyword: 0.6,
  /** Added to a phrase of 1, 2, … 6 tokens. */
  length: Object.freeze([0, 0, -0.2, -0.7, -1.6, -2.6]),
  /** Per token of a phrase that is a keyword elsewhere in the corpus: base + log(1 + count). */
  corpusBase: 2.5,
  corpusLog: 0.5,
  /** Per token of a phrase that the vocabulary holds. */
  vocabulary: 2.5,
  /** Weight of the mean left/right boundary strength of a phrase's occurrences in the text. */
  edge: 1.0,
  /** Pseudo-count that shrinks that mean when a phrase occurs only once or twice. */
  edgeShrink: 0.5,
  /** Left edge of an occurrence: line edge or punctuation, proclitic, preceded by a particle, anything else. */
  leftHard: 1.0,
  leftClitic: 0.7,
  leftParticle: 0.6,
  leftOther: 0.2,
  /** Right edge of an occurrence: line edge or punctuation, followed by a particle, by a `و` word, anything else. */
  rightHard: 1.0,
  rightParticle: 0.6,
  rightConjunction: 0.4,
  rightOther: 0.2,
  /** A keyword that never occurs in the text (when the text has words): keywords usually do. */
  keywordAbsent: -0.5,
  /** Gap between two tokens of the line (positive = boundary), from the text: */
  gapNeverAdjacentBothSeen: 2.0,
  gapNeverAdjacentOneSeen: 0.6,
  gapNeverAdjacentUnseen: 0.3,
  /** The pair occurs but separated by punctuation or a conjunction (`أ، ب`, `أ وب`). */
  gapSeparated: 1.0,
  /** Times (share of a's occurrences followed by b + share of b's preceded by a). */
  gapCohesion: -1.0,
  /** A title followed, within three words, by b (`الرئيس عبد الفتاح السيسي` for the tag `الرئيس السيسي`). */
  titleNear: -2.0,
  /** Gap, from the shape of the words: */
  afterNeverFinal: -3.0,
  aroundParticle: -1.5,
  beforeNumber: -1.0,
  definiteThenName: 1.5,
  titleThenName: -0.5,
  /** A title usually starts a keyword (`ولي العهد السعودي | الأمير محمد بن سلمان`). */
  beforeTitle: 1.0,
  /** `بن`/`بنت` never start a keyword. */
  beforeNameLink: -2.0,
  beforeDefiniteAdjective: -0.8,
  beforeConjoined: -1.5,
  definiteThenDefinite: 0.3,
  indefiniteThenDefinite: -0.3,
  indefiniteThenIndefinite: -0.2,
  /** A token that normalises to nothing (a stray dash): always a keyword of its own. */
  aroundEmpty: 5.0,
});

/** How many occurrences of one phrase are examined at most (keeps junk input linear). */
const MAX_OCCURRENCES = 64;

// ---------------------------------------------------------------------------------------------
// Word lists (normalised at load time, so they can be written in ordinary spelling).

const norm = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean).map(normalizeArabic));

/** Prepositions, conjunctions, relatives and a few reporting verbs: they bound noun phrases. */
const PARTICLES = norm(`
  في من إلى الى على عن مع بين حول ضد عبر لدى منذ خلال أمام خلف فوق تحت نحو تجاه بشأن وسط وفق دون
  أن إن أنه إنه أنها إنها بأن لأن كما لكن بل قد لقد لم لن لا ما إذا إذ حيث حتى ثم أو أم و ف
  بعد قبل عند عقب إثر لصالح ضمن التي الذي الذين اللذين اللتين اللاتي هذا هذه ذلك تلك هو هي هم
  كان كانت يكون تكون أي كل بعض غير عبر لدي
  قال وقال أكد وأكد أضاف وأضاف أوضح وأوضح أشار وأشار أعلن وأعلن ذكر وذكر كشف وكشف أفاد وأفاد
  يقول تقول قالت وقالت أكدت وأكدت أعلنت وأعلنت
`);

/** Words that are never the last word of a keyword (`محمد بن سلمان`, `عبد الله`, `أبو ظبي`, `آل سعود`). */
const NEVER_FINAL = norm(`بن ابن بنت عبد أبو أبي أم آل ذو ذي ولي`);

/** Words that never start a keyword: the links inside a genealogical name. */
const NEVER_INITIAL = norm(`بن بنت`);

/** Titles that may precede a name inside one keyword (`الرئيس عبد الفتاح السيسي`). */
const TITLES = norm(`
  الرئيس الملك الأمير الأميرة الشيخ الشيخة السلطان الإمام البابا الملكة الزعيم الفريق اللواء
  المشير العقيد الدكتور المستشار السفير الوزير النجم الفنان الفنانة اللاعب المدرب الكابتن المهندس
  السيد السيدة الرئيسة الحاج القس
`);

/** Proclitics stripped from the first word of an occurrence (`لموسكو`, `وبيونج`, `للرئيس`). */
const PROCLITICS = ['وب', 'ول', 'وك', 'فب', 'فل', 'و', 'ف', 'ب', 'ل', 'ك'];

/** What a word of the text is ({@link scanWordSpans} implements it with a table; a test holds them equal). */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-_.'’/][\p{L}\p{N}\p{M}]+)*/gu;
const OUTER_NON_WORD = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu;
const DIGITS = /^\d+$/;

/** The matching key of a raw token: normalised, outer punctuation and symbols removed. */
export function tokenKey(token: string): string {
  return normalizeArabic(token).replace(OUTER_NON_WORD, '');
}

/** The forms of `w` with one proclitic removed (`للرئيس` → `الرئيس`, `وموسكو` → `موسكو`). */
function cliticStems(w: string): string[] {
  const out: string[] = [];
  if (w.startsWith('لل') && w.length >= 4) out.push('ا' + w.slice(1));
  if ((w.startsWith('ولل') || w.startsWith('فلل')) && w.length >= 5) out.push('ا' + w.slice(2));
  for (const p of PROCLITICS) {
    if (w.startsWith(p) && w.length - p.length >= 2) out.push(w.slice(p.length));
  }
  return out;
}

const isParticle = (w: string): boolean => PARTICLES.has(w);
const isDefinite = (w: string): boolean => w.length >= 4 && (w.startsWith('ال') || w.startsWith('لل')) && !PARTICLES.has(w);
const isDefiniteAdjective = (w: string): boolean =>
  isDefinite(w) && w.length >= 5 && (w.endsWith('ي') || w.endsWith('يه') || w.endsWith('يين') || w.endsWith('يون'));

// ---------------------------------------------------------------------------------------------
// The article's text, tokenised and indexed once.

const JOINERS = new Set([0x2d, 0x5f, 0x2e, 0x27, 0x2019, 0x2f]); // - _ . ' ’ /

/**
 * Appends the start and end offsets of the words of a normalised text to `starts` and `ends`,
 * and to `hard` whether each is separated from the previous one by something other than a space
 * (the text's start counts). A word is what {@link WORD} matches: a letter or number, then
 * letters, numbers and marks, with inner `-_.'’/` between such runs (`كوفيد-19`). A table scan,
 * not the regex: this runs on every paragraph of every article indexed.
 */
export function scanWordSpans(text: string, starts: number[], ends: number[], hard: number[]): void {
  const t = wordCharTable();
  const n = text.length;
  let previousEnd = -1;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i, t);
    if (cls !== LETTER_OR_NUMBER) {
      i += isPairAt(text, i) ? 2 : 1;
      continue;
    }
    const start = i;
    i += isPairAt(text, i) ? 2 : 1;
    for (;;) {
      while (i < n) {
        const c = classAt(text, i, t);
        if (c !== LETTER_OR_NUMBER && c !== MARK) break;
        i += isPairAt(text, i) ? 2 : 1;
      }
      // A joiner continues the word when a letter, number or mark follows it.
      if (i + 1 < n && JOINERS.has(text.charCodeAt(i))) {
        const next = classAt(text, i + 1, t);
        if (next === LETTER_OR_NUMBER || next === MARK) {
          i += 1;
          continue;
        }
      }
      break;
    }
    let separated = previousEnd < 0;
    for (let c = previousEnd; !separated && c < start; c++) if (text.charCodeAt(c) !== 0x20) separated = true;
    hard.push(separated ? 1 : 0);
    starts.push(start);
    ends.push(i);
    previousEnd = i;
  }
}

/**
 * The main article's headline and paragraphs, normalised, tokenised and indexed for phrase
 * look-up. Build it with {@link prepareTexts}; it is immutable and can be shared between calls.
 */
export class PreparedTexts {
  /** @internal Word (and proclitic-stripped stem) keys → small integer ids. */
  private readonly dict = new Map<string, number>();
  // Plain arrays of small integers, not typed arrays: a typed array of more than 64 bytes has its
  // store outside the heap, and allocating five of them per article cost more than filling them.
  /** @internal Word k of the texts is `wordText[k].slice(wordStart[k], wordEnd[k])` (n words): made a string only when needed. */
  private readonly wordText: readonly string[];
  private readonly wordStart: readonly number[];
  private readonly wordEnd: readonly number[];
  /** @internal Id of each word of the texts, in order (n words). */
  readonly ids: readonly number[];
  /** @internal `hard[k]` is 1 when a text edge or punctuation separates word k-1 from word k (k = 0…n). */
  readonly hard: readonly number[];
  /** @internal Shape flags of word k, computed when first asked (see {@link isParticleAt}): 0 unknown. */
  private readonly flags: number[];
  /** @internal Id of word k without a leading `و`/`ف`, or -1. */
  readonly conjStem: readonly number[];
  /** @internal Ids of word k with a proclitic removed: `stemIds[stemStart[k] … stemStart[k+1])`. */
  readonly stemStart: readonly number[];
  readonly stemIds: readonly number[];
  /** @internal Positions of the words equal to id (exactly / behind a proclitic), at most MAX_OCCURRENCES each. */
  readonly exactAt: number[][] = [];
  readonly cliticAt: number[][] = [];
  /** @internal Full counts per id (not capped). */
  readonly exactCount: number[] = [];
  readonly cliticCount: number[] = [];

  /**
   * @internal Use {@link prepareTexts}. With `relevant` (the keys of the keyword line's tokens,
   * the only keys ever looked up), words that are not relevant get a unique negative id and no
   * stems: indexing a long body then costs a fraction of the full work.
   */
  constructor(texts: readonly string[], relevant?: ReadonlySet<string>, normalized = false) {
    const wordText: string[] = [];
    const wordStart: number[] = [];
    const wordEnd: number[] = [];
    const hard: number[] = [];
    // A text in which no relevant key occurs (even inside a word, or without its ال as after
    // لل) contributes nothing to look up: skip it whole. Word positions of different texts
    // never meet (a text edge is a hard boundary), so skipping changes no answer.
    let probes: string[] | undefined;
    if (relevant) {
      probes = [];
      for (const k of relevant) probes.push(k.startsWith('ال') && k.length > 3 ? k.slice(2) : k);
    }
    for (const raw of texts) {
      if (typeof raw !== 'string' || raw.length === 0) continue;
      const text = normalized ? raw : normalizeArabic(raw);
      if (probes && !probes.some((p) => text.includes(p))) continue;
      const from = wordStart.length;
      scanWordSpans(text, wordStart, wordEnd, hard);
      for (let k = from; k < wordStart.length; k++) wordText.push(text);
    }
    hard.push(1);
    const n = wordStart.length;
    this.wordText = wordText;
    this.wordStart = wordStart;
    this.wordEnd = wordEnd;
    this.hard = hard;
    // Filled by push, in order, so that each stays a packed array of small integers.
    const ids: number[] = [];
    const flags: number[] = [];
    const conjStem: number[] = [];
    const stemStart: number[] = [];
    const stems: number[] = [];
    // Every stem is a suffix of its word (or ا + a suffix): a word can hide a relevant key only
    // when it ends like one. The endings are marked in a table first (a false mark only costs
    // the full look-up below, which finds nothing).
    const marks = ENDING_MARKS;
    const marked: number[] = [];
    if (relevant) {
      for (const r of relevant) {
        const m = endingMark(endingOf(r));
        marks[m] = 1;
        marked.push(m);
      }
    }
    try {
      for (let k = 0; k < n; k++) {
        const src = wordText[k]!;
        const start = wordStart[k]!;
        const end = wordEnd[k]!;
        stemStart.push(stems.length);
        flags.push(0);
        // The numeric ending test first: it rejects most words without making their string.
        if (relevant) {
          const ending = end - start >= 2 ? src.charCodeAt(end - 2) * 0x10000 + src.charCodeAt(end - 1) : src.charCodeAt(start);
          if (marks[endingMark(ending)] !== 1) {
            ids.push(-2 - k); // unique, never a key's id
            conjStem.push(-1);
            continue;
          }
        }
        const w = src.slice(start, end);
        if (!relevant || relevant.has(w)) {
          const id = this.intern(w);
          ids.push(id);
          this.exactCount[id] = (this.exactCount[id] ?? 0) + 1;
          addCapped(this.exactAt, id, k);
        } else ids.push(-2 - k);
        const conj = w.length > 2 && (w.charCodeAt(0) === WAW || w.charCodeAt(0) === FA);
        conjStem.push(conj && (!relevant || relevant.has(w.slice(1))) ? this.intern(w.slice(1)) : -1);
        for (const stem of cliticStems(w)) {
          if (relevant && !relevant.has(stem)) continue;
          const sid = this.intern(stem);
          stems.push(sid);
          this.cliticCount[sid] = (this.cliticCount[sid] ?? 0) + 1;
          addCapped(this.cliticAt, sid, k);
        }
      }
    } finally {
      for (const m of marked) marks[m] = 0;
    }
    stemStart.push(stems.length);
    this.ids = ids;
    this.flags = flags;
    this.conjStem = conjStem;
    this.stemStart = stemStart;
    this.stemIds = stems;
  }

  private intern(key: string): number {
    let id = this.dict.get(key);
    if (id === undefined) {
      id = this.dict.size;
      this.dict.set(key, id);
    }
    return id;
  }

  private flagsAt(k: number): number {
    let f = this.flags[k]!;
    if (f === 0) {
      const w = this.wordText[k]!.slice(this.wordStart[k], this.wordEnd[k]);
      const conj = w.length > 2 && (w.charCodeAt(0) === WAW || w.charCodeAt(0) === FA);
      f = 1; // known
      if (isParticle(w) || (conj && isParticle(w.slice(1)))) f |= 2;
      if (w.charCodeAt(0) === WAW && w.length > 3) f |= 4;
      this.flags[k] = f;
    }
    return f;
  }

  /** @internal Word k is a particle (`في`, `إلى`, `التي`…), possibly behind `و`/`ف` (`وفي`). */
  isParticleAt(k: number): boolean {
    return k >= 0 && k < this.wordStart.length && (this.flagsAt(k) & 2) !== 0;
  }

  /** @internal Word k looks like a conjoined word (`وبيونج`): a `و` and at least three more letters. */
  isConjoinedAt(k: number): boolean {
    return k >= 0 && k < this.wordStart.length && (this.flagsAt(k) & 4) !== 0;
  }

  /** @internal The id of a key, or -1 when no word of the text is, or hides, that key. */
  idOf(key: string): number {
    return key === '' ? -1 : this.dict.get(key) ?? -1;
  }

  /** @internal How many words of the text equal the key `id`, with or without a proclitic. */
  count(id: number): number {
    return id < 0 ? 0 : (this.exactCount[id] ?? 0) + (this.cliticCount[id] ?? 0);
  }

  /** @internal Whether word `k` carries `id` behind a proclitic. */
  hasStem(k: number, id: number): boolean {
    for (let s = this.stemStart[k] ?? 0, e = this.stemStart[k + 1] ?? 0; s < e; s++) if (this.stemIds[s] === id) return true;
    return false;
  }

  /** @internal Whether word `k` is `id`, or `id` behind a proclitic. */
  matchesAt(k: number, id: number): boolean {
    return id >= 0 && k >= 0 && k < this.ids.length && (this.ids[k] === id || this.hasStem(k, id));
  }
}

const WAW = 0x0648;
const FA = 0x0641;

/** The last two code units of a word as one number (no string is made). */
function endingOf(w: string): number {
  const n = w.length;
  return n >= 2 ? w.charCodeAt(n - 2) * 0x10000 + w.charCodeAt(n - 1) : n === 1 ? w.charCodeAt(0) : -1;
}

/** A 16-bit mark of an ending (equal endings, equal marks). */
function endingMark(ending: number): number {
  return (ending ^ (ending >>> 13)) & 0xffff;
}

/** Marks of the relevant endings while a PreparedTexts is built (all 0 between builds). */
const ENDING_MARKS = new Uint8Array(0x10000);

function addCapped(lists: number[][], id: number, k: number): void {
  const list = lists[id];
  if (!list) lists[id] = [k];
  else if (list.length < MAX_OCCURRENCES) list.push(k);
}

/** Precomputes the normalised, indexed texts once, when the same article is segmented repeatedly. */
export function prepareTexts(texts: readonly string[], relevant?: ReadonlySet<string>, normalized = false): PreparedTexts {
  try {
    return new PreparedTexts(Array.isArray(texts) ? texts : [], relevant, normalized);
  } catch {
    return new PreparedTexts([]);
  }
}

// ---------------------------------------------------------------------------------------------
// Scoring.

/** Facts about a token's shape (bit flags), computed once per distinct token. */
const Shape = {
  Definite: 1, // ال…, لل…
  DefiniteAdjective: 2, // ال…ي, ال…ية: الكوري, العربية
  Title: 4, // الرئيس, الأمير…
  Particle: 8, // في, من, التي…
  NeverFinal: 16, // بن, عبد, أبو…
  NeverInitial: 32, // بن, بنت
  Number: 64, // 2030
  ConjoinedDefinite: 128, // والتعليم
} as const;

function shapeOf(key: string): number {
  let shape = 0;
  if (isDefinite(key)) shape |= Shape.Definite;
  if (isDefiniteAdjective(key)) shape |= Shape.DefiniteAdjective;
  if (TITLES.has(key)) shape |= Shape.Title;
  if (isParticle(key)) shape |= Shape.Particle;
  if (NEVER_FINAL.has(key)) shape |= Shape.NeverFinal;
  if (NEVER_INITIAL.has(key)) shape |= Shape.NeverInitial;
  if (DIGITS.test(key)) shape |= Shape.Number;
  if (key.startsWith('وال') && key.length >= 5) shape |= Shape.ConjoinedDefinite;
  return shape;
}

/** One token of the line: its matching key, the id of that key in the text (-1 if absent), its shape. */
interface Token {
  key: string;
  id: number;
  shape: number;
}

// Not frozen: a frozen object has a hidden class of its own, which gapScore would meet beside the others'.
const EMPTY_TOKEN: Token = { key: '', id: -1, shape: 0 };

/** Boundary score of the gap between tokens `a` and `b` of the line (positive = separate keywords). */
function gapScore(a: Token, b: Token, text: PreparedTexts): number {
  const W = WEIGHTS;
  if (a.key === '' || b.key === '') return W.aroundEmpty;
  let score = 0;

  // Evidence from the text.
  const na = text.count(a.id);
  const nb = text.count(b.id);
  let together = 0;
  let separated = false;
  if (na > 0 && nb > 0) {
    for (let pass = 0; pass < 2; pass++) {
      const list = (pass === 0 ? text.exactAt[a.id] : text.cliticAt[a.id]) ?? EMPTY;
      for (const k of list) {
        const next = k + 1;
        if (next >= text.ids.length) continue;
        if (text.ids[next] === b.id) {
          if (text.hard[next] === 0) together++;
          else separated = true;
        } else if (text.conjStem[next] === b.id) {
          separated = true; // `a وb`, `a فb`
        }
      }
    }
  }
  if (together === 0 && a.shape & Shape.Title && titleNear(a.id, b.id, text)) {
    score += W.titleNear;
  } else if (together === 0) {
    score += na > 0 && nb > 0 ? W.gapNeverAdjacentBothSeen : na > 0 || nb > 0 ? W.gapNeverAdjacentOneSeen : W.gapNeverAdjacentUnseen;
  } else {
    score += W.gapCohesion * (Math.min(1, together / na) + Math.min(1, together / nb));
  }
  if (separated) score += W.gapSeparated;

  // Evidence from the shape of the words.
  const x = a.shape;
  const y = b.shape;
  if (x & Shape.NeverFinal) score += W.afterNeverFinal;
  if (y & Shape.NeverInitial) score += W.beforeNameLink;
  else if (y & Shape.Title && !(x & (Shape.NeverFinal | Shape.Particle))) score += W.beforeTitle;
  if ((x | y) & Shape.Particle) return score + W.aroundParticle; // العدوان على غزة: the article rules do not apply
  if (y & Shape.Number) score += W.beforeNumber;
  if (y & Shape.ConjoinedDefinite) score += W.beforeConjoined;
  const defX = (x & Shape.Definite) !== 0;
  const defY = (y & Shape.Definite) !== 0;
  if (x & Shape.Title) score += W.titleThenName; // a title is followed by a name or an adjective: same keyword
  else if (defX && !defY && !(y & Shape.Number)) score += W.definiteThenName;
  if (x & Shape.Title) {
    // no further rule: الرئيس السيسي, الزعيم الكوري
  } else if (y & Shape.DefiniteAdjective && !(x & Shape.Number)) score += W.beforeDefiniteAdjective;
  else if (defX && defY) score += W.definiteThenDefinite;
  else if (!defX && defY) score += W.indefiniteThenDefinite;
  else if (!defX && !defY) score += W.indefiniteThenIndefinite;
  return score;
}

/** Whether `b` follows the title `a` within three words, with no punctuation between. */
function titleNear(a: number, b: number, text: PreparedTexts): boolean {
  for (const k of text.exactAt[a] ?? EMPTY) {
    for (let d = 2; d <= 3 && text.hard[k + d - 1] === 0 && text.hard[k + d] === 0 && k + d < text.ids.length; d++) {
      if (text.ids[k + d] === b) return true;
    }
  }
  return false;
}

/** Boundary strength of the left and right edges of one occurrence of a phrase of `length` words starting at `first`. */
function edgeStrength(text: PreparedTexts, first: number, viaClitic: boolean, length: number, before: number, after: number): number {
  const W = WEIGHTS;
  let sum: number;
  if (text.hard[first] === 1) sum = W.leftHard;
  else if (viaClitic) sum = W.leftClitic;
  else if (text.isParticleAt(first - 1)) sum = W.leftParticle;
  else if (text.matchesAt(first - 1, before)) sum = 0; // preceded by the line's previous token: no evidence
  else sum = W.leftOther;
  const next = first + length;
  if (text.hard[next] === 1) sum += W.rightHard;
  else if (text.isParticleAt(next)) sum += W.rightParticle;
  else if (text.matchesAt(next, after)) sum += 0; // followed by the line's next token: no evidence
  else if (text.isConjoinedAt(next)) sum += W.rightConjunction;
  else sum += W.rightOther;
  return sum;
}

function safeCount(evidence: KeywordEvidence, phrase: string): number {
  try {
    const n = evidence.keywordCount(phrase);
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** A filter that throws or answers anything but false lets the phrase be looked up. */
function safeFilter(filter: (word: string) => boolean, word: string): boolean {
  try {
    return filter(word) !== false;
  } catch {
    return true;
  }
}

function safeVocabulary(evidence: KeywordEvidence, phrase: string): boolean {
  try {
    return evidence.inVocabulary?.(phrase) === true;
  } catch {
    return false;
  }
}

// Not frozen, for the same reason as EMPTY_TOKEN: it is iterated where the occurrence lists are.
const EMPTY: readonly number[] = [];

/**
 * What segmentation knows of a keywords line before consulting the corpus: each candidate
 * phrase's score from the article's own text and the shape of its words. The corpus and the
 * vocabulary only add to these scores, so a host can compute the table where the text is (a
 * worker thread) and choose the segmentation later where the corpus is ({@link bestSegmentation}),
 * without the text. Plain data: it crosses threads.
 */
export interface PhraseTable {
  /** The matching key of each token ({@link tokenKey}; '' for a token of punctuation only). */
  readonly keys: readonly string[];
  /**
   * `scores[i * MAX_KEYWORD_TOKENS + length - 1]`: the score of the phrase of `length` tokens
   * starting at token i, without corpus or vocabulary evidence; NaN where that phrase may not be
   * chosen (past the line's end, or a multi-token phrase with stray punctuation at an edge).
   * Stored as 32-bit floats: every host (editor, command line, workers) computes the same table,
   * so they agree to the bit.
   */
  readonly scores: Float32Array;
}

/**
 * The occurrence lists of {@link phraseTable}, allocated once: fourteen small typed arrays per
 * call were a tenth of the time of indexing an article.
 */
const OCCURRENCES = (() => {
  const exact: Int32Array[] = [];
  const clitic: Int32Array[] = [];
  for (let l = 0; l <= MAX_KEYWORD_TOKENS; l++) {
    exact.push(new Int32Array(MAX_OCCURRENCES));
    clitic.push(new Int32Array(MAX_OCCURRENCES));
  }
  return { exact, clitic, exactN: new Int32Array(MAX_KEYWORD_TOKENS + 1) };
})();

/**
 * Scores every candidate phrase of a keywords line from the article's own text.
 *
 * @param tokens the words of the line's value (after `كلمات دلالية:`), as `words()` of ../arabic
 *   returns them; raw text: punctuation around a token, diacritics and tatweel are ignored for
 *   matching, and a token that is only punctuation (a stray `-`) becomes a keyword of its own.
 * @param texts the main article's headline and body, raw or prepared.
 * @param normalized whether raw `texts` are already {@link normalizeArabic}'d (a caller that needs
 *   the normalised texts for other work too, as the parser does for the corpus summary).
 */
export function phraseTable(tokens: readonly string[], texts: readonly string[] | PreparedTexts, normalized = false): PhraseTable {
  const n = Array.isArray(tokens) ? tokens.length : 0;
  const scores = new Float32Array(n * MAX_KEYWORD_TOKENS).fill(NaN);
  // Built by push, not `new Array(n)`: a packed array (see the note on arrays above parseArticle).
  const keys: string[] = [];
  for (let k = 0; k < n; k++) keys.push('');
  try {
    const W = WEIGHTS;
    for (let k = 0; k < n; k++) keys[k] = typeof tokens[k] === 'string' ? tokenKey(tokens[k]!) : '';
    // Only the line's own token keys are ever looked up in the text: index just those.
    const text =
      texts instanceof PreparedTexts ? texts : prepareTexts(Array.isArray(texts) ? texts : [], new Set(keys.filter((k) => k !== '')), normalized);

    const tokenCache = new Map<string, Token>();
    const line: Token[] = [];
    for (const key of keys) {
      let token = key === '' ? EMPTY_TOKEN : tokenCache.get(key);
      if (token === undefined) tokenCache.set(key, (token = { key, id: text.idOf(key), shape: shapeOf(key) }));
      line.push(token);
    }

    // gaps[g] scores the gap between tokens g and g+1 (positive = boundary).
    const gaps = new Float64Array(Math.max(n - 1, 0));
    for (let g = 0; g + 1 < n; g++) gaps[g] = gapScore(line[g] as Token, line[g + 1] as Token, text);

    // Occurrences of the phrase [i, j) in the text, as start positions: `exact` where every word
    // matches exactly, `clitic` where the first word carries a proclitic. Level L holds them for
    // the phrase of L tokens; level L+1 is derived from level L's exact matches.
    // Scratch shared by every call (this function is synchronous and never re-entered).
    const { exact, clitic, exactN } = OCCURRENCES;

    const textHasWords = text.ids.length > 0;
    for (let j = 1; j <= n; j++) {
      const after = line[j]?.id ?? -1;
      let internal = 0; // minus the gap scores inside [i, j)
      for (let length = 1; length <= MAX_KEYWORD_TOKENS && length <= j; length++) {
        const i = j - length;
        const token = line[i] as Token;
        if (length > 1) internal -= gaps[i] ?? 0;
        const ex = exact[length] as Int32Array;
        const cl = clitic[length] as Int32Array;
        let ne = 0;
        let nc = 0;
        if (token.id >= 0) {
          if (length === 1) {
            for (const k of text.exactAt[token.id] ?? EMPTY) ex[ne++] = k;
            for (const k of text.cliticAt[token.id] ?? EMPTY) cl[nc++] = k;
          } else {
            const prev = exact[length - 1] as Int32Array;
            for (let q = 0, m = exactN[length - 1] ?? 0; q < m; q++) {
              const k = prev[q] ?? 0;
              if (k === 0 || text.hard[k] === 1) continue;
              if (text.ids[k - 1] === token.id) ex[ne++] = k - 1;
              else if (text.hasStem(k - 1, token.id)) cl[nc++] = k - 1;
            }
          }
        }
        exactN[length] = ne;
        if (length > 1 && (token.key === '' || line[j - 1]?.key === '')) continue; // stray punctuation stands alone

        let score = internal - W.perKeyword + (W.length[length - 1] ?? -10);
        if (ne + nc > 0) {
          const before = line[i - 1]?.id ?? -1;
          let sum = 0;
          for (let q = 0; q < ne; q++) sum += edgeStrength(text, ex[q] ?? 0, false, length, before, after);
          for (let q = 0; q < nc; q++) sum += edgeStrength(text, cl[q] ?? 0, true, length, before, after);
          score += (W.edge * sum) / (ne + nc + W.edgeShrink);
        } else if (textHasWords) {
          score += W.keywordAbsent;
        }
        scores[i * MAX_KEYWORD_TOKENS + length - 1] = score;
      }
    }
  } catch {
    // Below: every token its own keyword.
  }
  for (let k = 0; k < n; k++) if (Number.isNaN(scores[k * MAX_KEYWORD_TOKENS]!)) scores[k * MAX_KEYWORD_TOKENS] = 0;
  return { keys, scores };
}

/**
 * The best segmentation of a line from its {@link PhraseTable} and optional corpus evidence: the
 * keyword lengths in tokens, in order; they sum to the number of tokens. Never throws (on
 * internal failure every token is returned as its own keyword). Needs no text: a host that
 * holds tables can split a line again whenever the corpus changes.
 */
export function bestSegmentation(table: PhraseTable, evidence?: KeywordEvidence): number[] {
  const n = table?.keys?.length ?? 0;
  if (n === 0) return [];
  try {
    const W = WEIGHTS;
    const { keys, scores } = table;
    const ev = evidence && typeof evidence.keywordCount === 'function' ? evidence : undefined;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const choice = new Int32Array(n + 1);
    best[0] = 0;
    const vocabulary = typeof ev?.inVocabulary === 'function';
    // Whether a phrase can have a corpus count: its first word must start a keyword and its last
    // end one (asked once per token, not once per phrase).
    const mayStart = ev && typeof ev.mayStart === 'function' ? ev.mayStart.bind(ev) : undefined;
    const mayEnd = ev && typeof ev.mayEnd === 'function' ? ev.mayEnd.bind(ev) : undefined;
    const starts = ev ? Uint8Array.from(keys, (k) => (!mayStart || safeFilter(mayStart, k) ? 1 : 0)) : undefined;
    // Every phrase is a slice of the keys joined by spaces: one flat string, no concatenation
    // per phrase (a concatenated key is flattened again by each look-up).
    const line = ev ? keys.join(' ') : '';
    const offsets = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k]! + keys[k]!.length + 1;
    for (let j = 1; j <= n; j++) {
      // Phrases ending at token j-1 can have a corpus count only if that word ends a keyword.
      const endOk = ev !== undefined && (!mayEnd || safeFilter(mayEnd, keys[j - 1]!));
      for (let length = 1; length <= MAX_KEYWORD_TOKENS && length <= j; length++) {
        const i = j - length;
        const base = scores[i * MAX_KEYWORD_TOKENS + length - 1]!;
        if (Number.isNaN(base)) continue;
        let score = base;
        if (ev) {
          const counted = endOk && starts![i] === 1;
          if (counted || vocabulary) {
            const joined = line.slice(offsets[i]!, offsets[j]! - 1);
            const count = counted ? safeCount(ev, joined) : 0;
            if (count > 0) score += length * (W.corpusBase + W.corpusLog * Math.log1p(count));
            if (vocabulary && safeVocabulary(ev, joined)) score += length * W.vocabulary;
          }
        }
        const candidate = best[i]! + score;
        if (candidate > best[j]!) {
          best[j] = candidate;
          choice[j] = length;
        }
      }
    }
    const lengths: number[] = [];
    for (let j = n; j > 0; ) {
      const length = choice[j] || 1;
      lengths.push(length);
      j -= length;
    }
    return lengths.reverse();
  } catch {
    return new Array<number>(n).fill(1);
  }
}

/**
 * Splits a space-joined keywords line into keywords: {@link phraseTable} then
 * {@link bestSegmentation}.
 *
 * @param tokens the words of the line's value, as for {@link phraseTable}.
 * @param context the main article's headline and body, raw or prepared, and optional corpus evidence.
 * @returns the keyword lengths in tokens, in order; they sum to `tokens.length`. Never throws
 *   (on internal failure every token is returned as its own keyword). Linear: at most six
 *   phrases end at each token, and each phrase examines at most 64 occurrences; a
 *   10,000-token line takes about 10 ms.
 */
export function segmentKeywords(tokens: readonly string[], context: SegmentContext): number[] {
  if (!Array.isArray(tokens) || tokens.length === 0) return [];
  return bestSegmentation(phraseTable(tokens, context?.texts ?? []), context?.evidence);
}

// ---------------------------------------------------------------------------------------------
// Explicit separators.

/**
 * The separators {@link splitKeywordLine} accepts by default: Arabic and Latin comma and
 * semicolon. ` - ` is deliberately not among them: tags such as `الحرب الروسية - الأوكرانية`
 * or `كوفيد - 19` contain it; pass it explicitly for a corpus that separates tags with dashes.
 */
export const DEFAULT_KEYWORD_SEPARATORS: readonly string[] = Object.freeze(['،', ',', '؛', ';']);

/**
 * Splits a keywords line's value on explicit separators.
 *
 * A comma between two digits (`1,000`) does not separate. Items are trimmed of white space
 * and empty items are dropped; offsets are UTF-16 code units into `value`, as LSP counts them.
 *
 * @returns the items, or `undefined` when the line is not a separated list (no separator, or
 *   fewer than two non-empty items, as with one stray trailing comma): the caller then
 *   tokenises with `words()` and calls {@link segmentKeywords}. Never throws.
 */
export function splitKeywordLine(value: string, separators: readonly string[] = DEFAULT_KEYWORD_SEPARATORS): KeywordItem[] | undefined {
  try {
    if (typeof value !== 'string' || value.length === 0) return undefined;
    const seps = [...(separators ?? DEFAULT_KEYWORD_SEPARATORS)].filter((s) => typeof s === 'string' && s.length > 0).sort((x, y) => y.length - x.length);
    if (seps.length === 0) return undefined;
    const items: KeywordItem[] = [];
    let itemStart = 0;
    let sawSeparator = false;
    const flush = (end: number): void => {
      let s = itemStart;
      let e = end;
      while (s < e && isSpace(value.charCodeAt(s))) s++;
      while (e > s && isSpace(value.charCodeAt(e - 1))) e--;
      if (e > s) items.push({ text: value.slice(s, e), start: s, end: e });
    };
    // Only where a separator can start is each one tried (a closure per code unit was most of
    // what splitting a line allocated).
    const firsts = new Set(seps.map((s) => s.charCodeAt(0)));
    for (let k = 0; k < value.length; ) {
      let sep: string | undefined;
      if (firsts.has(value.charCodeAt(k))) {
        for (const s of seps) {
          if (value.startsWith(s, k)) {
            sep = s;
            break;
          }
        }
      }
      if (sep !== undefined && !(sep === ',' || sep === '،' ? isDigit(value.charCodeAt(k - 1)) && isDigit(value.charCodeAt(k + 1)) : false)) {
        sawSeparator = true;
        flush(k);
        k += sep.length;
        itemStart = k;
      } else {
        k++;
      }
    }
    flush(value.length);
    return sawSeparator && items.length >= 2 ? items : undefined;
  } catch {
    return undefined;
  }
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);
}

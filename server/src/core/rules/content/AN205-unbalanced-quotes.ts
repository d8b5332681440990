import type { Rule } from '../rule';
import { text } from '../messages';
import type { LocalizedText } from '../../types';
import { isArabicLetter } from '../../arabic';
import { HAS_QUOTES, MAX_FINDINGS_PER_LINE, contentSpans, isSpace, spanRange } from './shared';

/** Paired marks: opener → closer. */
const PAIRS: ReadonlyMap<number, number> = new Map([
  [0x28, 0x29], // ( )
  [0x5b, 0x5d], // [ ]
  [0xab, 0xbb], // « »
  [0x201c, 0x201d], // “ ”
]);
const CLOSERS: ReadonlyMap<number, number> = new Map([...PAIRS].map(([o, c]) => [c, o]));

const QUICK = /["«»()[\]“”]/;

/** Characters after which a straight quote opens a quotation (besides white space and the line start). */
const OPEN_CONTEXT = new Set([0x28, 0x5b, 0xab, 0x201c, 0x2014, 0x2013, 0x2d, 0x3a, 0x2f, 0x0640]);
/** Characters before which a straight quote closes a quotation (besides white space and the line end). */
const CLOSE_CONTEXT = new Set([0x2e, 0x2c, 0x060c, 0x3b, 0x061b, 0x3a, 0x21, 0x3f, 0x061f, 0x29, 0x5d, 0xbb, 0x201d, 0x2d, 0x2013, 0x2014, 0x2026]);

/** What a piece of text's unmatched marks are. */
export interface Unmatched {
  /** Offset of the mark in the text. */
  readonly index: number;
  /** The mark. */
  readonly mark: string;
  /** `open`: its closer is missing; `close`: its opener is missing; `reversed`: a closer used as opener, with its partner at `partner`. */
  readonly kind: 'open' | 'close' | 'reversed';
  readonly partner?: number;
}

type Role = 'open' | 'close' | 'either';

/** Whether a straight (or one-sided curly) quote at `i` opens or closes, judged from its neighbours. */
function quoteRole(t: string, i: number): Role {
  const p = i > 0 ? t.charCodeAt(i - 1) : -1;
  const n = i + 1 < t.length ? t.charCodeAt(i + 1) : -1;
  const pSpace = p === -1 || isSpace(p);
  const nSpace = n === -1 || isSpace(n);
  const canOpen = (pSpace || OPEN_CONTEXT.has(p)) && !nSpace;
  const canClose = !pSpace && !OPEN_CONTEXT.has(p) && (nSpace || CLOSE_CONTEXT.has(n));
  return canOpen && !canClose ? 'open' : canClose && !canOpen ? 'close' : 'either';
}

/** A list-item label such as `1)` or `أ)` at the start of a paragraph: a closer without opener that is not a mistake. */
function isListLabel(t: string, i: number): boolean {
  if (t.charCodeAt(i) !== 0x29) return false;
  let j = 0;
  while (j < i && j < 8 && isSpace(t.charCodeAt(j))) j++;
  if (i - j < 1 || i - j > 3) return false;
  const label = t.slice(j, i);
  return /^[0-9\u0660-\u0669]{1,3}$/.test(label) || (label.length === 1 && isArabicLetter(label.charCodeAt(0)));
}

/** Pair numbers: ( 0, [ 1, « 2, “ 3. */
function pairOf(c: number): number {
  return c === 0x28 || c === 0x29 ? 0 : c === 0x5b || c === 0x5d ? 1 : c === 0xab || c === 0xbb ? 2 : 3;
}

const UNCLOSED = 1;
const UNOPENED = 2;
const PAIRED = 3;

/**
 * Finds the unmatched quotation marks and brackets of one line of text, at most `limit` of them.
 * Brackets, guillemets and curly quotes nest; straight double quotes (and a curly quote used on
 * both sides of a quotation) pair up among themselves, each judged opening or closing from its
 * neighbours so that the one without a partner is the one reported. A closer before its own
 * opener (`»…«`, `)…(`, as copied from text in visual order) is reported once as reversed.
 * Linear in the length of the text, whatever it holds.
 */
export function findUnmatched(t: string, limit = Infinity): Unmatched[] {
  if (!QUICK.test(t)) return [];
  // A curly quote whose counterpart never appears on the line is used on both sides, like `"`.
  const hasLeft = t.includes('\u201c');
  const hasRight = t.includes('\u201d');
  const symmetricCurly = hasLeft !== hasRight;
  const n = t.length;
  const state = new Uint8Array(n);
  const stack: number[] = []; // offsets of openers
  const onStack = [0, 0, 0, 0]; // openers of each pair on the stack
  let straight = -1; // offset of the open straight quote
  let curly = -1; // offset of the open symmetric curly quote
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c !== 0x22 && c !== 0x28 && c !== 0x29 && c !== 0x5b && c !== 0x5d && c !== 0xab && c !== 0xbb && c !== 0x201c && c !== 0x201d) continue;
    if (c === 0x22 || (symmetricCurly && (c === 0x201c || c === 0x201d))) {
      const openAt = c === 0x22 ? straight : curly;
      const role = quoteRole(t, i);
      let next = openAt;
      if (openAt < 0) {
        if (role === 'close') state[i] = UNOPENED;
        else next = i;
      } else if (role === 'open') {
        state[openAt] = UNCLOSED;
        next = i;
      } else next = -1;
      if (c === 0x22) straight = next;
      else curly = next;
      continue;
    }
    if (PAIRS.has(c)) {
      stack.push(i);
      onStack[pairOf(c)]!++;
      continue;
    }
    const pair = pairOf(c);
    if (onStack[pair] === 0) {
      if (!isListLabel(t, i)) state[i] = UNOPENED;
      continue;
    }
    // Openers above the matching one were never closed (crossed pairs such as `( « )`).
    for (;;) {
      const j = stack.pop()!;
      const p = pairOf(t.charCodeAt(j));
      onStack[p]!--;
      if (p === pair) break;
      state[j] = UNCLOSED;
    }
  }
  for (const i of stack) state[i] = UNCLOSED;
  if (straight >= 0) state[straight] = UNCLOSED;
  if (curly >= 0) state[curly] = UNCLOSED;

  // In text order. An unopened closer followed by an unclosed opener of its pair is one reversed
  // pair; a pointer per pair, which only moves forward, keeps this linear.
  const out: Unmatched[] = [];
  const pointer = [0, 0, 0, 0];
  for (let i = 0; i < n && out.length < limit; i++) {
    const st = state[i];
    if (st !== UNCLOSED && st !== UNOPENED) continue;
    const c = t.charCodeAt(i);
    const mark = t[i]!;
    const pairable = st === UNOPENED && c !== 0x22 && !(symmetricCurly && (c === 0x201c || c === 0x201d));
    if (pairable) {
      const opener = CLOSERS.get(c)!;
      const pair = pairOf(c);
      let j = Math.max(pointer[pair]!, i + 1);
      while (j < n && !(state[j] === UNCLOSED && t.charCodeAt(j) === opener)) j++;
      pointer[pair] = j + 1;
      if (j < n) {
        state[j] = PAIRED;
        out.push({ index: i, mark, kind: 'reversed', partner: j });
        continue;
      }
    }
    out.push({ index: i, mark, kind: st === UNCLOSED ? 'open' : 'close' });
  }
  return out;
}

/** How each mark is named in messages; `ar` names are masculine (قوس) or feminine (علامة). */
interface MarkName {
  readonly en: string;
  readonly ar: string;
  readonly feminine: boolean;
  /** What the pair encloses. */
  readonly what: LocalizedText;
}

const QUOTE: LocalizedText = { en: 'quotation', ar: 'الاقتباس' };
const ASIDE: LocalizedText = { en: 'aside', ar: 'الكلام بين القوسين' };
const NAMES: Readonly<Record<string, MarkName>> = {
  '"': { en: 'quotation mark', ar: 'علامة التنصيص', feminine: true, what: QUOTE },
  '«': { en: 'guillemet', ar: 'علامة التنصيص', feminine: true, what: QUOTE },
  '»': { en: 'guillemet', ar: 'علامة التنصيص', feminine: true, what: QUOTE },
  '“': { en: 'quotation mark', ar: 'علامة التنصيص', feminine: true, what: QUOTE },
  '”': { en: 'quotation mark', ar: 'علامة التنصيص', feminine: true, what: QUOTE },
  '(': { en: 'parenthesis', ar: 'القوس', feminine: false, what: ASIDE },
  ')': { en: 'parenthesis', ar: 'القوس', feminine: false, what: ASIDE },
  '[': { en: 'bracket', ar: 'القوس المعقوف', feminine: false, what: ASIDE },
  ']': { en: 'bracket', ar: 'القوس المعقوف', feminine: false, what: ASIDE },
};

const PARTNER: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«', '“': '”', '”': '“', '"': '"' };

/** The message for an unmatched mark (marks are written bare: quoting a quotation mark only confuses). */
export function describeUnmatched(u: Unmatched): LocalizedText {
  const name = NAMES[u.mark] ?? { en: 'mark', ar: 'العلامة', feminine: true, what: QUOTE };
  const mark = u.mark;
  const partner = PARTNER[mark] ?? mark;
  const f = name.feminine;
  const thisOne = f ? 'هذه العلامة' : 'هذا القوس';
  if (u.kind === 'reversed') {
    const pair = f ? { en: `${name.en}s`, ar: 'علامتا التنصيص معكوستان' } : { en: `${name.en === 'parenthesis' ? 'parentheses' : 'brackets'}`, ar: `${name.ar === 'القوس' ? 'القوسان' : 'القوسان المعقوفان'} معكوسان` };
    return text(
      `Reversed ${pair.en}: ${mark} comes before ${partner}, as in text copied in visual order. The ${name.what.en} opens with ${partner} and closes with ${mark}; swap the two.`,
      `${pair.ar}: جاء ${mark} قبل ${partner}، كما في نص منسوخ بترتيب العرض. يُفتح ${name.what.ar} بـ ${partner} ويُغلق بـ ${mark}؛ بدّل بينهما.`,
    );
  }
  const same = mark === partner;
  if (u.kind === 'open') {
    return text(
      `Unclosed ${name.en} ${mark}: nothing closes it in this paragraph. Add ${same ? 'the closing' : ''} ${partner} where the ${name.what.en} ends, or delete this one.`.replace('Add  ', 'Add '),
      `${name.ar} ${mark} ${f ? 'مفتوحة ولا تُغلق' : 'مفتوح ولا يُغلق'} في هذه الفقرة. أضف ${same ? `علامة ${partner} أخرى` : partner} حيث ينتهي ${name.what.ar}، أو احذف ${thisOne}.`,
    );
  }
  return text(
    `Unopened ${name.en} ${mark}: nothing opens it in this paragraph. Add ${same ? 'the opening' : ''} ${partner} where the ${name.what.en} starts, or delete this one.`.replace('Add  ', 'Add '),
    `${name.ar} ${mark} ${f ? 'تُغلق ما لم يُفتح' : 'يُغلق ما لم يُفتح'} في هذه الفقرة. أضف ${same ? `علامة ${partner} أخرى` : partner} حيث يبدأ ${name.what.ar}، أو احذف ${thisOne}.`,
  );
}

/** AN205: a quotation mark or bracket without its partner on the same line. */
export const unbalancedQuotes: Rule = {
  id: 'AN205',
  name: 'unbalanced-quotes',
  defaultSeverity: 'warning',
  tags: ['content', 'punctuation'],
  summary: 'A quotation mark or bracket has no partner in its paragraph.',
  fixable: false,
  docs: {
    description:
      'Each paragraph and headline is one line, so every quotation and every aside must open and close on that line: `"…"`, `«…»`, `“…”`, `(…)` and `[…]`. The rule reports the mark that has no partner, at the mark itself; marks may nest (`«قال (…) إن "…"»`), and a straight `"` is judged opening or closing from the characters around it, so that `بـ"علاقات لا تقهر"` counts as balanced. A closer that comes before its own opener (`»…«`), as in text copied from a page in visual order, is reported once as reversed. An unbalanced mark usually means the scraper cut a paragraph in two or dropped a fragment, and it breaks every tool that extracts quotations from the corpus.',
    bad: 'وقال الوزير إن "الحكومة ماضية في خطتها، مؤكدا أن العجز سينخفض.',
    good: 'وقال الوزير إن "الحكومة ماضية في خطتها"، مؤكدا أن العجز سينخفض.',
  },
  check({ article }, report) {
    for (const span of contentSpans(article, true)) {
      if (!(span.flags & HAS_QUOTES)) continue;
      for (const u of findUnmatched(span.text, MAX_FINDINGS_PER_LINE)) {
        report({ range: spanRange(span, u.index, u.mark.length), message: describeUnmatched(u) });
      }
    }
  },
};

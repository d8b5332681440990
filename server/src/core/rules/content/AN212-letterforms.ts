import type { Fix, Rule } from '../rule';
import { text } from '../messages';
import { lineRange } from '../../types';
import { isArabicLetter, isArabicMark } from '../../arabic';
import { AR_LETTERS, HAS_LETTERFORMS, arCount, contentSpans, excerpt, isArabicWordChar, lineEdits, plural } from './shared';

const PERSIAN_YEH = 0x06cc;
const KEHEH = 0x06a9;
const QUICK = /[\u06CC\u06A9\uFB50-\uFDFF\uFE70-\uFEFE]/;

/** True when a code unit lies in the Arabic presentation-form blocks (not the BOM, U+FEFF). */
export function inPresentationBlocks(c: number): boolean {
  return (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe);
}

/**
 * What a Persian ی becomes: ي where a letter follows (its initial and medial forms carry the two
 * dots of ي), ى at the end of a word (its final and isolated forms are dotless, like ى). Either way
 * the text looks exactly as it did; only the code point changes. The end-of-word choice is a
 * guess for words such as «فی» (في, or ى in Egyptian spelling), so the rule also offers ي there.
 */
export function yehReplacement(t: string, i: number): '\u064A' | '\u0649' {
  let k = i + 1;
  while (k < t.length && isArabicMark(t.charCodeAt(k))) k++;
  const next = k < t.length ? t.charCodeAt(k) : -1;
  return next !== -1 && (isArabicLetter(next) || next === 0x0640 || isPresentationLetter(next)) ? '\u064A' : '\u0649';
}

function isPresentationLetter(c: number): boolean {
  return inPresentationBlocks(c) && presentationReplacement(c) !== undefined;
}

const replacementCache = new Map<number, string | null>();

/**
 * The standard text of one presentation-form code unit, or undefined when it has none (the
 * ornate parentheses ﴾﴿, ﷽, noncharacters). NFKC, then: the isolated and medial forms of harakat
 * (NFKC: a space or a tatweel before the mark) become the bare mark, and Persian ی and ک from the
 * Persian forms become Arabic letters like AN212's other fix.
 */
export function presentationReplacement(c: number): string | undefined {
  const hit = replacementCache.get(c);
  if (hit !== undefined) return hit ?? undefined;
  let out: string | null = null;
  if (inPresentationBlocks(c)) {
    const s = String.fromCharCode(c);
    let n = s.normalize('NFKC');
    if (n !== s) {
      if (n.length >= 2 && (n.charCodeAt(0) === 0x20 || n.charCodeAt(0) === 0x0640) && isArabicMark(n.charCodeAt(1))) n = n.slice(1);
      if (c === 0xfbfc || c === 0xfbfd) n = '\u0649'; // farsi yeh, isolated and final forms
      else if (c === 0xfbfe || c === 0xfbff) n = '\u064A'; // initial and medial forms
      else n = n.replace(/\u06A9/g, '\u0643').replace(/\u06CC(?=.)/g, '\u064A').replace(/\u06CC/g, '\u0649');
      out = n;
    }
  }
  replacementCache.set(c, out);
  return out ?? undefined;
}

/** A positional form: isolated, final, initial, medial. */
type Form = 'iso' | 'fin' | 'ini' | 'med';

/** The positional form of a letter of Arabic Presentation Forms-B (U+FE80–U+FEFC), from the block's layout. */
const FORMS_B: readonly Form[] = (() => {
  const forms: Form[] = [];
  const order = ['iso', 'fin', 'ini', 'med'] as const;
  let previous = '';
  let k = 0;
  for (let c = 0xfe80; c <= 0xfefc; c++) {
    const n = String.fromCharCode(c).normalize('NFKC');
    k = n === previous ? k + 1 : 0;
    previous = n;
    forms[c - 0xfe80] = order[Math.min(k, 3)]!;
  }
  return forms;
})();

function formOf(c: number): Form | undefined {
  return c >= 0xfe80 && c <= 0xfefc ? FORMS_B[c - 0xfe80] : undefined;
}

/**
 * What two consecutive positional forms say about the order of the text: +1 for reading
 * order, -1 for visual (reversed) order, 0 when both orders allow them. In reading order a
 * joined group is initial, medial…, final (or one isolated form); reversed, it is final,
 * medial…, initial. So initial→medial, medial→final, final→isolated and isolated→initial only
 * occur in reading order, and their mirror images only in reversed text.
 */
export function orderEvidence(a: Form, b: Form): number {
  if ((a === 'ini' && b === 'med') || (a === 'med' && b === 'fin') || (a === 'fin' && b === 'iso') || (a === 'iso' && b === 'ini')) return 1;
  if ((a === 'med' && b === 'ini') || (a === 'fin' && b === 'med') || (a === 'iso' && b === 'fin') || (a === 'ini' && b === 'iso')) return -1;
  return 0;
}

/** What AN212 finds in one piece of text. */
export interface LetterformFindings {
  /** Persian letters: offset, the letter, its replacement, and whether it ends a word (ی only). */
  readonly persian: { index: number; length: 1; from: string; to: string; final: boolean }[];
  /** Runs of presentation forms: offset, length, replacement. */
  readonly presentation: { index: number; length: number; to: string }[];
  /** Whether the presentation forms are in visual (reversed) order, as copied from some PDFs. */
  readonly reversed: boolean;
}

/** Finds Persian ی ک and presentation forms in a text, in one pass over its code units. */
export function findLetterforms(t: string): LetterformFindings {
  const result: LetterformFindings = { persian: [], presentation: [], reversed: false };
  if (!QUICK.test(t)) return result;
  let logical = 0;
  let visual = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === PERSIAN_YEH) {
      const to = yehReplacement(t, i);
      result.persian.push({ index: i, length: 1, from: '\u06CC', to, final: to === '\u0649' });
      continue;
    }
    if (c === KEHEH) {
      result.persian.push({ index: i, length: 1, from: '\u06A9', to: '\u0643', final: false });
      continue;
    }
    if (!inPresentationBlocks(c) || presentationReplacement(c) === undefined) continue;
    const start = i;
    let to = '';
    // Joining evidence (see `orderEvidence`): the run starts and ends at a word boundary, which
    // counts as an isolated form.
    let prev: Form = 'iso';
    while (i < t.length) {
      const d = t.charCodeAt(i);
      const r = inPresentationBlocks(d) ? presentationReplacement(d) : undefined;
      if (r === undefined) break;
      to += r;
      const f = formOf(d) ?? 'iso';
      const e = orderEvidence(prev, f);
      if (e > 0) logical++;
      else if (e < 0) visual++;
      prev = f;
      i++;
    }
    const e = orderEvidence(prev, 'iso');
    if (e > 0) logical++;
    else if (e < 0) visual++;
    result.presentation.push({ index: start, length: i - start, to });
    i--; // the loop's i++ moves to the code unit that ended the run
  }
  return { ...result, reversed: visual > logical };
}

/** The word with the given replacements applied inside it. */
function replaceInWord(t: string, index: number, edits: readonly { index: number; length: number; to: string }[]): { word: string; fixed: string } {
  const inWord = (c: number): boolean => isArabicWordChar(c) || inPresentationBlocks(c);
  let a = index;
  while (a > 0 && inWord(t.charCodeAt(a - 1))) a--;
  let b = index + 1;
  while (b < t.length && inWord(t.charCodeAt(b))) b++;
  let fixed = '';
  let from = a;
  for (const e of edits) {
    if (e.index >= b) break;
    if (e.index < a) continue;
    fixed += t.slice(from, e.index) + e.to;
    from = e.index + e.length;
  }
  fixed += t.slice(from, b);
  return { word: excerpt(t.slice(a, b), 40), fixed: excerpt(fixed, 40) };
}

/** AN212: Persian letters and presentation forms standing for standard Arabic letters. */
export const letterforms: Rule = {
  id: 'AN212',
  name: 'letterforms',
  defaultSeverity: 'warning',
  tags: ['content', 'letters', 'encoding'],
  summary: 'Persian ی ک or presentation-form characters stand for standard Arabic letters.',
  fixable: true,
  docs: {
    description:
      'The same Arabic letter can be stored under several code points. Persian ی (U+06CC) and ک (U+06A9) come from Persian keyboard layouts and some publishing systems; presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE: positional shapes such as ﻟ ﺎ and ligatures such as ﻻ and ﷲ) come from text copied out of PDF files. They look like ordinary letters but are different characters, so search, keyword matching and tokenisers miss the words. The rule reports, once per line, the Persian letters and, separately, the presentation forms. When the presentation forms are in visual order (the letters of each word reversed, as some PDF viewers copy them), it says so and offers no fix: such a paragraph must be copied again.',
    bad: 'وقال وزیر الخارجیة إن بلاده ستشارک فی القمة.\nﺃﻋﻠﻨﺖ ﺍﻟﺤﻜﻮﻣﺔ ﺧﻄﺔ ﺟﺪﻳﺪﺓ.',
    good: 'وقال وزير الخارجية إن بلاده ستشارك فى القمة.\nأعلنت الحكومة خطة جديدة.',
    fix: 'Replaces ک with ك and ی with ي, or with ى at the end of a word, where the Persian letter is dotless and looks exactly like ى (a second fix writes ي there instead: «فی» may be في). Presentation forms are replaced by their standard letters (Unicode NFKC: ﻻ becomes لا, ﷲ becomes الله), with isolated harakat forms becoming plain harakat.',
  },
  check({ article }, report) {
    for (const span of contentSpans(article, true)) {
      if (!(span.flags & HAS_LETTERFORMS)) continue;
      const found = findLetterforms(span.text);
      const t = span.text;
      if (found.persian.length) {
        const list = found.persian;
        const first = list[0]!;
        const last = list[list.length - 1]!;
        let yeh = 0;
        let finals = 0;
        for (const p of list) {
          if (p.from === '\u06CC') yeh++;
          if (p.final) finals++;
        }
        const kaf = list.length - yeh;
        const example = replaceInWord(t, first.index, list);
        const counts = [yeh ? `${yeh} × ی` : '', kaf ? `${kaf} × ک` : ''].filter(Boolean);
        const fixes: Fix[] = [
          {
            title: text('Write the Arabic letters (ي ى ك)', 'اكتب الحروف العربية (ي ى ك)'),
            edits: lineEdits(span, list),
            safe: true,
            preferred: true,
            format: true,
          },
        ];
        if (finals > 0) {
          fixes.push({
            title: text('Write the Arabic letters, with ي at the ends of words', 'اكتب الحروف العربية، بالياء المنقوطة (ي) في أواخر الكلمات'),
            edits: lineEdits(span, list.map((p) => ({ index: p.index, length: 1, to: p.final ? '\u064A' : p.to }))),
            safe: false,
          });
        }
        report({
          range: lineRange(span.line, span.start + first.index, span.start + last.index + 1),
          message: text(
            `Persian letters in Arabic text (${counts.join(', ')}; e.g. "${example.word}" → "${example.fixed}"). Write the Arabic letters: ي for ی (ى at the end of a word) and ك for ک.`,
            `حروف فارسية في نص عربي (${counts.join('، ')}؛ مثل «${example.word}» ← «${example.fixed}»). اكتب الحروف العربية: ي بدل ی (وى في آخر الكلمة)، وك بدل ک.`,
          ),
          fixes,
        });
      }
      if (found.presentation.length) {
        const runs = found.presentation;
        const first = runs[0]!;
        const last = runs[runs.length - 1]!;
        const chars = runs.reduce((n, r) => n + r.length, 0);
        const range = lineRange(span.line, span.start + first.index, span.start + last.index + last.length);
        const example = replaceInWord(t, first.index, runs);
        if (found.reversed) {
          report({
            range,
            message: text(
              `${plural(chars, 'presentation-form character', 'presentation-form characters')} from a PDF copy, in visual (reversed) order: the letters of each word run backwards (e.g. "${example.word}"). Normalising them would hide the damage; copy this paragraph again from the source, in reading order.`,
              `${arCount(chars, AR_LETTERS)} من أشكال العرض منسوخة من ملف PDF بترتيب العرض المعكوس: حروف كل كلمة مقلوبة (مثل «${example.word}»). تطبيعها يخفي العيب؛ انسخ هذه الفقرة من مصدرها من جديد بترتيب القراءة.`,
            ),
          });
          continue;
        }
        report({
          range,
          message: text(
            `${plural(chars, 'presentation-form character', 'presentation-form characters')} (compatibility shapes, usually copied from a PDF) instead of standard letters (e.g. "${example.word}" → "${example.fixed}"). Replace ${chars === 1 ? 'it' : 'them'} with the standard Arabic letters.`,
            `${arCount(chars, AR_LETTERS)} من أشكال العرض (أشكال توافقية تأتي عادة من النسخ من ملفات PDF) بدل الحروف القياسية (مثل «${example.word}» ← «${example.fixed}»). استبدل ${chars === 1 ? 'به' : 'بها'} الحروف العربية القياسية.`,
          ),
          fixes: [
            {
              title: text('Write the standard letters', 'اكتب الحروف القياسية'),
              edits: lineEdits(span, runs),
              safe: true,
              preferred: true,
              format: true,
            },
          ],
        });
      }
    }
  },
};

import type { Fix, Rule } from '../rule';
import { text } from '../messages';
import type { TextEdit } from '../../types';
import { isArabicLetter, isArabicMark } from '../../arabic';
import { AR_TIMES, HAS_TATWEEL, arCount, contentSpans, excerpt, isArabicWordChar, spanRange } from './shared';

const TATWEEL = 0x0640;

/**
 * Proclitics that may be written apart from what follows with a tatweel when a quotation, a
 * number or a Latin word follows (`بـ"علاقات`, `الـ20`, `والـBBC`): one-letter proclitics
 * (ب ل ك و ف), the article ال, and their combinations (وب فل وال بال لل ولل …).
 */
const PROCLITIC = /^[\u0648\u0641]?(?:[\u0628\u0643\u0644]|[\u0628\u0643]?\u0627\u0644|\u0644\u0644)?$/;

/** Why a tatweel run is or is not decoration. */
export type TatweelUse = 'decoration' | 'proclitic' | 'abbreviation' | 'standalone' | 'word-initial';

/**
 * Classifies the tatweel run starting at `start` and ending before `end` (tatweel and the
 * harakat written on it). Decoration stretches a word: the run stands after a letter and before
 * another (`الخـــبر`, `جـديد`), or ends a word of several letters. Legitimate uses: after a
 * proclitic before a non-letter (`بـ"علاقات`, `الـ2024`), after a one-letter abbreviation (`1445 هـ`,
 * `2024 مـ`), alone between spaces as a dash (`القاهرة ـ رويترز`) or a carrier of a harakah, and at the
 * start of a word to cite a suffix (`ـه`).
 */
export function classifyTatweel(t: string, start: number, end: number): TatweelUse {
  let p = start - 1;
  while (p >= 0 && isArabicMark(t.charCodeAt(p))) p--;
  let q = end;
  while (q < t.length && isArabicMark(t.charCodeAt(q))) q++;
  const before = p >= 0 && isArabicLetter(t.charCodeAt(p));
  const after = q < t.length && isArabicLetter(t.charCodeAt(q));
  if (!before) return after ? 'word-initial' : 'standalone';
  if (after) return 'decoration';
  // The run ends a word: what is the word before it?
  let w = p;
  while (w > 0 && isArabicWordChar(t.charCodeAt(w - 1))) w--;
  let letters = '';
  for (let i = w; i <= p; i++) {
    const c = t.charCodeAt(i);
    if (isArabicLetter(c)) letters += t[i];
    else if (c === TATWEEL) return 'decoration'; // a stretched word ending in tatweel
  }
  if (PROCLITIC.test(letters)) return 'proclitic';
  if (letters.length === 1) return 'abbreviation';
  return 'decoration';
}

/** The text of a run without its tatweels (the harakat written on them stay). */
function withoutTatweel(t: string, a: number, b: number): string {
  let out = '';
  for (let i = a; i < b; i++) if (t.charCodeAt(i) !== TATWEEL) out += t[i];
  return out;
}

/** A word with decorative tatweel: its place and the runs to remove. */
export interface DecoratedWord {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  /** Offsets into the text, in pairs: start and end of each run to remove (the harakat on it are kept). */
  readonly runs: readonly number[];
}

/** The words of a text that carry decorative tatweel, and whether the text also has legitimate tatweel. */
export interface TatweelScan {
  readonly words: DecoratedWord[];
  readonly legitimate: boolean;
}

const NONE: TatweelScan = { words: [], legitimate: false };

/** Finds the words of a text that carry decorative tatweel. */
export function findDecorativeTatweel(t: string): DecoratedWord[] {
  return scanTatweel(t).words;
}

/** Scans a text for tatweel runs, in one pass. */
export function scanTatweel(t: string): TatweelScan {
  let i = t.indexOf('\u0640');
  if (i < 0) return NONE;
  const out: DecoratedWord[] = [];
  let legitimate = false;
  while (i >= 0 && i < t.length) {
    // The word around the tatweel.
    let ws = i;
    while (ws > 0 && isArabicWordChar(t.charCodeAt(ws - 1))) ws--;
    let we = i;
    while (we < t.length && isArabicWordChar(t.charCodeAt(we))) we++;
    const runs: number[] = [];
    let j = t.indexOf('\u0640', ws);
    while (j >= 0 && j < we) {
      // A run: tatweels, possibly with harakat between them; it ends after its last tatweel.
      const rs = j;
      let re = j + 1;
      let k = re;
      while (k < we && (t.charCodeAt(k) === TATWEEL || isArabicMark(t.charCodeAt(k)))) {
        k++;
        if (t.charCodeAt(k - 1) === TATWEEL) re = k;
      }
      if (classifyTatweel(t, rs, re) === 'decoration') runs.push(rs, re);
      else legitimate = true;
      j = t.indexOf('\u0640', re);
    }
    if (runs.length) out.push({ start: ws, end: we, word: t.slice(ws, we), runs });
    i = t.indexOf('\u0640', we);
  }
  return { words: out, legitimate };
}

/** The text from `from` to `to` with the decorative runs (flat pairs, sorted) removed. */
function withoutRuns(t: string, from: number, to: number, runs: readonly number[]): string {
  const parts: string[] = [];
  let at = from;
  for (let r = 0; r < runs.length; r += 2) {
    const a = runs[r]!;
    const b = runs[r + 1]!;
    if (a >= to) break;
    if (b <= from) continue;
    parts.push(t.slice(at, a), withoutTatweel(t, a, b));
    at = b;
  }
  parts.push(t.slice(at, to));
  return parts.join('');
}

/** The word as it should be written: without its decorative tatweel. */
export function cleanedWord(t: string, w: DecoratedWord): string {
  return withoutRuns(t, w.start, w.end, w.runs);
}

/** Above this many runs on a line, the fix is one edit over their span rather than one per run. */
const MAX_SEPARATE_EDITS = 64;

/** AN210: tatweel used to stretch words. */
export const tatweel: Rule = {
  id: 'AN210',
  name: 'tatweel',
  defaultSeverity: 'info',
  tags: ['content', 'style', 'letters'],
  summary: 'A tatweel (ـ) stretches a word for decoration.',
  fixable: true,
  docs: {
    description:
      'The tatweel (kashida, U+0640) stretches the joint between two letters: `الخـــبر`, `جـديد`. It is typography, not spelling, and it breaks exact search, keyword matching and tokenisers that do not strip it. The rule reports a word where a tatweel stands between two letters, or ends a word of several letters. Legitimate uses are left alone: after a proclitic before a quotation, a number or a Latin word (`بـ"علاقات`, as in the sample corpus, `الـ20`, `والـBBC`), after a one-letter abbreviation (`1445 هـ`, `2024 مـ`), alone between spaces as a dash (`القاهرة ـ رويترز`) and at the start of a word citing a suffix (`ـه`). Marker lines are left to AN110, which rewrites a marker spelled with tatweel.',
    bad: 'عـــاجـل: الحكومة تعلن خطة جـديدة لدعم الصادرات',
    good: 'عاجل: الحكومة تعلن خطة جديدة لدعم الصادرات',
    fix: 'Removes the decorative tatweel from the word (harakat written on it stay, on the letter before); legitimate tatweel in the same word is kept.',
  },
  check({ article }, report) {
    for (const span of contentSpans(article, true)) {
      if (!(span.flags & HAS_TATWEEL)) continue;
      const { words, legitimate } = scanTatweel(span.text);
      if (words.length === 0) continue;
      // The same stretched word twice on a line is one finding, fixed everywhere on the line.
      const byWord = new Map<string, DecoratedWord[]>();
      for (const w of words) {
        const list = byWord.get(w.word);
        if (list) list.push(w);
        else byWord.set(w.word, [w]);
      }
      for (const [word, list] of byWord) {
        const first = list[0]!;
        const t = span.text;
        let count = 0;
        for (const w of list) count += w.runs.length / 2;
        let edits: TextEdit[];
        if (count <= MAX_SEPARATE_EDITS) {
          edits = [];
          for (const w of list) for (let r = 0; r < w.runs.length; r += 2) edits.push({ range: spanRange(span, w.runs[r]!, w.runs[r + 1]! - w.runs[r]!), newText: withoutTatweel(t, w.runs[r]!, w.runs[r + 1]!) });
        } else {
          const from = first.runs[0]!;
          const lastRuns = list[list.length - 1]!.runs;
          const to = lastRuns[lastRuns.length - 1]!;
          let newText: string;
          // Every tatweel of the line is this word's decoration: remove them all at once.
          if (!legitimate && byWord.size === 1) newText = t.slice(from, to).replace(/\u0640/g, '');
          else {
            const all: number[] = [];
            for (const w of list) for (const x of w.runs) all.push(x);
            newText = withoutRuns(t, from, to, all);
          }
          edits = [{ range: spanRange(span, from, to - from), newText }];
        }
        const shown = excerpt(word, 40);
        const cleaned = excerpt(withoutRuns(t, first.start, Math.min(first.end, first.start + 80), first.runs), 40);
        const times = list.length > 1 ? { en: ` (${list.length} times on this line)`, ar: ` (${arCount(list.length, AR_TIMES)} في هذا السطر)` } : { en: '', ar: '' };
        const fix: Fix = {
          title: text(`Write "${cleaned}"`, `اكتب «${cleaned}»`),
          edits,
          safe: true,
          preferred: true,
          format: true,
        };
        report({
          range: spanRange(span, first.start, first.end - first.start),
          message: text(
            `Decorative tatweel in "${shown}"${times.en}: stretching is not part of the word and hides it from search. Write "${cleaned}".`,
            `تطويل زخرفي في «${shown}»${times.ar}: المد ليس من حروف الكلمة ويخفيها عن البحث. اكتبها «${cleaned}».`,
          ),
          fixes: [fix],
        });
      }
    }
  },
};

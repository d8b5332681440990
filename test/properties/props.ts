/**
 * The parser's and the fixes' invariants as fast-check properties, shared by the test suite
 * (test/unit/properties.test.ts, at least 10,000 cases each) and `npm run fuzz` (millions).
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { indexEntry, splitWithEvidence } from '../../server/src/core/corpus/entry';
import { type ArticleSummary, summarize } from '../../server/src/core/corpus/summary';
import type { KeywordEvidence } from '../../server/src/core/keywords/segment';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { safeFixEdits } from '../../server/src/core/features/codeActions';
import { foldingRanges } from '../../server/src/core/features/folding';
import { documentSymbols, type ArticleSymbol } from '../../server/src/core/features/symbols';
import { parseArticle, type Article } from '../../server/src/core/parse/article';
import { applyEdits, offsetAt } from '../../server/src/core/text/edits';
import { decodeUtf8Strict } from '../../server/src/core/text/encoding';
import { normalizeArabic } from '../../server/src/core/arabic';
import { transliterationEligible, transliterationKey, transliterationKeyOfNormalized } from '../../server/src/core/corpus/index';
import type { Range } from '../../server/src/core/types';
import { listFiles, readExpectations, repoRoot } from '../support/fixtures';

/** Real-looking articles to mutate: the clean fixtures and every rule fixture. */
export const SEEDS: readonly string[] = [
  ...listFiles(path.join(repoRoot, 'test/fixtures/clean')),
  ...listFiles(path.join(repoRoot, 'test/fixtures/rules')),
].map((f) => readExpectations(fs.readFileSync(f, 'utf8')).text);

const POOLS: Record<string, number[][]> = {
  arabic: [[0x0621, 0x064a], [0x0660, 0x0669], [0x06a9, 0x06cc], [0xfe70, 0xfefc], [0xfb50, 0xfdff]],
  marks: [[0x064b, 0x065f], [0x0670, 0x0670], [0x0640, 0x0640], [0x0300, 0x036f]],
  bidi: [[0x200b, 0x200f], [0x202a, 0x202e], [0x2066, 0x2069], [0x061c, 0x061c], [0xfeff, 0xfeff], [0x00a0, 0x00a0]],
  surrogates: [[0xd800, 0xdfff]],
  control: [[0x0000, 0x001f], [0x007f, 0x009f]],
  punctuation: [[0x0021, 0x002f], [0x003a, 0x0040], [0x060c, 0x060c], [0x061b, 0x061f], [0x00ab, 0x00ab], [0x00bb, 0x00bb], [0xfffd, 0xfffd]],
};

const codeFrom = (ranges: number[][]): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: ranges.length - 1 }).chain((i) => fc.integer({ min: ranges[i]![0]!, max: ranges[i]![1]! }).map((c) => String.fromCharCode(c)));

/** A character from the hostile pools, an astral character, a line break or a marker. */
const hostileChunk: fc.Arbitrary<string> = fc.oneof(
  ...Object.values(POOLS).map(codeFrom),
  fc.constantFrom('😀', '𝐀', '\n', '\r\n', '\r', ' ', '  ', '\t', 'تاريخ النشر:', 'المصدر :', 'كلمات دلالية:', 'إقرأ أيضاً:', 'تابع أحدث الأخبار عبر تطبيق', '&quot;', '<br>', 'Ø§Ù„', 'بـ"'),
);

/** A mutation of an article's lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), offset: fc.nat(), text: fc.array(hostileChunk, { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }),
);

/** An article from the seeds, mutated at random. */
export const mutatedArticle: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
  .map(([i, mutations, eol]) => {
    const lines = SEEDS[i]!.split('\n');
    for (const m of mutations) {
      if (!lines.length) lines.push('');
      const at = m.at % lines.length;
      if (m.kind === 'delete') lines.splice(at, 1);
      else if (m.kind === 'swap') {
        const to = m.to % lines.length;
        [lines[at], lines[to]] = [lines[to]!, lines[at]!];
      } else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at]!);
      else {
        const l = lines[at]!;
        const o = m.offset % (l.length + 1);
        lines[at] = l.slice(0, o) + m.text + l.slice(o);
      }
    }
    return lines.join(eol);
  });

/** Arbitrary UTF-16 strings, lone surrogates included. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((cs) => String.fromCharCode(...cs)),
  fc.array(hostileChunk, { maxLength: 80 }).map((a) => a.join('')),
);

function within(text: string, article: Article, r: Range, what: string): void {
  const { start, end } = r;
  if (start.line < 0 || end.line >= article.lines.length) throw new Error(`${what}: line outside the document`);
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) throw new Error(`${what}: range not ordered`);
  if (end.character > article.lines[end.line]!.text.length || start.character > article.lines[start.line]!.text.length) throw new Error(`${what}: character past the line's end`);
  void text;
}

function inside(inner: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Parser, rules, outline and folds on one text: never throws, every range valid, symbols nest, folds nest. */
export function checkStructure(text: string): void {
  const { article, diagnostics } = analyze(text, DEFAULT_CONFIG);
  for (const d of diagnostics) {
    within(text, article, d.range, `${d.ruleId} range`);
    for (const f of d.fixes) for (const e of f.edits) {
      // A fix may end at the start of the next line (a line deletion).
      const end = e.range.end;
      if (!(end.line < article.lines.length || (end.line === article.lines.length && end.character === 0))) throw new Error(`${d.ruleId} fix outside`);
    }
  }
  const walk = (s: ArticleSymbol, parent?: ArticleSymbol): void => {
    within(text, article, s.range, `symbol ${s.name}`);
    if (!inside(s.selectionRange, s.range)) throw new Error(`symbol ${s.name}: selection outside its range`);
    if (parent && !inside(s.range, parent.range)) throw new Error(`symbol ${s.name} outside ${parent.name}`);
    for (const c of s.children) walk(c, s);
  };
  for (const s of documentSymbols(article)) walk(s);
  const folds = foldingRanges(article);
  for (const f of folds) if (!(f.startLine < f.endLine && f.endLine < article.lines.length)) throw new Error('fold out of range');
  for (const a of folds) for (const b of folds) {
    if (a === b) continue;
    const overlap = a.startLine < b.startLine && b.startLine <= a.endLine && a.endLine < b.endLine;
    if (overlap) throw new Error(`folds ${a.startLine}-${a.endLine} and ${b.startLine}-${b.endLine} overlap without nesting`);
  }
  parseArticle(text); // the parser alone, too
}

/** Applies the safe fixes until nothing changes (at most 10 rounds). */
export function fixAll(text: string): string {
  let t = text;
  for (let round = 0; round < 10; round++) {
    const { article, diagnostics } = analyze(t, DEFAULT_CONFIG);
    const edits = safeFixEdits(diagnostics);
    if (!edits.length) return t;
    const next = applyEdits(t, article.lines, edits);
    if (next === t) return t;
    t = next;
  }
  return t;
}

/** Every fix applies cleanly and changes nothing outside its edits; fixing everything twice changes nothing the second time. */
export function checkFixes(text: string): void {
  const { article, diagnostics } = analyze(text, DEFAULT_CONFIG);
  for (const d of diagnostics) {
    for (const fix of d.fixes) {
      const fixed = applyEdits(text, article.lines, fix.edits);
      const first = Math.min(...fix.edits.map((e) => offsetAt(article.lines, e.range.start)));
      const last = Math.max(...fix.edits.map((e) => offsetAt(article.lines, e.range.end)));
      if (fixed.slice(0, first) !== text.slice(0, first)) throw new Error(`${d.ruleId} fix changed text before its range`);
      if (fixed.slice(fixed.length - (text.length - last)) !== text.slice(last)) throw new Error(`${d.ruleId} fix changed text after its range`);
    }
  }
  const once = fixAll(text);
  const twice = fixAll(once);
  if (once !== twice) throw new Error('fixing twice changed the text the second time');
}

/**
 * Evidence that answers a pseudo-random count for some phrases (a function of the phrase and a
 * seed), so that the corpus changes the split of a keywords line in many different ways.
 */
export function seededEvidence(seed: number): KeywordEvidence {
  return {
    keywordCount: (p) => {
      let h = seed >>> 0;
      for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193) >>> 0;
      return h % 3 === 0 ? h % 40 : 0;
    },
  };
}

/**
 * The index entry of an article, split again with evidence where the corpus is (after a trip
 * through structured clone, as from a worker thread), equals the summary of the article parsed
 * with that evidence; and the lengths chosen, given back to the parser, give the same items.
 */
export function checkEntry(text: string, seed: number): void {
  const uri = 'file:///corpus/a.txt';
  const evidence = seededEvidence(seed);
  const { entry } = indexEntry(uri, parseArticle(text));
  const split = splitWithEvidence(structuredClone(entry), evidence);
  const parsed = parseArticle(text, { keywordEvidence: evidence });
  const expected = summarize(uri, parsed);
  const places = (s: ArticleSummary): string[] => s.keywords.map((k) => `${k.line}:${k.start}-${k.end}:${k.attested ? 1 : 0}:${k.text}`);
  if (JSON.stringify(places(split.summary)) !== JSON.stringify(places(expected))) {
    throw new Error(`split from the entry differs from the parse with evidence:\n${places(split.summary).join('\n')}\n---\n${places(expected).join('\n')}`);
  }
  if (split.lengths) {
    const given = parseArticle(text, { keywordLengths: split.lengths });
    const a = (given.keywords?.items ?? []).map((k) => k.text);
    const b = (parsed.keywords?.items ?? []).map((k) => k.text);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`given lengths give other items: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
}

/** Byte sequences at the edges of UTF-8's rules: overlong forms, surrogates, the last code point and past it, lone leads and continuations, a BOM. */
const UTF8_EDGES: readonly (readonly number[])[] = [
  [0xc0, 0x80], [0xc1, 0xbf], [0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf],
  [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xee, 0x80, 0x80], [0xef, 0xbf, 0xbf], [0xef, 0xbb, 0xbf], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf],
  [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff], [0xfe], [0x80], [0xbf], [0xc2], [0xe1, 0x80],
  [0xf1, 0x80, 0x80], [0xd8, 0xa7], [0x41], [0x00],
];

const encoder = new TextEncoder();

/** Bytes that are UTF-8 or nearly: random bytes, encoded texts, encoded texts with one byte changed or cut short, edge sequences. */
export const utf8Bytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.oneof(anyText, mutatedArticle).map((t) => encoder.encode(t)),
  fc.tuple(fc.oneof(anyText, mutatedArticle), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([t, at, b]) => {
    const bytes = encoder.encode(t);
    if (bytes.length) bytes[at % bytes.length] = b;
    return bytes;
  }),
  fc.tuple(anyText, fc.nat()).map(([t, cut]) => {
    const bytes = encoder.encode(t);
    return bytes.subarray(0, cut % (bytes.length + 1));
  }),
  fc.array(fc.constantFrom(...UTF8_EDGES), { maxLength: 12 }).map((seqs) => Uint8Array.from(seqs.flat())),
);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** decodeUtf8Strict answers as TextDecoder's fatal mode: the same text, or undefined where it throws. */
export function checkUtf8(bytes: Uint8Array): void {
  let expected: string | undefined;
  try {
    expected = strictUtf8.decode(bytes);
  } catch {
    expected = undefined;
  }
  const actual = decodeUtf8Strict(bytes);
  if (actual !== expected) throw new Error(`decodeUtf8Strict(${Buffer.from(bytes).toString('hex')}) = ${JSON.stringify(actual)}, TextDecoder: ${JSON.stringify(expected)}`);
}

/**
 * normalizeArabic is idempotent: the index computes spelling and transliteration keys of
 * keywords' normalised forms without normalising them again (spellingKeyOfNormalized), which
 * gives the same keys only if so. Eligibility for transliteration counts code points as before.
 */
export function checkNormalizedKeys(text: string): void {
  const n = normalizeArabic(text);
  if (normalizeArabic(n) !== n) throw new Error(`normalizeArabic is not idempotent on ${JSON.stringify(text)}`);
  if (transliterationKeyOfNormalized(n) !== transliterationKey(text)) throw new Error(`transliteration keys differ for ${JSON.stringify(text)}`);
  const stem = n.startsWith('ال') ? n.slice(2) : n;
  const eligible = n.includes(' ') || [...stem].length >= 5;
  if (transliterationEligible(text) !== eligible) throw new Error(`eligibility differs for ${JSON.stringify(text)}`);
}

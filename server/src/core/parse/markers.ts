/**
 * Recognition of the format's marker lines in every spelling found in the wild
 * (FORMAT.md, "Spellings of the markers found in the wild"): a space before the colon, a
 * missing colon, alef with or without hamza, tanween on either letter, tatweel and harakat
 * between the letters. Recognition is tolerant; whether a spelling is canonical is decided
 * against the corpus's configured tokens.
 */
import { IGNORABLE_IN_WORD, normalizeArabic } from '../arabic';

/** The kinds of marker line. */
export type MarkerKind = 'date' | 'boilerplate' | 'source' | 'keywords' | 'readAlso';

/** The corpus's canonical spelling of each marker. */
export interface MarkerTokens {
  readonly date: string;
  readonly boilerplate: string;
  readonly source: string;
  readonly keywords: string;
  readonly readAlso: string;
}

/** The spellings of the sample corpus (FORMAT.md). */
export const DEFAULT_MARKERS: MarkerTokens = Object.freeze({
  date: 'تاريخ النشر:',
  boilerplate: 'تابع أحدث الأخبار عبر تطبيق',
  source: 'المصدر:',
  keywords: 'كلمات دلالية:',
  readAlso: 'إقرأ أيضاً:',
});

/** English names of the markers, for messages. */
export const MARKER_NAMES: Readonly<Record<MarkerKind, { en: string; ar: string }>> = {
  date: { en: 'date line', ar: 'سطر التاريخ' },
  boilerplate: { en: 'app boilerplate line', ar: 'سطر دعاية التطبيق' },
  source: { en: 'source line', ar: 'سطر المصدر' },
  keywords: { en: 'keywords line', ar: 'سطر الكلمات الدلالية' },
  readAlso: { en: 'read-also marker', ar: 'علامة «إقرأ أيضاً»' },
};

/** A marker found at the start of a line. All offsets are UTF-16 code units into the line. */
export interface MarkerMatch {
  readonly kind: MarkerKind;
  /** Where the marker's first letter is (after any leading white space or BOM). */
  readonly start: number;
  /** Where the marker's letters and colon end (before the spaces that separate it from the value). */
  readonly tokenEnd: number;
  /** Where the value starts (after the separating spaces); equals the line length when there is no value. */
  readonly valueStart: number;
  /** Whether a colon was written. */
  readonly hasColon: boolean;
}

const MARK = `[${IGNORABLE_IN_WORD}]*`;
const SPACE = '[ \\t\\u00A0]';
const COLON = '[:\\uFF1A\\uFE55]';

const LETTER_CLASS: Record<string, string> = {
  '\u0627': '[\u0627\u0623\u0625\u0622\u0671]', // ا and its hamza/madda/wasla forms
  '\u064A': '[\u064A\u0649\u06CC]', // ي ى ی
  '\u0647': '[\u0647\u0629]', // ه ة
  '\u0643': '[\u0643\u06A9]', // ك ک
};

/** Builds a tolerant pattern for the letters of a marker phrase (normalised, without colon). */
function phrasePattern(phrase: string): string {
  const normalized = normalizeArabic(phrase.replace(/[:\uFF1A]/g, ''));
  const parts: string[] = [];
  for (const word of normalized.split(' ')) {
    if (!word) continue;
    let w = '';
    for (const ch of word) {
      const cls = LETTER_CLASS[ch] ?? ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      w += cls + MARK;
    }
    parts.push(w);
  }
  return parts.join(`${SPACE}+${MARK}`);
}

interface CompiledMarker {
  readonly kind: MarkerKind;
  readonly re: RegExp;
}

/** The built-in phrases each marker is recognised by, besides the configured token. */
const BUILTIN_PHRASES: Record<MarkerKind, string[]> = {
  date: ['تاريخ النشر'],
  boilerplate: ['تابع أحدث الأخبار عبر تطبيق'],
  source: ['المصدر'],
  keywords: ['كلمات دلالية', 'الكلمات الدلالية'],
  readAlso: ['اقرأ أيضا', 'اقرأ ايضا'],
};

const cache = new Map<string, CompiledMarker[]>();
const byObject = new WeakMap<MarkerTokens, CompiledMarker[]>();

/** Compiles (and caches) the recognisers for a set of canonical tokens. */
function compile(tokens: MarkerTokens): CompiledMarker[] {
  const known = byObject.get(tokens);
  if (known) return known;
  const key = JSON.stringify(tokens);
  const hit = cache.get(key);
  if (hit) {
    byObject.set(tokens, hit);
    return hit;
  }
  const kinds: MarkerKind[] = ['date', 'boilerplate', 'source', 'keywords', 'readAlso'];
  const compiled = kinds.map((kind) => {
    const phrases = new Set([...BUILTIN_PHRASES[kind], tokens[kind]].map((p) => phrasePattern(p)).filter((p) => p));
    const alternatives = [...phrases].sort((a, b) => b.length - a.length).join('|');
    // ^ leading space/BOM, (phrase), optional spaces, optional colon, spaces.
    const re = new RegExp(`^[\\uFEFF \\t\\u00A0]*(?:${alternatives})(${SPACE}*)(${COLON}?)(${SPACE}*)`);
    return { kind, re };
  });
  if (cache.size > 16) cache.clear();
  cache.set(key, compiled);
  byObject.set(tokens, compiled);
  return compiled;
}

const SENTENCE_END = /[.؟?!:»"”]\s*$/;

/**
 * Finds the marker a line starts with, or `undefined`. A marker written without a colon is
 * accepted only where a paragraph is unlikely to start the same way: the source marker
 * without a colon only on a short line (a paragraph may well begin «المصدر الذي…»), the
 * read-also marker without a colon only alone on its line, the date marker without a colon
 * only before something with a digit.
 */
export function matchMarker(line: string, tokens: MarkerTokens = DEFAULT_MARKERS): MarkerMatch | undefined {
  // Cheap pre-filter: every marker starts with an Arabic letter within a few characters.
  const probe = line.length > 400 ? line.slice(0, 400) : line;
  for (const { kind, re } of compile(tokens)) {
    const m = re.exec(probe);
    if (!m) continue;
    const hasColon = m[2] !== '';
    const leading = /^[\uFEFF \t\u00A0]*/.exec(line)![0].length;
    const tokenEnd = hasColon ? m[0].length - m[3].length : m[0].length - m[1].length - m[3].length;
    const valueStart = m[0].length;
    // The phrase must end at a word boundary: «المصدري» is not the marker.
    if (!hasColon && tokenEnd < line.length && m[1] === '' && m[3] === '') continue;
    const rest = line.slice(valueStart);
    if (kind === 'boilerplate') {
      if (rest.trim() !== '') continue;
    } else if (!hasColon) {
      if (kind === 'readAlso' && rest.trim() !== '') continue;
      if (kind === 'source' && (rest.trim().split(/\s+/).length > 5 || SENTENCE_END.test(rest))) continue;
      if (kind === 'date' && rest.trim() !== '' && !/[0-9\u0660-\u0669\u06F0-\u06F9]/.test(rest.slice(0, 80))) continue;
    }
    return { kind, start: leading, tokenEnd, valueStart, hasColon };
  }
  return undefined;
}

/**
 * The canonical text for the marker part of a line (the token plus one space before a value),
 * and whether the line's marker is written that way.
 */
export function canonicalMarkerText(kind: MarkerKind, hasValue: boolean, tokens: MarkerTokens = DEFAULT_MARKERS): string {
  return tokens[kind] + (hasValue && kind !== 'boilerplate' ? ' ' : '');
}

/**
 * The value of the date line (`تاريخ النشر: 12th, June 2024 GMT`): reading it in every spelling a
 * user may paste, checking that the day exists, writing it canonically, and explaining problems.
 * A pure module: no I/O, no state but one lazily built `Intl.DateTimeFormat`.
 *
 * Decisions (see FORMAT.md, "The date line"):
 * - Leading and trailing white space of the value is ignored here: the line-level rules own it.
 *   White space inside the value that is not a single space where the canonical form has one
 *   (doubled spaces, tabs, no-break spaces, `12th ,June`) is the reason 'spacing'; so are invisible
 *   format characters (a canonical value is exactly its `canonicalText`).
 * - Numeric dates are read day first, `DD/MM/YYYY` (also with `-` or `.`), the convention of Arab
 *   and European newsrooms. Only when the second number cannot be a month (> 12) and the first can,
 *   the date is read month first (`06/13/2024`, the US order) and `hint` says so. A year first
 *   (`2024-06-12`, `2024/06/12`) is ISO order, reason 'iso'.
 * - Text after a complete date (a time as in `12th, June 2024 GMT 10:30`, `GMT+3`, `الموافق …`) and a
 *   leading weekday (`الأربعاء 12 يونيو 2024`) are reason 'extra-text': the date is still understood,
 *   and the canonical rewrite keeps only the date. A trailing `م` / `ميلادي` (AD) counts as extra text
 *   too; trailing punctuation only (`… GMT.`) is 'punctuation'. A weekday that does not match the
 *   date is reported in `weekdayMismatch`, the date itself wins.
 * - Years have four digits; Gregorian years lie in 1900–2100 and Hijri years in 1318–1523 AH (the
 *   Hijri years wholly inside 1900–2100). Outside, the value is invalid ('unrecognized' with a
 *   `hint`, or 'hijri-out-of-range').
 * - A date that does not exist is only invalid, never also non-canonical: `reasons` is empty then.
 * - A whole-form reason ('iso', 'numeric', 'hijri') stands for the word-level ones it implies (no
 *   suffix, no month name, no `GMT`, other punctuation); only 'arabic-digits', 'spacing' and
 *   'extra-text' are listed beside it. A word-form date lists every deviation: `12 يونيو 2024` is
 *   'suffix' (no ordinal), 'arabic-month', 'punctuation' (no comma) and 'missing-gmt'. A wrongly
 *   cased or other time zone word (`gmt`, `UTC`) is 'missing-gmt'.
 * - Hijri dates (a Hijri month name, or any date followed by `هـ`/`ه`/`هجري`/`AH`) are converted with
 *   the Umm al-Qura calendar of Node's ICU (`islamic-umalqura`); without ICU support (a small-icu
 *   build), the tabular civil Hijri calendar is used instead, which may differ by a day or two.
 * - Linear in the input: at most MAX_TOKENS tokens are read (the rest only makes 'extra-text'), no
 *   regular expression with nested repetition is used, and nothing is cached beyond one formatter.
 */
import type { LocalizedText } from '../types';
import { isArabicLetter, isArabicMark, normalizeArabic } from '../arabic';

// ─── Public types ───────────────────────────────────────────────────────────────────────────

/** A day of the proleptic Gregorian calendar; `month` is 1..12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Why a valid date is not written in the canonical form. */
export type DateNoncanonicalReason =
  | 'suffix'
  | 'month-spelling'
  | 'arabic-month'
  | 'arabic-digits'
  | 'iso'
  | 'numeric'
  | 'missing-gmt'
  | 'hijri'
  | 'spacing'
  | 'punctuation'
  | 'extra-text';

/** Why the value is not a date. */
export type DateInvalidReason =
  | { kind: 'empty' }
  | { kind: 'unrecognized' }
  | { kind: 'no-such-day'; calendar: 'gregorian' | 'hijri'; year: number; month: number; day: number }
  | {
      kind: 'unknown-month';
      word: string;
      /** The month (1..12) the word most likely means. */
      suggestion?: number;
      /** The calendar of `suggestion`: 'hijri' when the year or a `هـ` marks a Hijri date. */
      calendar?: 'gregorian' | 'hijri';
    }
  | { kind: 'hijri-out-of-range'; year: number };

/** Extra detail for the messages. */
export type DateHint =
  /** A Gregorian year outside 1900–2100. */
  | { kind: 'year-out-of-range'; year: number }
  /** A year written with two digits (`12/06/24`). */
  | { kind: 'two-digit-year' }
  /** A numeric date with a Hijri-looking year (1300–1600) but no `هـ`. */
  | { kind: 'looks-hijri'; year: number }
  /** A Gregorian month with a Hijri marker, or a Hijri month with `م`. */
  | { kind: 'mixed-calendars' }
  /** A numeric date read month first because its second number cannot be a month. */
  | { kind: 'month-first' };

/** The result of reading a date value. */
export interface DateParse {
  status: 'canonical' | 'noncanonical' | 'invalid';
  /** Set unless invalid. */
  date?: CalendarDate;
  /** The canonical spelling, e.g. "12th, June 2024 GMT"; set unless invalid. */
  canonicalText?: string;
  /** The calendar the text was written in; set unless invalid. */
  calendar?: 'gregorian' | 'hijri';
  /** When the text was a Hijri date: that date. */
  hijri?: { year: number; month: number; day: number };
  /** Why non-canonical, in a fixed order; empty when canonical or invalid. */
  reasons: DateNoncanonicalReason[];
  invalid?: DateInvalidReason;
  /** For unknown-month with a confident suggestion where the rest is valid: the canonical text with the corrected month (a "did you mean" quick fix). */
  suggestionText?: string;
  /** Extra detail for the message (year range, month-first reading, …). */
  hint?: DateHint;
  /** A leading weekday that is not the date's weekday. */
  weekdayMismatch?: { written: LocalizedText; actual: LocalizedText };
}

// ─── Names ──────────────────────────────────────────────────────────────────────────────────

export const GREGORIAN_MIN_YEAR = 1900;
export const GREGORIAN_MAX_YEAR = 2100;
/** The Hijri years that fall wholly inside 1900–2100 (1 Muharram 1318 = 30 April 1900). */
export const HIJRI_MIN_YEAR = 1318;
export const HIJRI_MAX_YEAR = 1523;

export const ENGLISH_MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** The four regional sets of Arabic names of the Gregorian months, January first. */
export const ARABIC_MONTH_SETS: {
  readonly egyptianGulf: readonly string[];
  readonly levantine: readonly string[];
  readonly algerianTunisian: readonly string[];
  readonly moroccan: readonly string[];
} = {
  egyptianGulf: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  levantine: ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
  algerianTunisian: ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  moroccan: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
};

/** Other spellings met in the wild (Egyptian يونيه/يوليه, Levantine names without the article). */
const ARABIC_GREGORIAN_VARIANTS: readonly (readonly string[])[] = [
  ['كانون ثاني'], [], [], ['إبريل'], [], ['يونيه'], ['يوليه'], [], [], ['تشرين أول'], ['تشرين ثاني'], ['كانون أول'],
];

/** The Hijri months: canonical names in both languages. */
export const HIJRI_MONTHS: readonly LocalizedText[] = [
  { en: 'Muharram', ar: 'محرم' },
  { en: 'Safar', ar: 'صفر' },
  { en: 'Rabiʿ al-Awwal', ar: 'ربيع الأول' },
  { en: 'Rabiʿ al-Thani', ar: 'ربيع الآخر' },
  { en: 'Jumada al-Ula', ar: 'جمادى الأولى' },
  { en: 'Jumada al-Akhirah', ar: 'جمادى الآخرة' },
  { en: 'Rajab', ar: 'رجب' },
  { en: 'Shaʿban', ar: 'شعبان' },
  { en: 'Ramadan', ar: 'رمضان' },
  { en: 'Shawwal', ar: 'شوال' },
  { en: 'Dhu al-Qaʿdah', ar: 'ذو القعدة' },
  { en: 'Dhu al-Hijjah', ar: 'ذو الحجة' },
];

const HIJRI_ARABIC_VARIANTS: readonly (readonly string[])[] = [
  ['محرم', 'المحرم', 'محرم الحرام'],
  ['صفر', 'صفر الخير'],
  ['ربيع الأول', 'ربيع أول'],
  ['ربيع الآخر', 'ربيع الثاني', 'ربيع آخر', 'ربيع ثاني'],
  ['جمادى الأولى', 'جمادى الأول', 'جمادى أولى'],
  ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الآخر', 'جمادى الثاني', 'جمادى آخرة', 'جمادى ثانية'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة', 'ذي القعدة', 'ذا القعدة', 'ذوالقعدة', 'ذيالقعدة'],
  ['ذو الحجة', 'ذي الحجة', 'ذا الحجة', 'ذوالحجة', 'ذيالحجة'],
];

const WEEKDAYS: readonly LocalizedText[] = [
  { en: 'Sunday', ar: 'الأحد' },
  { en: 'Monday', ar: 'الاثنين' },
  { en: 'Tuesday', ar: 'الثلاثاء' },
  { en: 'Wednesday', ar: 'الأربعاء' },
  { en: 'Thursday', ar: 'الخميس' },
  { en: 'Friday', ar: 'الجمعة' },
  { en: 'Saturday', ar: 'السبت' },
];

type Calendar = 'gregorian' | 'hijri';
type Script = 'latin' | 'arabic';
interface MonthEntry {
  readonly month: number;
  readonly calendar: Calendar;
}

/** Lower-case Latin month words: English names and abbreviations, a few transliterated Hijri names. */
const LATIN_MONTHS = new Map<string, MonthEntry>();
/** Normalised Arabic month names (one or two words joined by a space). */
const ARABIC_MONTHS = new Map<string, MonthEntry>();
const LATIN_WEEKDAYS = new Map<string, number>();
const ARABIC_WEEKDAYS = new Map<string, number>();

{
  const abbreviations = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  ENGLISH_MONTHS.forEach((name, i) => {
    LATIN_MONTHS.set(name.toLowerCase(), { month: i + 1, calendar: 'gregorian' });
    LATIN_MONTHS.set(abbreviations[i]!, { month: i + 1, calendar: 'gregorian' });
  });
  LATIN_MONTHS.set('sept', { month: 9, calendar: 'gregorian' });
  const hijriLatin: [string, number][] = [
    ['muharram', 1], ['safar', 2], ['rajab', 7], ['shaban', 8], ['ramadan', 9], ['ramadhan', 9], ['shawwal', 10], ['shawal', 10],
  ];
  for (const [name, month] of hijriLatin) LATIN_MONTHS.set(name, { month, calendar: 'hijri' });

  const addArabic = (name: string, month: number, calendar: Calendar): void => {
    ARABIC_MONTHS.set(normalizeArabic(name), { month, calendar });
  };
  for (const set of Object.values(ARABIC_MONTH_SETS)) set.forEach((name, i) => addArabic(name, i + 1, 'gregorian'));
  ARABIC_GREGORIAN_VARIANTS.forEach((names, i) => names.forEach((name) => addArabic(name, i + 1, 'gregorian')));
  HIJRI_ARABIC_VARIANTS.forEach((names, i) => names.forEach((name) => addArabic(name, i + 1, 'hijri')));

  const latinDays: [string, number][] = [
    ['sunday', 0], ['sun', 0], ['monday', 1], ['mon', 1], ['tuesday', 2], ['tue', 2], ['tues', 2],
    ['wednesday', 3], ['wed', 3], ['thursday', 4], ['thu', 4], ['thur', 4], ['thurs', 4],
    ['friday', 5], ['fri', 5], ['saturday', 6], ['sat', 6],
  ];
  for (const [name, day] of latinDays) LATIN_WEEKDAYS.set(name, day);
  const arabicDays: [string, number][] = [
    ['الأحد', 0], ['أحد', 0], ['الاثنين', 1], ['اثنين', 1], ['الإثنين', 1], ['الثلاثاء', 2], ['ثلاثاء', 2],
    ['الأربعاء', 3], ['أربعاء', 3], ['الخميس', 4], ['خميس', 4], ['الجمعة', 5], ['جمعة', 5], ['السبت', 6], ['سبت', 6],
  ];
  for (const [name, day] of arabicDays) ARABIC_WEEKDAYS.set(normalizeArabic(name), day);
}

const HIJRI_MARKERS = new Set(['ه', 'هجري', 'هجريه', 'للهجره', 'ah'].map((w) => normalizeArabic(w)));
const GREGORIAN_MARKERS = new Set(['م', 'ميلادي', 'ميلاديه', 'للميلاد', 'ad', 'ce'].map((w) => normalizeArabic(w)));
const TIME_ZONE_WORDS = new Set(['gmt', 'utc']);
const SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const COMMAS = new Set([',', '،', '٫']);
const SEPARATORS = new Set(['/', '-', '.', '\u2010', '\u2011', '\u2013', '\u060D']);
const DASHES = new Set(['-', '\u2013']);
const TRAILING_PUNCTUATION = new Set(['.', ',', '،', ';', '؛', '\u06D4']);

// ─── Small calendar functions ───────────────────────────────────────────────────────────────

/** The English ordinal suffix of a day number: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st. */
export function ordinalSuffix(day: number): 'st' | 'nd' | 'rd' | 'th' {
  const n = Math.abs(Math.trunc(Number.isFinite(day) ? day : 0));
  const r100 = n % 100;
  if (r100 >= 11 && r100 <= 13) return 'th';
  switch (n % 10) {
    case 1:
      return 'st';
    case 2:
      return 'nd';
    case 3:
      return 'rd';
    default:
      return 'th';
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a Gregorian month (0 when the month is not 1..12). */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 0;
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when the date exists in the proleptic Gregorian calendar (years 1..9999). */
export function isValidDate(d: CalendarDate): boolean {
  return (
    d !== null &&
    typeof d === 'object' &&
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1 &&
    d.year <= 9999 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** The canonical corpus spelling: "1st, January 2025 GMT". */
export function formatCanonicalDate(d: CalendarDate): string {
  return `${d.day}${ordinalSuffix(d.day)}, ${ENGLISH_MONTHS[d.month - 1] ?? String(d.month)} ${d.year} GMT`;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

/** "2024-06-12". */
export function isoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a Gregorian date (any year, unlike Date.UTC which maps 0..99 to 19xx). */
function epochDay(d: CalendarDate): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(t.getTime() / DAY_MS);
}

function dateOfEpochDay(n: number): CalendarDate {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function weekdayIndex(d: CalendarDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The weekday of a date in both languages: { en: 'Wednesday', ar: 'الأربعاء' }. */
export function weekdayOf(d: CalendarDate): LocalizedText {
  return WEEKDAYS[weekdayIndex(d)] ?? { en: '', ar: '' };
}

/** The Egyptian/Gulf Arabic name of a Gregorian month (يونيو); '' outside 1..12. */
export function arabicMonthName(month: number): string {
  return ARABIC_MONTH_SETS.egyptianGulf[month - 1] ?? '';
}

/** The Levantine Arabic name of a Gregorian month (حزيران); '' outside 1..12. */
export function levantineMonthName(month: number): string {
  return ARABIC_MONTH_SETS.levantine[month - 1] ?? '';
}

/** The name of a Hijri month in both languages; empty strings outside 1..12. */
export function hijriMonthName(month: number): LocalizedText {
  return HIJRI_MONTHS[month - 1] ?? { en: '', ar: '' };
}

// ─── Hijri (Umm al-Qura) ────────────────────────────────────────────────────────────────────

let umalqura: Intl.DateTimeFormat | null | undefined;

function umalquraFormat(): Intl.DateTimeFormat | null {
  if (umalqura === undefined) {
    try {
      const f = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
      umalqura = f.resolvedOptions().calendar === 'islamic-umalqura' ? f : null;
    } catch {
      umalqura = null;
    }
  }
  return umalqura;
}

/** The Umm al-Qura date of an epoch day, from ICU. */
function hijriPartsOf(f: Intl.DateTimeFormat, day: number): { year: number; month: number; day: number } | undefined {
  let year = NaN;
  let month = NaN;
  let d = NaN;
  for (const part of f.formatToParts(new Date(day * DAY_MS))) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') d = Number(part.value);
  }
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(d) ? { year, month, day: d } : undefined;
}

/** The epoch day of a date of the tabular (civil) Hijri calendar: a first estimate of Umm al-Qura. */
function civilHijriEpochDay(year: number, month: number, day: number): number {
  const jdn = day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + 1948439;
  return jdn - 2440588;
}

function civilHijriMonthLength(year: number, month: number): number {
  if (month % 2 === 1) return 30;
  if (month === 12) return (14 + 11 * year) % 30 < 11 ? 30 : 29;
  return 29;
}

/** The widest gap, in days, between the tabular estimate and Umm al-Qura that is probed. */
const HIJRI_PROBE_RADIUS = 5;

/**
 * The Gregorian date of an Umm al-Qura Hijri date; undefined when there is no such Hijri day
 * (day 30 of a 29-day month, month 13, …) or the year is outside 1..3000 AH. The official
 * Umm al-Qura tables cover 1300–1600 AH; ICU computes other years arithmetically.
 */
export function hijriToGregorian(year: number, month: number, day: number): CalendarDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1 || year > 3000 || month < 1 || month > 12 || day < 1 || day > 30) return undefined;
  const estimate = civilHijriEpochDay(year, month, day);
  const f = umalquraFormat();
  if (!f) return day <= civilHijriMonthLength(year, month) ? dateOfEpochDay(estimate) : undefined;
  for (let k = 0; k <= 2 * HIJRI_PROBE_RADIUS; k++) {
    const offset = k % 2 === 0 ? k / 2 : -(k + 1) / 2; // 0, -1, 1, -2, 2, …
    const p = hijriPartsOf(f, estimate + offset);
    if (p && p.year === year && p.month === month && p.day === day) return dateOfEpochDay(estimate + offset);
  }
  return undefined;
}

/** The Umm al-Qura date of a Gregorian date (undefined without ICU support or for an invalid date). */
export function gregorianToHijri(d: CalendarDate): { year: number; month: number; day: number } | undefined {
  const f = umalquraFormat();
  if (!f || !isValidDate(d)) return undefined;
  return hijriPartsOf(f, epochDay(d));
}

/** The number of days (29 or 30) of an Umm al-Qura month; 0 when unknown. */
export function hijriMonthLength(year: number, month: number): number {
  if (hijriToGregorian(year, month, 30)) return 30;
  return hijriToGregorian(year, month, 29) ? 29 : 0;
}

// ─── Tokens ─────────────────────────────────────────────────────────────────────────────────

/** How many tokens are read at most; a date needs about ten. Beyond, the rest is 'extra-text'. */
const MAX_TOKENS = 48;
/** Words longer than this are never month names (and are not normalised). */
const MAX_WORD = 40;

type TokKind = 'num' | 'latin' | 'arabic' | 'sym';

interface Tok {
  readonly kind: TokKind;
  /** The text as written. */
  readonly text: string;
  /** The white space before the token (at most 4 characters are kept, enough to tell ' ' from anything else). */
  readonly ws: string;
  /** latin: lower case; arabic: normalised; num: ASCII digits; sym: the text. '' when too long. */
  readonly key: string;
  /** num: its value (NaN when longer than 9 digits). */
  readonly value: number;
  /** num: written with Arabic-Indic or Persian digits. */
  readonly native: boolean;
}

function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isIgnorableCode(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x061c ||
    c === 0xfeff ||
    c === 0x00ad
  );
}

function digitOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  return -1;
}

function isLatinCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isArabicWordCode(c: number): boolean {
  return c === 0x0640 || isArabicLetter(c) || isArabicMark(c);
}

function makeTok(kind: TokKind, text: string, ws: string): Tok {
  let key = text;
  let value = NaN;
  let native = false;
  if (kind === 'num') {
    let digits = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x39) native = true;
      if (i < 10) digits += String(digitOf(c));
    }
    key = text.length <= 10 ? digits : '';
    value = text.length <= 9 ? Number(digits) : NaN;
  } else if (kind === 'latin') {
    key = text.length <= MAX_WORD ? text.toLowerCase() : '';
  } else if (kind === 'arabic') {
    key = text.length <= MAX_WORD ? normalizeArabic(text) : '';
  }
  return { kind, text, ws, key, value, native };
}

/** Splits the value into at most MAX_TOKENS tokens; `more` tells whether text was left over. */
function tokenize(s: string): { toks: Tok[]; more: boolean } {
  const toks: Tok[] = [];
  const n = s.length;
  let ws = '';
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isIgnorableCode(c)) {
      if (ws.length < 4) ws += '\u200B'; // remembered as irregular spacing
      i++;
      continue;
    }
    if (isSpaceCode(c)) {
      if (ws.length < 4) ws += s[i];
      i++;
      continue;
    }
    if (toks.length >= MAX_TOKENS) return { toks, more: true };
    const start = i;
    let kind: TokKind;
    if (digitOf(c) >= 0) {
      kind = 'num';
      while (i < n && digitOf(s.charCodeAt(i)) >= 0) i++;
    } else if (isLatinCode(c)) {
      kind = 'latin';
      while (i < n && isLatinCode(s.charCodeAt(i))) i++;
    } else if (isArabicWordCode(c)) {
      kind = 'arabic';
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isArabicWordCode(d)) i++;
        else if (isIgnorableCode(d) && i + 1 < n && isArabicWordCode(s.charCodeAt(i + 1))) i++;
        else break;
      }
    } else {
      kind = 'sym';
      const isHigh = c >= 0xd800 && c <= 0xdbff;
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      i += isHigh && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    }
    const text = s.slice(start, i);
    const prev = toks[toks.length - 1];
    // "12thJune": an ordinal suffix glued to the month is two tokens.
    if (kind === 'latin' && ws === '' && prev?.kind === 'num' && text.length > 4) {
      const low = text.toLowerCase();
      if (SUFFIXES.has(low.slice(0, 2)) && LATIN_MONTHS.has(low.slice(2))) {
        toks.push(makeTok('latin', text.slice(0, 2), ''));
        toks.push(makeTok('latin', text.slice(2), ''));
        continue;
      }
    }
    toks.push(makeTok(kind, text, ws));
    ws = '';
  }
  return { toks, more: false };
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

type Form = 'word' | 'iso' | 'numeric';

interface Draft {
  readonly form: Form;
  readonly day: number;
  readonly month: number;
  readonly year: number;
  /** For a month name: its calendar. Undefined for numeric forms. */
  readonly monthCalendar?: Calendar;
  readonly unknownMonth?: { readonly word: string; readonly key: string; readonly script: Script };
  /** The index of the first token after the date. */
  readonly next: number;
}

type Outcome = { readonly draft: Draft } | { readonly fail: DateInvalidReason; readonly hint?: DateHint };

interface MonthHit {
  readonly month: number;
  readonly calendar: Calendar;
  readonly script: Script;
  /** How many tokens the name takes (two for كانون الثاني). */
  readonly words: number;
}

function isSym(t: Tok | undefined, set: ReadonlySet<string>): t is Tok {
  return t !== undefined && t.kind === 'sym' && set.has(t.text);
}

function isWord(t: Tok | undefined): t is Tok {
  return t !== undefined && (t.kind === 'latin' || t.kind === 'arabic');
}

function matchMonthAt(toks: readonly Tok[], j: number): MonthHit | undefined {
  const t = toks[j];
  if (!t || !t.key) return undefined;
  if (t.kind === 'latin') {
    const e = LATIN_MONTHS.get(t.key);
    return e ? { month: e.month, calendar: e.calendar, script: 'latin', words: 1 } : undefined;
  }
  if (t.kind !== 'arabic') return undefined;
  const t2 = toks[j + 1];
  if (t2?.kind === 'arabic' && t2.key) {
    const e2 = ARABIC_MONTHS.get(`${t.key} ${t2.key}`);
    if (e2) return { month: e2.month, calendar: e2.calendar, script: 'arabic', words: 2 };
  }
  const e = ARABIC_MONTHS.get(t.key);
  return e ? { month: e.month, calendar: e.calendar, script: 'arabic', words: 1 } : undefined;
}

/** Reads one attempt at a form; collects the reasons of that attempt only. */
class Reader {
  readonly reasons = new Set<DateNoncanonicalReason>();

  constructor(readonly toks: readonly Tok[]) {}

  at(i: number): Tok | undefined {
    return this.toks[i];
  }

  /** Notes 'spacing' when the white space before `t` is not `expected` ('' or ' '). */
  space(t: Tok, expected: string): void {
    if (t.ws !== expected) this.reasons.add('spacing');
  }

  digits(t: Tok): void {
    if (t.native) this.reasons.add('arabic-digits');
  }

  /** A month name at `j` with its reasons, an optional abbreviation dot and an optional second name. */
  month(j: number, expectedSpace: string): (MonthHit & { next: number }) | undefined {
    const hit = matchMonthAt(this.toks, j);
    if (!hit) return undefined;
    this.space(this.toks[j]!, expectedSpace);
    if (hit.words === 2) this.space(this.toks[j + 1]!, ' ');
    this.monthReasons(hit, j);
    let next = j + hit.words;
    const dot = this.at(next);
    if (hit.script === 'latin' && dot?.kind === 'sym' && dot.text === '.' && dot.ws === '') {
      const key = this.toks[j]!.key;
      const abbreviation = (key.length === 3 && key !== 'may') || key === 'sept';
      if (!abbreviation) this.reasons.add('punctuation');
      next++;
    }
    // A second name of the same month: حزيران/يونيو, يونيو (حزيران).
    const s = this.at(next);
    if (s?.kind === 'sym' && (s.text === '/' || s.text === '(' || s.text === '-')) {
      const hit2 = matchMonthAt(this.toks, next + 1);
      if (hit2 && hit2.month === hit.month && hit2.calendar === hit.calendar) {
        let k = next + 1 + hit2.words;
        const close = this.at(k);
        if (s.text !== '(' || (close?.kind === 'sym' && close.text === ')')) {
          if (s.text === '(') k++;
          this.monthReasons(hit2, next + 1);
          next = k;
        }
      }
    }
    return { month: hit.month, calendar: hit.calendar, script: hit.script, words: hit.words, next };
  }

  private monthReasons(hit: MonthHit, j: number): void {
    if (hit.calendar !== 'gregorian') return;
    if (hit.script === 'arabic') this.reasons.add('arabic-month');
    else if (this.toks[j]!.text !== ENGLISH_MONTHS[hit.month - 1]) this.reasons.add('month-spelling');
  }

  /** An optional ordinal suffix at `j`, after the day token; returns the next index. */
  suffix(dayTok: Tok, j: number): number {
    const t = this.at(j);
    if (t?.kind === 'latin' && SUFFIXES.has(t.key)) {
      if (t.text !== ordinalSuffix(dayTok.value) || dayTok.key !== String(dayTok.value)) this.reasons.add('suffix');
      this.space(t, '');
      return j + 1;
    }
    this.reasons.add('suffix');
    return j;
  }

  /** The year token at `k`: four digits, or a failure. */
  year(k: number, expectedSpace: string): { tok: Tok } | { fail: Outcome } | undefined {
    const y = this.at(k);
    if (!y || y.kind !== 'num') return undefined;
    if (y.text.length === 2) return { fail: { fail: { kind: 'unrecognized' }, hint: { kind: 'two-digit-year' } } };
    if (y.text.length !== 4) return { fail: { fail: { kind: 'unrecognized' } } };
    this.space(y, expectedSpace);
    this.digits(y);
    return { tok: y };
  }

  /** Up to two words in the month's place, followed (after an optional comma) by a four-digit year. */
  unknownMonthWords(j: number): { words: Tok[]; yearAt: number } | undefined {
    const words: Tok[] = [];
    let k = j;
    while (words.length < 2) {
      const w = this.at(k);
      if (!isWord(w) || (words.length > 0 && w.kind !== words[0]!.kind)) break;
      words.push(w);
      k++;
    }
    if (words.length === 0) return undefined;
    if (isSym(this.at(k), COMMAS) || isSym(this.at(k), SEPARATORS)) k++;
    const y = this.at(k);
    if (!y || y.kind !== 'num' || y.text.length !== 4) return undefined;
    return { words, yearAt: k };
  }
}

function unknownMonthOf(words: readonly Tok[]): Draft['unknownMonth'] {
  const first = words[0]!;
  const word = words.map((w) => w.text).join(' ');
  const key = words.every((w) => w.key) ? words.map((w) => w.key).join(' ') : '';
  return { word, key, script: first.kind === 'latin' ? 'latin' : 'arabic' };
}

/** `12/06/2024`, `2024-06-12`, `1445/12/06` … */
function readNumeric(r: Reader, i: number, firstSpace: string): Outcome | undefined {
  const a = r.at(i);
  const s1 = r.at(i + 1);
  const b = r.at(i + 2);
  const s2 = r.at(i + 3);
  const c = r.at(i + 4);
  if (a?.kind !== 'num' || b?.kind !== 'num' || c?.kind !== 'num') return undefined;
  if (!isSym(s1, SEPARATORS) || !isSym(s2, SEPARATORS) || s1.text !== s2.text) return undefined;
  r.space(a, firstSpace);
  for (const t of [s1, b, s2, c]) r.space(t, '');
  for (const t of [a, b, c]) r.digits(t);
  const la = a.text.length;
  const lb = b.text.length;
  const lc = c.text.length;
  if (la === 4 && lb <= 2 && lc <= 2) {
    return { draft: { form: 'iso', year: a.value, month: b.value, day: c.value, next: i + 5 } };
  }
  if (lc === 4 && la <= 2 && lb <= 2) {
    return { draft: { form: 'numeric', day: a.value, month: b.value, year: c.value, next: i + 5 } };
  }
  if (lc === 2 && la <= 2 && lb <= 2) return { fail: { kind: 'unrecognized' }, hint: { kind: 'two-digit-year' } };
  return { fail: { kind: 'unrecognized' } };
}

/** `12th, June 2024`, `12 يونيو، 2024`, `12-Jun-2024`, `6 ذو الحجة 1445` … */
function readDayFirst(r: Reader, i: number, firstSpace: string): Outcome | undefined {
  const dayTok = r.at(i);
  if (dayTok?.kind !== 'num' || dayTok.text.length > 2) return undefined;
  r.space(dayTok, firstSpace);
  r.digits(dayTok);
  let j = r.suffix(dayTok, i + 1);
  const of = r.at(j);
  if (of?.kind === 'latin' && of.key === 'of') {
    r.reasons.add('punctuation');
    r.space(of, ' ');
    j++;
  }
  // The comma after the day (or a date separator, as in 12-Jun-2024).
  let monthSpace = ' ';
  let yearSpace = ' ';
  const sep = r.at(j);
  if (isSym(sep, COMMAS) || isSym(sep, SEPARATORS)) {
    if (sep.text !== ',') r.reasons.add('punctuation');
    r.space(sep, '');
    if (SEPARATORS.has(sep.text)) monthSpace = yearSpace = '';
    j++;
  } else {
    r.reasons.add('punctuation');
  }
  const m = r.month(j, monthSpace);
  if (!m) {
    const unknown = r.unknownMonthWords(j);
    if (!unknown) return undefined;
    const y = r.at(unknown.yearAt)!;
    return {
      draft: { form: 'word', day: dayTok.value, month: 0, year: y.value, unknownMonth: unknownMonthOf(unknown.words), next: unknown.yearAt + 1 },
    };
  }
  let k = m.next;
  const sep2 = r.at(k);
  if (isSym(sep2, COMMAS) || isSym(sep2, SEPARATORS)) {
    if (!(SEPARATORS.has(sep2.text) && sep !== undefined && sep2.text === sep.text)) r.reasons.add('punctuation');
    r.space(sep2, '');
    if (COMMAS.has(sep2.text)) yearSpace = ' ';
    k++;
  }
  const y = r.year(k, yearSpace);
  if (!y) return undefined;
  if ('fail' in y) return y.fail;
  return { draft: { form: 'word', day: dayTok.value, month: m.month, year: y.tok.value, monthCalendar: m.calendar, next: k + 1 } };
}

/** `June 12, 2024`, `Jun 12th 2024` … */
function readMonthFirst(r: Reader, i: number, firstSpace: string): Outcome | undefined {
  const m = r.month(i, firstSpace);
  let unknown: Draft['unknownMonth'];
  let j: number;
  if (m) {
    j = m.next;
  } else {
    const w = r.at(i);
    if (!isWord(w) || r.at(i + 1)?.kind !== 'num') return undefined;
    unknown = unknownMonthOf([w]);
    j = i + 1;
  }
  r.reasons.add('punctuation'); // the corpus writes the day first
  const dayTok = r.at(j);
  if (dayTok?.kind !== 'num' || dayTok.text.length > 2) return undefined;
  r.space(dayTok, ' ');
  r.digits(dayTok);
  let k = r.suffix(dayTok, j + 1);
  const comma = r.at(k);
  if (isSym(comma, COMMAS)) {
    r.space(comma, '');
    k++;
  }
  const y = r.year(k, ' ');
  if (!y) return undefined;
  if ('fail' in y) return unknown ? undefined : y.fail;
  if (unknown) return { draft: { form: 'word', day: dayTok.value, month: 0, year: y.tok.value, unknownMonth: unknown, next: k + 1 } };
  return { draft: { form: 'word', day: dayTok.value, month: m!.month, year: y.tok.value, monthCalendar: m!.calendar, next: k + 1 } };
}

/** A leading weekday (`الأربعاء`, `يوم الأربعاء،`, `Wednesday,`): its index and the next token. */
function readWeekday(toks: readonly Tok[]): { weekday: number; next: number } | undefined {
  let i = 0;
  if (toks[0]?.kind === 'arabic' && toks[0].key === 'يوم') i = 1;
  const t = toks[i];
  if (!t || !t.key) return undefined;
  const weekday = t.kind === 'latin' ? LATIN_WEEKDAYS.get(t.key) : t.kind === 'arabic' ? ARABIC_WEEKDAYS.get(t.key) : undefined;
  if (weekday === undefined) return undefined;
  i++;
  if (isSym(toks[i], COMMAS) || isSym(toks[i], DASHES)) i++;
  return i < toks.length ? { weekday, next: i } : undefined;
}

interface Trailer {
  readonly marker?: 'hijri' | 'gregorian';
}

/** What follows the date: `GMT`, a calendar marker (`هـ`, `م`), then anything else (extra text). */
function readTrailer(toks: readonly Tok[], start: number, more: boolean, reasons: Set<DateNoncanonicalReason>): Trailer {
  let k = start;
  let zone: 'GMT' | 'other' | undefined;
  let marker: 'hijri' | 'gregorian' | undefined;
  for (let round = 0; round < 4; round++) {
    const t = toks[k];
    if (!t) break;
    const after = toks[k + 1];
    if (!zone && isSym(t, COMMAS) && after?.kind === 'latin' && TIME_ZONE_WORDS.has(after.key)) {
      reasons.add('punctuation');
      k++;
      continue;
    }
    if (!zone && t.kind === 'latin' && TIME_ZONE_WORDS.has(t.key)) {
      zone = t.text === 'GMT' ? 'GMT' : 'other';
      if (t.ws !== ' ') reasons.add('spacing');
      k++;
      continue;
    }
    if (!marker && (t.kind === 'arabic' || t.kind === 'latin') && (HIJRI_MARKERS.has(t.key) || GREGORIAN_MARKERS.has(t.key))) {
      marker = HIJRI_MARKERS.has(t.key) ? 'hijri' : 'gregorian';
      k++;
      const dot = toks[k];
      if (dot?.kind === 'sym' && dot.text === '.' && dot.ws === '') k++;
      continue;
    }
    break;
  }
  if (zone !== 'GMT') reasons.add('missing-gmt');
  if (marker === 'gregorian') reasons.add('extra-text');
  if (k < toks.length || more) {
    let onlyPunctuation = !more;
    for (let i = k; i < toks.length && onlyPunctuation; i++) if (!isSym(toks[i], TRAILING_PUNCTUATION)) onlyPunctuation = false;
    reasons.add(onlyPunctuation ? 'punctuation' : 'extra-text');
  }
  return marker ? { marker } : {};
}

// ─── Resolution ─────────────────────────────────────────────────────────────────────────────

const REASON_ORDER: readonly DateNoncanonicalReason[] = [
  'suffix', 'month-spelling', 'arabic-month', 'arabic-digits', 'iso', 'numeric', 'missing-gmt', 'hijri', 'spacing', 'punctuation', 'extra-text',
];
/** The reasons kept beside a whole-form reason ('iso', 'numeric', 'hijri'). */
const KEPT_BESIDE_FORM: ReadonlySet<DateNoncanonicalReason> = new Set(['arabic-digits', 'spacing', 'extra-text']);

function invalid(reason: DateInvalidReason, hint?: DateHint): DateParse {
  const p: DateParse = { status: 'invalid', reasons: [], invalid: reason };
  if (hint) p.hint = hint;
  return p;
}

type Resolved = { date: CalendarDate; hijri?: { year: number; month: number; day: number } } | { fail: DateInvalidReason; hint?: DateHint };

function resolve(calendar: Calendar, year: number, month: number, day: number, form: Form): Resolved {
  if (calendar === 'hijri') {
    if (!(year >= HIJRI_MIN_YEAR && year <= HIJRI_MAX_YEAR)) return { fail: { kind: 'hijri-out-of-range', year } };
    const date = hijriToGregorian(year, month, day);
    if (!date) return { fail: { kind: 'no-such-day', calendar: 'hijri', year, month, day } };
    return { date, hijri: { year, month, day } };
  }
  if (!(year >= GREGORIAN_MIN_YEAR && year <= GREGORIAN_MAX_YEAR)) {
    const looksHijri = form !== 'word' && year >= 1300 && year <= 1600;
    return { fail: { kind: 'unrecognized' }, hint: looksHijri ? { kind: 'looks-hijri', year } : { kind: 'year-out-of-range', year } };
  }
  const date = { year, month, day };
  if (!isValidDate(date)) return { fail: { kind: 'no-such-day', calendar: 'gregorian', year, month, day } };
  return { date };
}

/** Damerau-Levenshtein distance (optimal string alignment), or `max + 1` when above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return Math.min(rows[a.length]![b.length]!, max + 1);
}

/** The month a misspelt word most likely means: a unique best month within distance 1 (short words) or 2. */
export function suggestMonth(word: string, script: 'latin' | 'arabic', calendar: 'gregorian' | 'hijri'): number | undefined {
  const key = script === 'latin' ? word.toLowerCase() : normalizeArabic(word);
  if (!key || key.length > MAX_WORD) return undefined;
  const max = key.length <= 3 ? 1 : 2;
  const table = script === 'latin' ? LATIN_MONTHS : ARABIC_MONTHS;
  let best = max + 1;
  const months = new Set<number>();
  for (const [name, entry] of table) {
    if (entry.calendar !== calendar) continue;
    const d = editDistance(key, name, max);
    if (d < best) {
      best = d;
      months.clear();
    }
    if (d === best && d <= max) months.add(entry.month);
  }
  return months.size === 1 ? [...months][0] : undefined;
}

function unknownMonthResult(draft: Draft, marker: Trailer['marker']): DateParse {
  const unknown = draft.unknownMonth!;
  const calendar: Calendar =
    marker === 'hijri' || (draft.year >= 1300 && draft.year <= 1600) ? 'hijri' : 'gregorian';
  const suggestion = unknown.key ? suggestMonth(unknown.key, unknown.script, calendar) : undefined;
  const reason: Extract<DateInvalidReason, { kind: 'unknown-month' }> = { kind: 'unknown-month', word: unknown.word };
  const p = invalid(reason);
  if (suggestion !== undefined) {
    reason.suggestion = suggestion;
    reason.calendar = calendar;
    const r = resolve(calendar, draft.year, suggestion, draft.day, 'word');
    if ('date' in r) p.suggestionText = formatCanonicalDate(r.date);
  }
  return p;
}

function finish(
  draft: Draft,
  trailer: Trailer,
  reasons: Set<DateNoncanonicalReason>,
  trimmed: string,
  weekday: number | undefined,
): DateParse {
  if (draft.unknownMonth) return unknownMonthResult(draft, trailer.marker);
  let calendar: Calendar;
  if (draft.monthCalendar) {
    const conflicting = trailer.marker !== undefined && (trailer.marker === 'hijri') !== (draft.monthCalendar === 'hijri');
    if (conflicting) return invalid({ kind: 'unrecognized' }, { kind: 'mixed-calendars' });
    calendar = draft.monthCalendar;
  } else {
    calendar = trailer.marker === 'hijri' ? 'hijri' : 'gregorian';
  }
  let { day, month } = draft;
  let hint: DateHint | undefined;
  if (draft.form === 'numeric' && month > 12 && day >= 1 && day <= 12) {
    [day, month] = [month, day];
    hint = { kind: 'month-first' };
  }
  const r = resolve(calendar, draft.year, month, day, draft.form);
  if ('fail' in r) return invalid(r.fail, r.hint);

  let kept = reasons;
  if (calendar === 'hijri' || draft.form !== 'word') {
    kept = new Set([...reasons].filter((x) => KEPT_BESIDE_FORM.has(x)));
    kept.add(calendar === 'hijri' ? 'hijri' : draft.form === 'iso' ? 'iso' : 'numeric');
  }
  const canonicalText = formatCanonicalDate(r.date);
  if (kept.size === 0 && trimmed !== canonicalText) kept.add('spacing');
  const p: DateParse = {
    status: kept.size === 0 ? 'canonical' : 'noncanonical',
    date: r.date,
    canonicalText,
    calendar,
    reasons: REASON_ORDER.filter((x) => kept.has(x)),
  };
  if (r.hijri) p.hijri = r.hijri;
  if (hint) p.hint = hint;
  if (weekday !== undefined) {
    const actual = weekdayIndex(r.date);
    if (actual !== weekday) p.weekdayMismatch = { written: WEEKDAYS[weekday]!, actual: WEEKDAYS[actual]! };
  }
  return p;
}

/**
 * Reads the value of the date line (the text after `تاريخ النشر:`; surrounding spaces are
 * ignored). Never throws; linear in the length of the input.
 */
export function parseDateValue(value: string): DateParse {
  try {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (!trimmed) return invalid({ kind: 'empty' });
    const { toks, more } = tokenize(trimmed);
    if (toks.length === 0) return invalid({ kind: 'empty' });

    const lead = readWeekday(toks);
    const start = lead ? lead.next : 0;
    const firstSpace = lead ? ' ' : '';
    const attempts = [readNumeric, readDayFirst, readMonthFirst];
    for (const attempt of attempts) {
      const r = new Reader(toks);
      const outcome = attempt(r, start, firstSpace);
      if (!outcome) continue;
      if ('fail' in outcome) return invalid(outcome.fail, outcome.hint);
      if (lead) r.reasons.add('extra-text');
      const trailer = readTrailer(toks, outcome.draft.next, more, r.reasons);
      return finish(outcome.draft, trailer, r.reasons, trimmed, lead?.weekday);
    }
    return invalid({ kind: 'unrecognized' });
  } catch {
    return invalid({ kind: 'unrecognized' });
  }
}

// ─── Messages ───────────────────────────────────────────────────────────────────────────────

const CANONICAL_EXAMPLE = '12th, June 2024 GMT';

/** The value as quoted in a message: trimmed, control characters blanked, at most 60 characters. */
function quoted(raw: string): string {
  const s = (typeof raw === 'string' ? raw : '').trim();
  const cut = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  let out = '';
  for (let i = 0; i < cut.length; i++) {
    const c = cut.charCodeAt(i);
    out += c < 0x20 || c === 0x7f ? ' ' : cut[i];
  }
  return out;
}

function arabicMonthLabel(month: number): string {
  return `${arabicMonthName(month)} (${levantineMonthName(month)})`;
}

function arabicDayCount(n: number): string {
  switch (n) {
    case 28:
      return 'ثمانية وعشرون يومًا';
    case 29:
      return 'تسعة وعشرون يومًا';
    case 30:
      return 'ثلاثون يومًا';
    case 31:
      return 'واحد وثلاثون يومًا';
    default:
      return `${n} يومًا`;
  }
}

function describeInvalid(p: DateParse, reason: DateInvalidReason, shown: string): LocalizedText {
  switch (reason.kind) {
    case 'empty':
      return {
        en: `The publication date is empty. Write it after the marker, as in "${CANONICAL_EXAMPLE}".`,
        ar: `تاريخ النشر فارغ. اكتبه بعد «تاريخ النشر:» بالصيغة «${CANONICAL_EXAMPLE}».`,
      };
    case 'unrecognized':
      return describeUnrecognized(p.hint, shown);
    case 'no-such-day':
      return reason.calendar === 'hijri' ? describeNoSuchHijriDay(reason, shown) : describeNoSuchDay(reason, shown);
    case 'unknown-month': {
      const s = reason.suggestion;
      if (s === undefined) {
        return {
          en: `"${reason.word}" is not a month name. Write the month in English, as in "${CANONICAL_EXAMPLE}".`,
          ar: `«${reason.word}» ليس اسم شهر. اكتب اسم الشهر بالإنجليزية كما في «${CANONICAL_EXAMPLE}».`,
        };
      }
      const name: LocalizedText =
        reason.calendar === 'hijri'
          ? { en: hijriMonthName(s).en, ar: hijriMonthName(s).ar }
          : { en: ENGLISH_MONTHS[s - 1] ?? '', ar: `${arabicMonthName(s)} (${ENGLISH_MONTHS[s - 1] ?? ''})` };
      if (p.suggestionText) {
        return {
          en: `"${reason.word}" is not a month name. Did you mean ${name.en}? That gives "${p.suggestionText}".`,
          ar: `«${reason.word}» ليس اسم شهر. هل تقصد ${name.ar}؟ يصبح التاريخ «${p.suggestionText}».`,
        };
      }
      return {
        en: `"${reason.word}" is not a month name. Did you mean ${name.en}? Check the day and the year too.`,
        ar: `«${reason.word}» ليس اسم شهر. هل تقصد ${name.ar}؟ وتحقق من اليوم والسنة أيضًا.`,
      };
    }
    case 'hijri-out-of-range':
      return {
        en: `The Hijri year ${reason.year} is outside the years this tool converts (${HIJRI_MIN_YEAR}–${HIJRI_MAX_YEAR} AH, that is ${GREGORIAN_MIN_YEAR}–${GREGORIAN_MAX_YEAR}). Check the year.`,
        ar: `السنة الهجرية ${reason.year} خارج السنوات التي تحوّلها الأداة (${HIJRI_MIN_YEAR}–${HIJRI_MAX_YEAR} هـ، أي ${GREGORIAN_MIN_YEAR}–${GREGORIAN_MAX_YEAR} م). تحقق من السنة.`,
      };
  }
}

function describeUnrecognized(hint: DateHint | undefined, shown: string): LocalizedText {
  switch (hint?.kind) {
    case 'year-out-of-range':
      return {
        en: `The year ${hint.year} in "${shown}" is outside ${GREGORIAN_MIN_YEAR}–${GREGORIAN_MAX_YEAR}. Check the year; the corpus form is "${CANONICAL_EXAMPLE}".`,
        ar: `السنة ${hint.year} في «${shown}» خارج المدى ${GREGORIAN_MIN_YEAR}–${GREGORIAN_MAX_YEAR}. تحقق من السنة؛ والصيغة المعتمدة «${CANONICAL_EXAMPLE}».`,
      };
    case 'two-digit-year':
      return {
        en: `The year in "${shown}" has two digits. Write the full date, as in "${CANONICAL_EXAMPLE}".`,
        ar: `السنة في «${shown}» من رقمين. اكتب التاريخ كاملًا كما في «${CANONICAL_EXAMPLE}».`,
      };
    case 'looks-hijri':
      return {
        en: `The year ${hint.year} in "${shown}" looks Hijri. Mark a Hijri date with هـ after it, or write the Gregorian date as in "${CANONICAL_EXAMPLE}".`,
        ar: `السنة ${hint.year} في «${shown}» تبدو هجرية. أضف «هـ» بعد التاريخ الهجري، أو اكتب التاريخ الميلادي كما في «${CANONICAL_EXAMPLE}».`,
      };
    case 'mixed-calendars':
      return {
        en: `"${shown}" mixes the Gregorian and Hijri calendars (a month of one, the marker of the other). Write the date in one calendar, as in "${CANONICAL_EXAMPLE}".`,
        ar: `يخلط «${shown}» بين التقويمين الميلادي والهجري (شهر من أحدهما وعلامة الآخر). اكتب التاريخ بتقويم واحد كما في «${CANONICAL_EXAMPLE}».`,
      };
    default:
      return {
        en: `"${shown}" is not a date this tool can read. Write it as "${CANONICAL_EXAMPLE}".`,
        ar: `«${shown}» ليس تاريخًا تستطيع الأداة قراءته. اكتبه بالصيغة «${CANONICAL_EXAMPLE}».`,
      };
  }
}

function describeNoSuchDay(r: { year: number; month: number; day: number }, shown: string): LocalizedText {
  const head = { en: `The date "${shown}" does not exist`, ar: `التاريخ «${shown}» غير موجود` };
  if (r.month < 1 || r.month > 12) {
    return {
      en: `${head.en}: there is no month ${r.month}. Correct the month (numeric dates are read day first: DD/MM/YYYY).`,
      ar: `${head.ar}: لا يوجد شهر رقمه ${r.month}. صحّح الشهر (التاريخ الرقمي يُقرأ باليوم أولًا: يوم/شهر/سنة).`,
    };
  }
  if (r.day < 1) {
    return { en: `${head.en}: there is no day ${r.day}. Correct the day.`, ar: `${head.ar}: لا يوجد يوم رقمه ${r.day}. صحّح اليوم.` };
  }
  const n = daysInMonth(r.year, r.month);
  const en = ENGLISH_MONTHS[r.month - 1]!;
  if (r.month === 2 && r.day === 29) {
    return {
      en: `${head.en}: February ${r.year} has 28 days, since ${r.year} is not a leap year. Correct the day or the year.`,
      ar: `${head.ar}: شهر ${arabicMonthLabel(2)} سنة ${r.year} ${arabicDayCount(28)}، لأنها ليست سنة كبيسة. صحّح اليوم أو السنة.`,
    };
  }
  return {
    en: `${head.en}: ${en} has ${n} days. Correct the day or the month.`,
    ar: `${head.ar}: شهر ${arabicMonthLabel(r.month)} ${arabicDayCount(n)}. صحّح اليوم أو الشهر.`,
  };
}

function describeNoSuchHijriDay(r: { year: number; month: number; day: number }, shown: string): LocalizedText {
  const head = { en: `The Hijri date "${shown}" does not exist`, ar: `التاريخ الهجري «${shown}» غير موجود` };
  if (r.month < 1 || r.month > 12) {
    return {
      en: `${head.en}: there is no month ${r.month}. Correct the month.`,
      ar: `${head.ar}: لا يوجد شهر رقمه ${r.month}. صحّح الشهر.`,
    };
  }
  if (r.day < 1) {
    return { en: `${head.en}: there is no day ${r.day}. Correct the day.`, ar: `${head.ar}: لا يوجد يوم رقمه ${r.day}. صحّح اليوم.` };
  }
  const n = hijriMonthLength(r.year, r.month);
  const name = hijriMonthName(r.month);
  if (n === 0) {
    return { en: `${head.en}. Correct the day or the month.`, ar: `${head.ar}. صحّح اليوم أو الشهر.` };
  }
  return {
    en: `${head.en}: ${name.en} ${r.year} has ${n} days in the Umm al-Qura calendar. Correct the day or the month.`,
    ar: `${head.ar}: شهر ${name.ar} ${r.year} ${arabicDayCount(n)} في تقويم أم القرى. صحّح اليوم أو الشهر.`,
  };
}

function joinEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function describeNoncanonical(p: DateParse): LocalizedText {
  const canon = p.canonicalText ?? CANONICAL_EXAMPLE;
  const d = p.date!;
  const has = new Set(p.reasons);
  // In a date with an Arabic month name the missing suffix and comma go without saying.
  const implied = has.has('arabic-month');
  const items: LocalizedText[] = [];
  const order: DateNoncanonicalReason[] = [
    'hijri', 'iso', 'numeric', 'arabic-month', 'arabic-digits', 'month-spelling', 'suffix', 'punctuation', 'missing-gmt', 'spacing', 'extra-text',
  ];
  for (const reason of order) {
    if (!has.has(reason)) continue;
    switch (reason) {
      case 'hijri': {
        const h = p.hijri;
        if (h) {
          const name = hijriMonthName(h.month);
          items.push({
            en: `is the Hijri date ${h.day} ${name.en} ${h.year} AH, converted with the Umm al-Qura calendar`,
            ar: `هو التاريخ الهجري ${h.day} ${name.ar} ${h.year} هـ محوّلًا بتقويم أم القرى`,
          });
        } else items.push({ en: 'is a Hijri date', ar: 'هو تاريخ هجري' });
        break;
      }
      case 'iso':
        items.push({ en: 'is in ISO form, year-month-day', ar: 'مكتوب بصيغة ISO: سنة-شهر-يوم' });
        break;
      case 'numeric':
        items.push(
          p.hint?.kind === 'month-first'
            ? { en: 'is all digits, read month first as MM/DD/YYYY since the second number cannot be a month', ar: 'مكتوب بالأرقام وحدها، وقُرئ بالشهر أولًا شهر/يوم/سنة لأن الرقم الثاني لا يصلح شهرًا' }
            : { en: 'is all digits, read day first as DD/MM/YYYY', ar: 'مكتوب بالأرقام وحدها، ويُقرأ باليوم أولًا: يوم/شهر/سنة' },
        );
        break;
      case 'arabic-month':
        items.push({ en: 'uses an Arabic month name', ar: 'اسم الشهر فيه عربي' });
        break;
      case 'arabic-digits':
        items.push({ en: 'uses Arabic-Indic digits', ar: 'أرقامه هندية مثل ١٢٣ لا لاتينية مثل 123' });
        break;
      case 'month-spelling':
        items.push({ en: `should spell the month "${ENGLISH_MONTHS[d.month - 1]}"`, ar: `اسم الشهر يُكتب «${ENGLISH_MONTHS[d.month - 1]}»` });
        break;
      case 'suffix':
        if (!implied) items.push({ en: `should write the day "${d.day}${ordinalSuffix(d.day)}"`, ar: `اليوم يُكتب «${d.day}${ordinalSuffix(d.day)}»` });
        break;
      case 'punctuation':
        if (!implied) items.push({ en: 'has other punctuation or word order', ar: 'ترقيمه أو ترتيب كلماته مختلف' });
        break;
      case 'missing-gmt':
        items.push({ en: 'does not end with "GMT"', ar: 'لا ينتهي بـ«GMT»' });
        break;
      case 'spacing':
        items.push({ en: 'has irregular spacing or invisible characters', ar: 'مسافاته غير منتظمة أو فيه محارف خفية' });
        break;
      case 'extra-text':
        items.push({ en: 'has extra text, such as a weekday or a time', ar: 'فيه نص زائد كاسم اليوم أو الوقت' });
        break;
      default:
        break;
    }
  }
  const shownItems = items.slice(0, 4);
  let en = `Write the date in the corpus form "${canon}"`;
  let ar = `اكتب التاريخ بالصيغة المعتمدة في المدوّنة «${canon}»`;
  if (shownItems.length > 0) {
    en += ` (this one ${joinEn(shownItems.map((x) => x.en))})`;
    ar += ` (${shownItems.map((x) => x.ar).join('، و')})`;
  }
  en += '.';
  ar += '.';
  if (p.weekdayMismatch) {
    const { written, actual } = p.weekdayMismatch;
    en += ` Note: ${d.day} ${ENGLISH_MONTHS[d.month - 1]} ${d.year} was a ${actual.en}, not a ${written.en}.`;
    ar += ` تنبيه: ${d.day} ${arabicMonthName(d.month)} ${d.year} يوافق يوم ${actual.ar} لا ${written.ar}.`;
  }
  return { en, ar };
}

/**
 * A short bilingual message for a parse: what is wrong and what to do. `raw` is the value as
 * written (it is quoted, shortened to 60 characters).
 */
export function describeDateProblem(p: DateParse, raw: string): LocalizedText {
  try {
    const shown = quoted(raw);
    if (p.status === 'invalid') return describeInvalid(p, p.invalid ?? { kind: 'unrecognized' }, shown);
    if (p.status === 'noncanonical' && p.date) return describeNoncanonical(p);
    const canon = p.canonicalText ?? shown;
    return { en: `The date "${canon}" is in the corpus form.`, ar: `التاريخ «${canon}» مكتوب بالصيغة المعتمدة.` };
  } catch {
    return { en: `Write the date as "${CANONICAL_EXAMPLE}".`, ar: `اكتب التاريخ بالصيغة «${CANONICAL_EXAMPLE}».` };
  }
}

/**
 * What a rule is. Rules are data with an id: the registry, the docs, the configuration
 * schema and the tests all read these fields.
 */
import type { Article } from '../parse/article';
import type { LocalizedText, Range, TextEdit } from '../types';
import type { MarkerTokens } from '../parse/markers';

/** How loud a rule is; `off` turns it off. */
export type Severity = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** An edit that repairs what a rule found. */
export interface Fix {
  readonly title: LocalizedText;
  readonly edits: readonly TextEdit[];
  /**
   * Safe fixes never change the words of the article (spelling of markers, the date's
   * format, white space, invisible characters); only they run in "fix all" and formatting.
   */
  readonly safe: boolean;
  /** The fix to apply when the user asks for "the" fix. */
  readonly preferred?: boolean;
  /**
   * Whether document formatting applies it: only normalisations that never change a word of
   * the headline, body or keywords (white space, marker spelling, the date's format, invisible
   * characters, letterforms). Formatting fixes must also be `safe`.
   */
  readonly format?: boolean;
}

/** A related location, e.g. the first occurrence of a duplicated section. */
export interface RelatedLocation {
  /** A document URI, or undefined for the same document. */
  readonly uri?: string;
  readonly range: Range;
  readonly message: LocalizedText;
}

/** One problem a rule reports. */
export interface Finding {
  readonly range: Range;
  readonly message: LocalizedText;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
  /**
   * A severity for this finding when the rule's severity is left at its default (e.g. bidi
   * overrides are errors while zero-width marks are warnings). A user's setting wins.
   */
  readonly severity?: Exclude<Severity, 'off'>;
}

/** What a rule sees. */
export interface RuleContext {
  readonly article: Article;
  readonly markers: MarkerTokens;
  /** The rule's own options from the configuration (an empty object when none). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Sections the corpus does not require (`requiredSections` in the configuration). */
  readonly optionalSections: ReadonlySet<string>;
  /** Known scraping-noise lines: plain strings (compared normalised) and regular expressions. */
  readonly boilerplate: readonly BoilerplatePattern[];
  /** The range of acceptable publication dates, as ISO `YYYY-MM-DD` (inclusive). */
  readonly dates: { readonly min?: string; readonly max?: string };
  /** What is known of the file's bytes, when the caller read them (the CLI; the server for files on disk). */
  readonly encoding?: EncodingInfo;
  /** The corpus around the article, when the host has indexed one (corpus rules are silent without it). */
  readonly corpus?: CorpusContext;
}

/** What the corpus rules know of the rest of the corpus, computed by the host before checking. */
export interface CorpusContext {
  /** Other articles whose main text is near-identical (exact Jaccard of word 5-grams at or above the threshold). */
  readonly nearDuplicates: readonly { readonly uri: string; readonly similarity: number; readonly headline: string }[];
  /** Other articles with the same normalised headline. */
  readonly sameHeadline: readonly { readonly uri: string; readonly line: number }[];
  /** The corpus's spellings of a keyword's group (hamza, ى/ي, ة/ه, harakat, tatweel, spaces), with article counts. */
  keywordSpellings(text: string): ReadonlyMap<string, number>;
  /** The corpus's spellings of a name across transliteration variants (ج/غ/ق/ك, ف/ڤ, ب/پ), for multi-word keywords and words of five letters or more; empty otherwise. */
  keywordTransliterations(text: string): ReadonlyMap<string, number>;
  /** The corpus's sources with their article counts (each spelling separately). */
  sources(): Iterable<{ readonly text: string; readonly count: number }>;
  /** A controlled vocabulary (normalised keywords), when configured. */
  readonly vocabulary?: ReadonlySet<string>;
  /** Settled spellings: normalised variant → preferred spelling, when configured. */
  readonly preferredSpellings?: ReadonlyMap<string, string>;
}

/** How a file's bytes were decoded. */
export interface EncodingInfo {
  /** The encoding found: `utf-8` is the only one a clean corpus uses. */
  readonly name: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256' | 'windows-1252' | 'unknown';
  /** Whether the detection is sure enough to convert the file automatically. */
  readonly confident: boolean;
  /** Whether the file started with a byte-order mark. */
  readonly bom: boolean;
  /** For `utf-8`: byte offsets of invalid sequences (at most a few). */
  readonly invalidUtf8At?: readonly number[];
}

/** A boilerplate pattern: a line compared after normalisation, or a regular expression. */
export type BoilerplatePattern = { readonly kind: 'text'; readonly text: string; readonly normalized: string } | { readonly kind: 'regex'; readonly source: string; readonly regex: RegExp };

/** A rule's documentation, from which `docs/rules/<ID>.md` is generated. */
export interface RuleDocs {
  /** One paragraph: what triggers the rule and why it matters. */
  readonly description: string;
  /** A short article excerpt that triggers the rule. */
  readonly bad: string;
  /** The same excerpt, corrected. */
  readonly good: string;
  /** What the fix does, when there is one. */
  readonly fix?: string;
}

/** A diagnostic rule. */
export interface Rule {
  /** Stable id, e.g. `AN101`. */
  readonly id: string;
  /** Stable short name, e.g. `headline-missing`. */
  readonly name: string;
  readonly defaultSeverity: Severity;
  readonly tags: readonly string[];
  /** A one-line summary (English). */
  readonly summary: string;
  readonly docs: RuleDocs;
  /** Whether the rule offers a fix. */
  readonly fixable: boolean;
  /** Reports the rule's findings. Must not throw; the engine guards it anyway. */
  check(context: RuleContext, report: (finding: Finding) => void): void;
}

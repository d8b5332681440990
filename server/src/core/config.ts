/**
 * The configuration of the checks, as plain data. The server and the command line build
 * it from the same sources; this module only merges and resolves it.
 */
import { findRule, RULES } from './rules/index';
import type { BoilerplatePattern, Severity } from './rules/rule';
import { normalizeArabic } from './arabic';
import { DEFAULT_MARKERS, type MarkerTokens } from './parse/markers';

/** One rule's setting: a severity, or a severity with options. */
export type RuleSetting = Severity | { readonly severity?: Severity; readonly options?: Readonly<Record<string, unknown>> };

/** The configuration as written by a user (every key optional). */
export interface ArticleConfig {
  /** Rule id or name → setting. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** The corpus's canonical marker spellings. */
  readonly markers?: Partial<MarkerTokens>;
  /** Sections whose absence is not reported; the others are required. */
  readonly requiredSections?: readonly string[];
  /** Explicit keyword separators. */
  readonly keywordSeparators?: readonly string[];
  /** Scraping-noise lines: plain strings, or regular expressions written `/…/flags`. Replaces the default list. */
  readonly boilerplate?: readonly string[];
  /** Acceptable publication dates, `YYYY-MM-DD`, inclusive. */
  readonly dates?: { readonly min?: string; readonly max?: string };
  /** Corpus keyword files, for the corpus rules. */
  readonly keywords?: { readonly vocabulary?: string; readonly preferredSpellings?: string };
}

/** The default boilerplate list (FORMAT.md: the app line of the sample corpus). */
export const DEFAULT_BOILERPLATE: readonly string[] = ['تابع أحدث الأخبار عبر تطبيق'];

/** Parses a boilerplate entry: `/regex/flags` or a plain line. Invalid regular expressions are returned as errors. */
export function compileBoilerplate(entry: string): BoilerplatePattern | { error: string } {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(entry);
  if (m) {
    try {
      const flags = m[2]!.replace(/[gy]/g, '');
      return { kind: 'regex', source: entry, regex: new RegExp(m[1]!, flags.includes('u') ? flags : flags + 'u') };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }
  return { kind: 'text', text: entry, normalized: normalizeArabic(entry) };
}

/** A configuration with every value decided. */
export interface ResolvedConfig {
  readonly severities: ReadonlyMap<string, Severity>;
  /** Rules whose severity a configuration layer set (their findings' own severities are then overridden). */
  readonly userSeverities?: ReadonlySet<string>;
  readonly ruleOptions: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly markers: MarkerTokens;
  readonly optionalSections: ReadonlySet<string>;
  readonly keywordSeparators?: readonly string[];
  readonly boilerplate: readonly BoilerplatePattern[];
  readonly dates: { readonly min?: string; readonly max?: string };
  readonly keywordFiles: { readonly vocabulary?: string; readonly preferredSpellings?: string };
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** True for a valid severity name. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && SEVERITIES.has(value);
}

const REQUIRABLE = ['date', 'body', 'source', 'keywords'];

/**
 * Merges configuration layers, later ones winning, into a resolved configuration. Unknown
 * rules and malformed values are ignored here (the configuration loader reports them).
 */
export function resolveConfig(...layers: readonly (ArticleConfig | undefined)[]): ResolvedConfig {
  const severities = new Map<string, Severity>();
  const userSeverities = new Set<string>();
  const ruleOptions = new Map<string, Readonly<Record<string, unknown>>>();
  for (const r of RULES) severities.set(r.id, r.defaultSeverity);
  let markers: MarkerTokens = DEFAULT_MARKERS;
  let required: readonly string[] | undefined;
  let keywordSeparators: readonly string[] | undefined;
  let boilerplate: readonly string[] = DEFAULT_BOILERPLATE;
  let dates: { min?: string; max?: string } = {};
  let keywordFiles: { vocabulary?: string; preferredSpellings?: string } = {};
  const isoDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object') continue;
    if (layer.rules && typeof layer.rules === 'object') {
      for (const [key, setting] of Object.entries(layer.rules)) {
        const rule = findRule(key);
        if (!rule) continue;
        if (isSeverity(setting)) {
          severities.set(rule.id, setting);
          userSeverities.add(rule.id);
        } else if (setting && typeof setting === 'object') {
          if (isSeverity(setting.severity)) {
            severities.set(rule.id, setting.severity);
            userSeverities.add(rule.id);
          }
          if (setting.options && typeof setting.options === 'object') ruleOptions.set(rule.id, setting.options);
        }
      }
    }
    if (layer.markers && typeof layer.markers === 'object') {
      const next: Record<string, string> = { ...markers };
      for (const [k, v] of Object.entries(layer.markers)) {
        if (k in DEFAULT_MARKERS && typeof v === 'string' && v.trim()) next[k] = v.trim();
      }
      markers = next as unknown as MarkerTokens;
    }
    if (Array.isArray(layer.requiredSections)) required = layer.requiredSections.filter((s) => typeof s === 'string');
    if (Array.isArray(layer.keywordSeparators)) keywordSeparators = layer.keywordSeparators.filter((s) => typeof s === 'string' && s);
    if (Array.isArray(layer.boilerplate)) boilerplate = layer.boilerplate.filter((s) => typeof s === 'string' && s.trim());
    if (layer.dates && typeof layer.dates === 'object') {
      dates = { ...dates };
      if (isoDay(layer.dates.min)) dates.min = layer.dates.min;
      if (isoDay(layer.dates.max)) dates.max = layer.dates.max;
    }
    if (layer.keywords && typeof layer.keywords === 'object') {
      keywordFiles = { ...keywordFiles };
      if (typeof layer.keywords.vocabulary === 'string') keywordFiles.vocabulary = layer.keywords.vocabulary;
      if (typeof layer.keywords.preferredSpellings === 'string') keywordFiles.preferredSpellings = layer.keywords.preferredSpellings;
    }
  }
  const compiled: BoilerplatePattern[] = [];
  for (const b of boilerplate) {
    const c = compileBoilerplate(b);
    if (!('error' in c)) compiled.push(c);
  }
  const optionalSections = new Set<string>(required ? REQUIRABLE.filter((s) => !required!.includes(s)) : []);
  return { severities, userSeverities, ruleOptions, markers, optionalSections, keywordSeparators, boilerplate: compiled, dates, keywordFiles };
}

/** The defaults. */
export const DEFAULT_CONFIG: ResolvedConfig = resolveConfig();

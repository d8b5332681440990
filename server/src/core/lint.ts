/** The rule engine: runs the enabled rules over a parsed article. */
import type { Article } from './parse/article';
import type { ResolvedConfig } from './config';
import { RULES } from './rules/index';
import type { CorpusContext, EncodingInfo, Finding, Fix, RelatedLocation, Severity } from './rules/rule';
import type { LocalizedText, Range } from './types';
import { comparePositions } from './types';

/** A problem found in an article, ready for any front end. */
export interface ArticleDiagnostic {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Exclude<Severity, 'off'>;
  readonly range: Range;
  readonly message: LocalizedText;
  readonly fixes: readonly Fix[];
  readonly related: readonly RelatedLocation[];
}

/** The most findings kept per rule and file. */
export const MAX_FINDINGS_PER_RULE = 2000;

/** Called when a rule throws; the engine goes on with the next rule. */
export type RuleFailureHandler = (ruleId: string, error: unknown) => void;

/** Runs every enabled rule and returns the problems sorted by position. Never throws. */
/** What the host knows besides the text. */
export interface LintExtras {
  readonly encoding?: EncodingInfo;
  readonly corpus?: CorpusContext;
}

export function lintArticle(article: Article, config: ResolvedConfig, onRuleFailure?: RuleFailureHandler, extras: LintExtras = {}): ArticleDiagnostic[] {
  const out: ArticleDiagnostic[] = [];
  for (const rule of RULES) {
    const severity = config.severities.get(rule.id) ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const userSet = config.userSeverities?.has(rule.id) ?? false;
    let count = 0;
    const report = (f: Finding): void => {
      // A pathological file (a megabyte of doubled spaces) must not produce a million objects.
      if (++count > MAX_FINDINGS_PER_RULE) return;
      out.push({
        ruleId: rule.id,
        ruleName: rule.name,
        severity: f.severity && !userSet ? f.severity : severity,
        range: f.range,
        message: f.message,
        fixes: f.fixes ?? [],
        related: f.related ?? [],
      });
    };
    try {
      rule.check(
        {
          article,
          markers: config.markers,
          options: config.ruleOptions.get(rule.id) ?? {},
          optionalSections: config.optionalSections,
          boilerplate: config.boilerplate,
          dates: config.dates,
          encoding: extras.encoding,
          corpus: extras.corpus,
        },
        report,
      );
    } catch (error) {
      onRuleFailure?.(rule.id, error);
    }
  }
  out.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return out;
}

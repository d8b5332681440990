/**
 * The composition of the core for one document: parse once, lint once, and answer the
 * features from the same tree. Front ends (server, command line, tests) call this.
 */
import type { KeywordEvidence } from './keywords/segment';
import { type Article, parseArticle } from './parse/article';
export type { Article };
import type { ResolvedConfig } from './config';
import { type ArticleDiagnostic, lintArticle, type RuleFailureHandler } from './lint';
import type { CorpusContext, EncodingInfo } from './rules/rule';

/** A parsed and checked document. */
export interface Analysis {
  readonly article: Article;
  readonly diagnostics: readonly ArticleDiagnostic[];
}

/** Parses and lints a text. Never throws. */
export function analyze(
  text: string,
  config: ResolvedConfig,
  evidence?: KeywordEvidence,
  onRuleFailure?: RuleFailureHandler,
  encoding?: EncodingInfo,
  corpus?: CorpusContext,
  keywordLengths?: readonly number[],
): Analysis {
  const article = parseArticle(text, { markers: config.markers, keywordSeparators: config.keywordSeparators, keywordEvidence: evidence, keywordLengths });
  return { article, diagnostics: lintArticle(article, config, onRuleFailure, { encoding, corpus }) };
}

/** Lints an already parsed article (when the host needed the tree first, e.g. to find near-duplicates). */
export function lintParsed(article: Article, config: ResolvedConfig, onRuleFailure?: RuleFailureHandler, encoding?: EncodingInfo, corpus?: CorpusContext): Analysis {
  return { article, diagnostics: lintArticle(article, config, onRuleFailure, { encoding, corpus }) };
}

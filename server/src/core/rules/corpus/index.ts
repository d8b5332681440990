/** Corpus rules: they need the index of the whole corpus and are silent without it. */
import type { Rule } from '../rule';
import { duplicateArticle } from './AN301-duplicate-article';
import { duplicateHeadline } from './AN302-duplicate-headline';
import { keywordVariant } from './AN303-keyword-variant';
import { sourceVariant } from './AN304-source-variant';
import { keywordNotInVocabulary } from './AN305-keyword-not-in-vocabulary';

export const CORPUS_RULES: readonly Rule[] = [duplicateArticle, duplicateHeadline, keywordVariant, sourceVariant, keywordNotInVocabulary];

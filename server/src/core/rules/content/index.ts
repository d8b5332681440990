/** Content rules: quotes, duplicates, boilerplate, punctuation, digits, tatweel, letterforms, script. */
import type { Rule } from '../rule';

export const CONTENT_RULES: readonly Rule[] = [];

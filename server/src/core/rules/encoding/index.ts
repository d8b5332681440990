/** The file-level rule AN100: bytes that are not UTF-8. */
import type { Rule } from '../rule';

export const ENCODING_RULES: readonly Rule[] = [];

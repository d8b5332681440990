/** Text hygiene rules: blank lines, invisible characters, mojibake, HTML leftovers, white space. */
import type { Rule } from '../rule';

export const HYGIENE_RULES: readonly Rule[] = [];

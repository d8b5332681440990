/** The file-level rule AN100: bytes that are not UTF-8. */
import type { Rule } from '../rule';
import { encodingRule } from './AN100-encoding';

export const ENCODING_RULES: readonly Rule[] = [encodingRule];

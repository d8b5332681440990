/** Text hygiene rules: blank lines, invisible characters, mojibake, HTML leftovers, white space. */
import type { Rule } from '../rule';
import { blankLine } from './AN112-blank-line';
import { invisibleChar } from './AN201-invisible-char';
import { mojibake } from './AN202-mojibake';
import { htmlLeftover } from './AN203-html-leftover';
import { whitespace } from './AN204-whitespace';

export const HYGIENE_RULES: readonly Rule[] = [blankLine, invisibleChar, mojibake, htmlLeftover, whitespace];

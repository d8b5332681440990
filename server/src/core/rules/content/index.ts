/** Content rules: quotes, duplicates, boilerplate, punctuation, digits, tatweel, letterforms, script. */
import type { Rule } from '../rule';
import { unbalancedQuotes } from './AN205-unbalanced-quotes';
import { duplicateParagraph } from './AN206-duplicate-paragraph';
import { boilerplate } from './AN207-boilerplate';
import { latinPunctuation } from './AN208-latin-punctuation';
import { mixedDigits } from './AN209-mixed-digits';
import { tatweel } from './AN210-tatweel';
import { relatedDuplicatesMain } from './AN211-related-duplicates-main';
import { letterforms } from './AN212-letterforms';
import { replacementChar } from './AN213-replacement-char';
import { bodyTooShort } from './AN214-body-too-short';
import { nonArabicText } from './AN215-non-arabic-text';

export const CONTENT_RULES: readonly Rule[] = [
  unbalancedQuotes,
  duplicateParagraph,
  boilerplate,
  latinPunctuation,
  mixedDigits,
  tatweel,
  relatedDuplicatesMain,
  letterforms,
  replacementChar,
  bodyTooShort,
  nonArabicText,
];

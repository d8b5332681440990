/** The structural rules (AN1xx). */
import type { Rule } from '../rule';
import { headlineMissing } from './AN101-headline-missing';
import { dateMissing } from './AN102-date-missing';
import { dateInvalid } from './AN103-date-invalid';
import { dateNoncanonical } from './AN104-date-noncanonical';
import { bodyMissing } from './AN105-body-missing';
import { sourceMissing } from './AN106-source-missing';
import { keywordsMissing } from './AN107-keywords-missing';
import { sectionOrder } from './AN108-section-order';
import { sectionDuplicate } from './AN109-section-duplicate';
import { markerNoncanonical } from './AN110-marker-noncanonical';
import { readAlsoEmpty } from './AN111-read-also-empty';

export const STRUCTURE_RULES: readonly Rule[] = [
  headlineMissing,
  dateMissing,
  dateInvalid,
  dateNoncanonical,
  bodyMissing,
  sourceMissing,
  keywordsMissing,
  sectionOrder,
  sectionDuplicate,
  markerNoncanonical,
  readAlsoEmpty,
];

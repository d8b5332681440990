/** The ordered rule registry. Add a rule here and nowhere else. */
import type { Rule } from './rule';
import { headlineMissing } from './structure/AN101-headline-missing';
import { dateMissing } from './structure/AN102-date-missing';
import { dateInvalid } from './structure/AN103-date-invalid';
import { dateNoncanonical } from './structure/AN104-date-noncanonical';
import { bodyMissing } from './structure/AN105-body-missing';
import { sourceMissing } from './structure/AN106-source-missing';
import { keywordsMissing } from './structure/AN107-keywords-missing';
import { sectionOrder } from './structure/AN108-section-order';
import { sectionDuplicate } from './structure/AN109-section-duplicate';
import { markerNoncanonical } from './structure/AN110-marker-noncanonical';
import { readAlsoEmpty } from './structure/AN111-read-also-empty';

/** Every rule, in id order. */
export const RULES: readonly Rule[] = Object.freeze([
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
]);

const byKey = new Map<string, Rule>();
for (const r of RULES) {
  byKey.set(r.id.toLowerCase(), r);
  byKey.set(r.name.toLowerCase(), r);
}

/** Finds a rule by id (`AN101`) or name (`headline-missing`), case-insensitively. */
export function findRule(idOrName: string): Rule | undefined {
  return byKey.get(idOrName.trim().toLowerCase());
}

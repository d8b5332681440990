/** The ordered rule registry: every rule of every group, sorted by id. */
import type { Rule } from './rule';
import { STRUCTURE_RULES } from './structure/index';
import { HYGIENE_RULES } from './hygiene/index';
import { CONTENT_RULES } from './content/index';
import { ENCODING_RULES } from './encoding/index';
import { CORPUS_RULES } from './corpus/index';

/** Every rule, in id order. */
export const RULES: readonly Rule[] = Object.freeze([...ENCODING_RULES, ...STRUCTURE_RULES, ...HYGIENE_RULES, ...CONTENT_RULES, ...CORPUS_RULES].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));

const byKey = new Map<string, Rule>();
for (const r of RULES) {
  byKey.set(r.id.toLowerCase(), r);
  byKey.set(r.name.toLowerCase(), r);
}

/** Finds a rule by id (`AN101`) or name (`headline-missing`), case-insensitively. */
export function findRule(idOrName: string): Rule | undefined {
  return byKey.get(idOrName.trim().toLowerCase());
}

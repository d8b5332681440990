import type { Fix, Rule } from '../rule';
import { text } from '../messages';
import { describeDateProblem } from '../../parse/date';

/** AN103: the date line's value is not a date that exists (or is empty, or unreadable). */
export const dateInvalid: Rule = {
  id: 'AN103',
  name: 'date-invalid',
  defaultSeverity: 'error',
  tags: ['date'],
  summary: 'The date does not exist, is empty, or cannot be read.',
  fixable: true,
  docs: {
    description:
      'The date line must name a day that exists: `31st, June` does not (June has 30 days), `29th, February 2023` does not (2023 is no leap year), and `Jnue` is no month. A date that cannot be read is reported here too. A date that does not exist is reported once, by this rule, and not also as non-canonical. When the month is a recognisable typo, the fix offers the corrected date; it is not applied by "fix all", since only you can tell which part is wrong.',
    bad: 'تاريخ النشر: 31st, June 2024 GMT',
    good: 'تاريخ النشر: 30th, June 2024 GMT',
    fix: 'For a misspelt month (`Jnue`), replaces the value with the corrected canonical date.',
  },
  check({ article }, report) {
    const date = article.date;
    if (!date || date.parsed.status !== 'invalid') return;
    const fixes: Fix[] = [];
    if (date.parsed.suggestionText) {
      fixes.push({
        title: text(`Change to "${date.parsed.suggestionText}"`, `غيّره إلى «${date.parsed.suggestionText}»`),
        edits: [{ range: date.value.range, newText: date.parsed.suggestionText }],
        safe: false,
        preferred: true,
      });
    }
    report({
      range: date.value.text ? date.value.range : date.marker.range,
      message: describeDateProblem(date.parsed, date.value.text),
      fixes,
    });
  },
};

import type { Fix, Rule } from '../rule';
import { text } from '../messages';
import { describeDateProblem, isoDate } from '../../parse/date';

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
      'The date line must name a day that exists: `31st, June` does not (June has 30 days), `29th, February 2023` does not (2023 is no leap year), and `Jnue` is no month. A date that cannot be read is reported here too. A date that does not exist is reported once, by this rule, and not also as non-canonical. When the configuration sets a range (`"dates": { "min": "2015-01-01", "max": "2025-12-31" }`), a real date outside it is reported here too, with the range in the message. When the month is a recognisable typo, the fix offers the corrected date; it is not applied by "fix all", since only you can tell which part is wrong.',
    bad: 'تاريخ النشر: 31st, June 2024 GMT',
    good: 'تاريخ النشر: 30th, June 2024 GMT',
    fix: 'For a misspelt month (`Jnue`), replaces the value with the corrected canonical date.',
  },
  check({ article, dates }, report) {
    const date = article.date;
    if (!date) return;
    if (date.parsed.status !== 'invalid') {
      // A real date outside the corpus's configured range.
      const d = date.parsed.date;
      if (!d || (!dates.min && !dates.max)) return;
      const iso = isoDate(d);
      if ((dates.min && iso < dates.min) || (dates.max && iso > dates.max)) {
        const span = dates.min && dates.max ? `from ${dates.min} to ${dates.max}` : dates.min ? `from ${dates.min} on` : `up to ${dates.max}`;
        const spanAr = dates.min && dates.max ? `من ${dates.min} إلى ${dates.max}` : dates.min ? `من ${dates.min} فصاعدًا` : `حتى ${dates.max}`;
        report({
          range: date.value.range,
          message: text(
            `The date ${iso} is outside this corpus's range (${span}, set under "dates" in .arabic-news.json). Check the date, or whether the article belongs in this corpus.`,
            `التاريخ ${iso} خارج نطاق هذه المدونة (${spanAr}، كما في «dates» في ملف ‎.arabic-news.json). تحقق من التاريخ، أو من انتماء الخبر إلى هذه المدونة.`,
          ),
        });
      }
      return;
    }
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

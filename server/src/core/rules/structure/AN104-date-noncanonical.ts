import type { Rule } from '../rule';
import { text } from '../messages';
import { describeDateProblem } from '../../parse/date';

/** AN104: a real date written in another form than the corpus's canonical one. */
export const dateNoncanonical: Rule = {
  id: 'AN104',
  name: 'date-noncanonical',
  defaultSeverity: 'warning',
  tags: ['date', 'format'],
  summary: 'The date is valid but not written in the canonical form.',
  fixable: true,
  docs: {
    description:
      'The corpus writes every date one way: the day with its English ordinal suffix, a comma, the English month, the year and `GMT` (`12th, June 2024 GMT`). Dates pasted in other forms (Arabic month names of any region, Arabic-Indic digits, ISO `2024-06-12`, a Hijri date, a wrong suffix such as `12nd`, a missing `GMT`) are understood, but tools that read the corpus expect one form. The fix rewrites the value canonically, converting Hijri dates with the Umm al-Qura calendar.',
    bad: 'تاريخ النشر: ١٢ يونيو ٢٠٢٤',
    good: 'تاريخ النشر: 12th, June 2024 GMT',
    fix: 'Rewrites the date value in the canonical form.',
  },
  check({ article }, report) {
    const date = article.date;
    if (!date || date.parsed.status !== 'noncanonical' || !date.parsed.canonicalText) return;
    const canonical = date.parsed.canonicalText;
    report({
      range: date.value.range,
      message: describeDateProblem(date.parsed, date.value.text),
      fixes: [
        {
          title: text(`Rewrite the date as "${canonical}"`, `اكتب التاريخ بالصيغة المعتمدة «${canonical}»`),
          edits: [{ range: date.value.range, newText: canonical }],
          safe: true,
          format: true,
          preferred: true,
        },
      ],
    });
  },
};

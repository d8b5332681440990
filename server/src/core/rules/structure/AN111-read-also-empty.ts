import type { Rule } from '../rule';
import { text } from '../messages';
import { deleteLineEdit } from '../../text/edits';

/** AN111: a read-also marker with no related article after it. */
export const readAlsoEmpty: Rule = {
  id: 'AN111',
  name: 'read-also-empty',
  defaultSeverity: 'warning',
  tags: ['structure'],
  summary: 'The read-also marker has no related article after it.',
  fixable: true,
  docs: {
    description:
      'The read-also marker `إقرأ أيضاً:` introduces one or more related articles: a headline line, then its paragraphs. A marker with nothing after it is a scrape that lost the related block; the marker alone carries no information and confuses tools that expect a related article after it.',
    bad: 'كلمات دلالية: وزارة المالية الموازنة\nإقرأ أيضاً:',
    good: 'كلمات دلالية: وزارة المالية الموازنة',
    fix: 'Deletes the empty marker line.',
  },
  check({ article }, report) {
    const r = article.readAlso;
    if (!r || r.articles.length > 0) return;
    report({
      range: r.range,
      message: text(
        'The read-also section is empty: no related article follows the marker. Add the related headline and its paragraphs, or delete the marker.',
        'قسم «إقرأ أيضاً» فارغ: لا خبر ذا صلة بعد العلامة. أضف عنوان الخبر ذي الصلة وفقراته، أو احذف العلامة.',
      ),
      fixes: [
        { title: text('Delete the empty read-also marker', 'احذف علامة «إقرأ أيضاً» الفارغة'), edits: [deleteLineEdit(article.lines, r.line)], safe: true, preferred: true },
      ],
    });
  },
};

import type { Rule } from '../rule';
import { text } from '../messages';
import { fileName } from './names';

/** AN302: another article of the corpus has the same headline. */
export const duplicateHeadline: Rule = {
  id: 'AN302',
  name: 'duplicate-headline',
  defaultSeverity: 'warning',
  tags: ['corpus', 'duplicates'],
  summary: 'Another article of the corpus has the same headline.',
  fixable: false,
  docs: {
    description:
      'Two articles with the same headline (compared after normalising hamza forms, ى/ي, ة/ه, harakat, tatweel and spaces) are usually the same story scraped twice with a different body length, or a recurring headline such as a daily price bulletin whose body changes. Either way a curator should look: deduplicate the first kind, and give the second distinct headlines (with the date) so that they can be told apart. Articles already reported as near-duplicates (AN301) of each other are not reported again here.',
    bad: 'a.txt: أسعار الذهب اليوم في مصر\nb.txt: أسعار الذهب اليوم في مصر',
    good: 'a.txt: أسعار الذهب اليوم الأربعاء 12 يونيو في مصر\nb.txt: أسعار الذهب اليوم الخميس 13 يونيو في مصر',
  },
  check({ article, corpus }, report) {
    if (!corpus || !article.headline) return;
    const twins = new Set(corpus.nearDuplicates.map((d) => d.uri));
    const same = corpus.sameHeadline.filter((s) => !twins.has(s.uri));
    if (!same.length) return;
    const more = same.length > 1 ? ` and ${same.length - 1} other file${same.length > 2 ? 's' : ''}` : '';
    const moreAr = same.length > 1 ? ` و${same.length - 1} ملفات أخرى` : '';
    report({
      range: article.headline.range,
      message: text(
        `The same headline is used by ${fileName(same[0]!.uri)}${more}. If it is the same story, keep one; otherwise make the headlines distinct.`,
        `العنوان نفسه مستخدم في ${fileName(same[0]!.uri)}${moreAr}. إن كان الخبر نفسه فأبقِ واحدًا، وإلا فميّز العناوين.`,
      ),
      related: same.slice(0, 20).map((s) => ({
        uri: s.uri,
        range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } },
        message: text('Same headline', 'العنوان نفسه'),
      })),
    });
  },
};

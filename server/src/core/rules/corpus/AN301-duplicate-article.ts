import type { Rule } from '../rule';
import { text } from '../messages';
import { fileName } from './names';

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** AN301: another article of the corpus with near-identical text. */
export const duplicateArticle: Rule = {
  id: 'AN301',
  name: 'duplicate-article',
  defaultSeverity: 'warning',
  tags: ['corpus', 'duplicates'],
  summary: 'Another article of the corpus has near-identical text.',
  fixable: false,
  docs: {
    description:
      'The same story is often scraped twice: from two sections of a site, on two days, or from two outlets that share an agency wire. Near-duplicates inflate a corpus and leak between training and test splits. The rule compares the main article (headline and body, never the read-also block, which repeats across files of the same day) with every other article of the corpus: MinHash signatures over normalised word 5-grams find candidates through locality-sensitive hashing, and the exact Jaccard similarity of the two 5-gram sets decides. The threshold is an option (`"AN301": { "options": { "threshold": 0.8 } }`). Both files are reported, each pointing at the other.',
    bad: 'corpus/000_1a.txt: وزارة المالية تعلن موازنة العام المقبل …\ncorpus/417_9c.txt: the same article with one paragraph changed',
    good: 'Keep one of the two files, or merge what the second adds into the first.',
  },
  check({ article, corpus }, report) {
    if (!corpus || !corpus.nearDuplicates.length) return;
    const twins = corpus.nearDuplicates;
    const first = twins[0]!;
    const pct = Math.round(first.similarity * 100);
    const more = twins.length > 1 ? ` (and ${twins.length - 1} more)` : '';
    const moreAr = twins.length > 1 ? ` (و${twins.length - 1} غيره)` : '';
    report({
      range: article.headline?.range ?? ZERO,
      message: text(
        `Near-duplicate: ${pct}% of this article's 5-word phrases are also in ${fileName(first.uri)} ("${first.headline.slice(0, 60)}")${more}. Keep one article and delete or merge the other.`,
        `خبر شبه مكرر: ${pct}٪ من عبارات هذا الخبر الخماسية موجودة في ${fileName(first.uri)} («${first.headline.slice(0, 60)}»)${moreAr}. أبقِ خبرًا واحدًا واحذف الآخر أو ادمجه فيه.`,
      ),
      related: twins.slice(0, 20).map((t) => ({
        uri: t.uri,
        range: ZERO,
        message: text(`Near-duplicate (${Math.round(t.similarity * 100)}% similar)`, `خبر شبه مكرر (تشابه ${Math.round(t.similarity * 100)}٪)`),
      })),
    });
  },
};

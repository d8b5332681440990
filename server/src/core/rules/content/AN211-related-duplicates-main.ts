import type { Rule } from '../rule';
import { text } from '../messages';
import type { LineNode } from '../../parse/article';
import { lettersOn, mainIndex, normalizedMain, normalizeParagraph } from './shared';

/** AN211: a related article that is the main article again. */
export const relatedDuplicatesMain: Rule = {
  id: 'AN211',
  name: 'related-duplicates-main',
  defaultSeverity: 'warning',
  tags: ['content', 'duplicates', 'read-also'],
  summary: 'A related article in the read-also section repeats the main article.',
  fixable: false,
  docs: {
    description:
      'The read-also section lists other articles the site showed beside this one. When a related article has the main headline, or most of its paragraphs are paragraphs of the main body (compared after normalisation), the scraper picked up the article itself as its own "related" article. The corpus then holds the same text twice, once as the article and once as a related record, which inflates duplicates and biases statistics. The rule is reported on the related headline and points at the main text it repeats; delete that related article (its headline and paragraphs) by hand.',
    bad: 'كوريا الشمالية تتباهى بعلاقات لا تقهر مع روسيا\n…\nإقرأ أيضاً:\nكوريا الشمالية تتباهى بعلاقات لا تقهر مع روسيا\nأرسل الزعيم الكوري الشمالي رسالة إلى فلاديمير بوتين.',
    good: 'كوريا الشمالية تتباهى بعلاقات لا تقهر مع روسيا\n…\nإقرأ أيضاً:\nبوتين وبزشكيان يوقعان اتفاقية للشراكة الاستراتيجية .. شاهد\nوقع الرئيس الروسي ونظيره الإيراني اتفاقية جديدة.',
  },
  check({ article }, report) {
    const related = article.readAlso?.articles;
    if (!related || related.length === 0 || !article.headline) return;
    const index = mainIndex(article);
    if (index.byCount.size === 0) return;
    const headline = article.headline;
    const headlineCount = lettersOn(article, headline.line, headline.text);

    /** The main paragraph a related line repeats, or undefined. */
    const repeated = (line: number, t: string, onlyBody: boolean): LineNode | undefined => {
      const group = index.byCount.get(lettersOn(article, line, t));
      if (!group) return undefined;
      let norm: string | undefined;
      for (const p of group) {
        if (onlyBody && p === headline) continue;
        norm ??= normalizeParagraph(t);
        if (normalizedMain(index, p) === norm) return p;
      }
      return undefined;
    };

    for (const a of related) {
      if (headlineCount > 0 && lettersOn(article, a.headline.line, a.headline.text) === headlineCount && normalizeParagraph(a.headline.text) === normalizedMain(index, headline)) {
        report({
          range: a.headline.range,
          message: text(
            'This related article repeats the main headline: the scraper took the article itself for a related one. Delete this related article (its headline and paragraphs).',
            'هذا الخبر ذو الصلة يكرر عنوان الخبر الرئيسي: فقد عدّ الكاشط الخبرَ نفسه خبرًا ذا صلة. احذف هذا الخبر ذا الصلة (عنوانه وفقراته).',
          ),
          related: [{ range: headline.range, message: text('The main headline', 'عنوان الخبر الرئيسي') }],
        });
        continue;
      }
      const n = a.paragraphs.length;
      if (n === 0) continue;
      let hits = 0;
      let firstHit: LineNode | undefined;
      for (let i = 0; i < n; i++) {
        if ((hits + (n - i)) * 2 <= n) break; // a majority can no longer be reached
        const para = a.paragraphs[i]!;
        const p = repeated(para.line, para.text, true);
        if (p) {
          hits++;
          firstHit ??= p;
        }
      }
      if (hits * 2 <= n || !firstHit) continue;
      report({
        range: a.headline.range,
        message: text(
          `Most paragraphs of this related article repeat the main article's body (${hits} of ${n}): it is the article itself, or a copy of it. Delete this related article (its headline and paragraphs).`,
          `أغلب فقرات هذا الخبر ذي الصلة تكرار لمتن الخبر الرئيسي (${hits} من ${n}): فهو الخبر نفسه أو نسخة منه. احذف هذا الخبر ذا الصلة (عنوانه وفقراته).`,
        ),
        related: [{ range: firstHit.range, message: text('A main paragraph it repeats', 'فقرة من المتن يكررها') }],
      });
    }
  },
};

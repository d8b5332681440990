import type { Fix, Rule } from '../rule';
import { text } from '../messages';
import type { LineNode } from '../../parse/article';
import { deleteLineEdit } from '../../text/edits';
import { AR_TIMES, arCount, mainIndex, mainParagraphs, normalizedMain } from './shared';

/** AN206: the same paragraph twice in the main article. */
export const duplicateParagraph: Rule = {
  id: 'AN206',
  name: 'duplicate-paragraph',
  defaultSeverity: 'warning',
  tags: ['content', 'duplicates'],
  summary: 'A paragraph of the main article repeats an earlier one (or the headline).',
  fixable: true,
  docs: {
    description:
      'A scraper that reads a page twice, or a page that repeats its lead in a sidebar, leaves the same paragraph twice in the body, or repeats the headline as the first paragraph. The rule compares the headline and body paragraphs after normalisation (hamza forms, alef maqsura, ta marbuta, harakat, tatweel, digits and white space are ignored), reports every repeat and points at the first occurrence. Paragraphs without a letter or digit (separators such as `***`) are not compared, and the read-also section is left to AN211. Repeated paragraphs inflate word counts and skew keyword statistics and near-duplicate detection.',
    bad: 'أعلنت وزارة المالية تفاصيل مشروع الموازنة العامة.\nوقال الوزير إن العجز سينخفض.\nأعلنت وزارة المالية تفاصيل مشروع الموازنة العامة.',
    good: 'أعلنت وزارة المالية تفاصيل مشروع الموازنة العامة.\nوقال الوزير إن العجز سينخفض.',
    fix: 'Deletes the repeated paragraph and keeps the first occurrence. When the repeat is the only body paragraph (it repeats the headline), no fix is offered: deleting it would leave the article without a body.',
  },
  check({ article }, report) {
    const paragraphs = mainParagraphs(article);
    if (paragraphs.length < 2) return;
    const index = mainIndex(article);
    // Only paragraphs sharing a letter count can be equal: normalise those, in order.
    const candidates: LineNode[] = [];
    for (const group of index.byCount.values()) if (group.length > 1) candidates.push(...group);
    if (candidates.length === 0) return;
    candidates.sort((a, b) => a.line - b.line);
    const first = new Map<string, LineNode>();
    const copies = new Map<string, number>();
    const repeats: { node: LineNode; norm: string }[] = [];
    for (const p of candidates) {
      const norm = normalizedMain(index, p);
      copies.set(norm, (copies.get(norm) ?? 0) + 1);
      if (first.has(norm)) repeats.push({ node: p, norm });
      else first.set(norm, p);
    }
    const bodyCount = article.body?.paragraphs.length ?? 0;
    for (const { node, norm } of repeats) {
      const original = first.get(norm)!;
      const isHeadline = original === article.headline;
      const times = copies.get(norm)!;
      const fixes: Fix[] = [];
      if (!(isHeadline && bodyCount === 1)) {
        fixes.push({
          title: text('Delete the repeated paragraph', 'احذف الفقرة المكررة'),
          edits: [deleteLineEdit(article.lines, node.line)],
          safe: true,
          preferred: true,
        });
      }
      const where = isHeadline ? { en: 'the headline', ar: 'العنوان' } : { en: `the paragraph on line ${original.line + 1}`, ar: `الفقرة في السطر ${original.line + 1}` };
      const count = times > 2 ? { en: ` (the text appears ${times} times)`, ar: ` (تكرر النص ${arCount(times, AR_TIMES)})` } : { en: '', ar: '' };
      const advice = fixes.length
        ? { en: 'Delete this copy.', ar: 'احذف هذه النسخة.' }
        : { en: 'It is the only body paragraph: the article body was probably not scraped; check the source page.', ar: 'وهي فقرة المتن الوحيدة، فالأرجح أن متن الخبر لم يُجلب؛ راجع صفحة المصدر.' };
      report({
        range: node.range,
        message: text(
          `This paragraph repeats ${where.en}${count.en}. ${advice.en}`,
          `هذه الفقرة مكررة، فنصها هو نص ${where.ar}${count.ar}. ${advice.ar}`,
        ),
        fixes,
        related: [{ range: original.range, message: text('First occurrence', 'الموضع الأول') }],
      });
    }
  },
};

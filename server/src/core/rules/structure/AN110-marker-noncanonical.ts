import type { Rule } from '../rule';
import type { MarkerLineNode } from '../../parse/article';
import { canonicalMarkerText } from '../../parse/markers';
import { SECTION_NAMES, text } from '../messages';

/** AN110: a marker spelled differently from the corpus's canonical token. */
export const markerNoncanonical: Rule = {
  id: 'AN110',
  name: 'marker-noncanonical',
  defaultSeverity: 'warning',
  tags: ['format'],
  summary: 'A marker is spelled differently from the corpus\'s canonical spelling.',
  fixable: true,
  docs: {
    description:
      'Each marker has one canonical spelling in a corpus (by default the sample\'s: `تاريخ النشر:`, `المصدر:`, `كلمات دلالية:`, `إقرأ أيضاً:`, each followed by one space before its value). Variants found in the wild are recognised (a space before the colon, a missing colon, `اقرأ أيضا` without hamza, `أيضًا` with the tanween on the other letter, tatweel or harakat inside the word) but scripts that split the corpus by exact text miss them. A corpus that prefers other spellings sets them under `markers` in its configuration.',
    bad: 'المصدر : وكالة الأنباء\nاقرأ أيضا',
    good: 'المصدر: وكالة الأنباء\nإقرأ أيضاً:',
    fix: 'Rewrites the marker in its canonical spelling, with one space before the value.',
  },
  check({ article, markers }, report) {
    const nodes: MarkerLineNode[] = [];
    for (const n of [article.date, article.source, article.keywords, article.readAlso]) if (n) nodes.push(n);
    for (const d of article.duplicates) nodes.push(d.node);
    for (const n of nodes) {
      const kind = n.marker.kind;
      if (kind === 'boilerplate') continue;
      const canonical = canonicalMarkerText(kind, n.value.text !== '', markers);
      // With no value yet, trailing spaces are the user about to type one (white space is another rule's business).
      if (n.marker.text === canonical || (!n.value.text && n.marker.text.trimEnd() === canonical)) continue;
      const name = SECTION_NAMES[kind === 'readAlso' ? 'readAlso' : kind];
      const token = markers[kind];
      report({
        range: n.marker.fullRange,
        message: text(
          `The ${name.en} marker is written "${n.marker.text.trim()}"; this corpus writes it "${token}"${n.value.text ? ' followed by one space' : ''}.`,
          `علامة ${name.ar} مكتوبة «${n.marker.text.trim()}»، والمعتمد في هذه المدونة «${token}»${n.value.text ? ' تليها مسافة واحدة' : ''}.`,
        ),
        fixes: [
          {
            title: text(`Write the marker as "${token}"`, `اكتب العلامة «${token}»`),
            edits: [{ range: n.marker.fullRange, newText: canonical }],
            safe: true,
            format: true,
            preferred: true,
          },
        ],
      });
    }
  },
};

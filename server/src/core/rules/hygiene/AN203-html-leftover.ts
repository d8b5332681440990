import type { Fix, Rule } from '../rule';
import { text } from '../messages';
import { replaceEdit } from '../../text/edits';
import type { TextEdit } from '../../types';
import { comparePositions, lineRange } from '../../types';
import type { Article } from '../../parse/article';
import { findHtmlLeftovers, groupAdjacent, type HtmlLeftover } from './html';
import { place, snippet, tidyReplaceEdit } from './shared';

/** The edit that repairs one group of adjacent leftovers. */
function groupEdit(article: Article, index: number, group: readonly HtmlLeftover[]): TextEdit {
  const start = group[0]!.start;
  const end = group[group.length - 1]!.end;
  let replacement = '';
  for (const g of group) replacement += g.replacement;
  // A plain character decoded in place needs no tidying of the white space around it.
  if (replacement && !/\s/.test(replacement)) return replaceEdit(lineRange(index, start, end), replacement);
  return tidyReplaceEdit(article, index, start, end, replacement);
}

function describe(group: readonly HtmlLeftover[], original: string): { en: string; ar: string } {
  const tags = group.some((g) => g.kind !== 'entity');
  const entities = group.some((g) => g.kind === 'entity');
  const shown = snippet(original, 60);
  if (!entities) {
    if (group.every((g) => g.kind === 'comment')) return { en: `HTML comment "${shown}"`, ar: `تعليق HTML «${shown}»` };
    return { en: `HTML ${group.length > 1 ? 'tags' : 'tag'} "${shown}"`, ar: `وسوم HTML «${shown}»` };
  }
  const decoded = group.map((g) => g.replacement).join('');
  const stands = decoded.trim() ? ` (for "${snippet(decoded, 20)}")` : decoded ? ' (for a space)' : '';
  const standsAr = decoded.trim() ? ` (بمعنى «${snippet(decoded, 20)}»)` : decoded ? ' (بمعنى مسافة)' : '';
  if (!tags) return { en: `HTML character reference${group.length > 1 ? 's' : ''} "${shown}"${stands}`, ar: `مرجع محارف HTML «${shown}»${standsAr}` };
  return { en: `HTML leftovers "${shown}"`, ar: `بقايا HTML «${shown}»` };
}

/** AN203: HTML entities, tags and comments left in the text by the scraper. */
export const htmlLeftover: Rule = {
  id: 'AN203',
  name: 'html-leftover',
  defaultSeverity: 'warning',
  tags: ['hygiene'],
  summary: 'HTML leftovers: character references (`&nbsp;` `&quot;` `&#1611;`), tags (`<br>` `</p>` `<a href="…">`) and comments.',
  fixable: true,
  docs: {
    description:
      'A scraper that copies a page\'s markup instead of its text leaves HTML in the article: named and numeric character references (`&nbsp;`, `&quot;`, `&amp;`, `&laquo;`, `&#1611;`, `&#x627;`, double-encoded `&amp;quot;`), tags (`<br>`, `<p>`, `</p>`, `<a href="…">`, `<span class="…">`, `<strong>`, also entity-encoded `&lt;br&gt;`) and comments (`<!-- … -->`). They show up verbatim in every tool that reads the corpus and break word counts and searches. Only real HTML element names count as tags, so a comparison such as `أقل من 5 < 10` or `a<b` is text. Adjacent leftovers (`</p><p>`) are reported together, once.',
    bad: 'وقال الوزير&nbsp;إن &quot;العجز سينخفض&quot;.<br>',
    good: 'وقال الوزير إن "العجز سينخفض".',
    fix: 'Decodes character references to the characters they stand for (`&quot;` → `"`, `&nbsp;` → a normal space; references to invisible controls such as `&zwnj;` are dropped) and removes tags the way a browser renders the page: block tags and `<br>` become a space (two words are never joined), inline tags such as `<strong>` or `<a>` vanish, and no doubled space or space at the ends of the line is left; a line left empty is deleted. The quotation-mark references of a line are decoded together so that the quotes stay paired. Safe: it restores the text the page showed, so "fix all" applies it, but formatting does not.',
  },
  check({ article }, report) {
    for (const line of article.lines) {
      const t = line.text;
      const found = findHtmlLeftovers(t);
      if (!found.length) continue;
      const groups = groupAdjacent(found);
      let quoteEdits: TextEdit[] | undefined;
      for (const group of groups) {
        const start = group[0]!.start;
        const end = group[group.length - 1]!.end;
        const original = t.slice(start, end);
        const what = describe(group, original);
        const where = place(t, start, end);
        let fix: Fix;
        if (group.some((g) => g.quote)) {
          if (!quoteEdits) {
            // Every group of the line with a quotation mark, decoded at once; overlapping tidy edits are dropped.
            const all: TextEdit[] = [];
            for (const g of groups) if (g.some((x) => x.quote)) all.push(groupEdit(article, line.index, g));
            quoteEdits = [];
            for (const e of all) {
              const last = quoteEdits[quoteEdits.length - 1];
              if (!last || comparePositions(e.range.start, last.range.end) >= 0) quoteEdits.push(e);
            }
          }
          fix = { title: text('Decode the quotation marks of this line', 'فكّ ترميز علامات التنصيص في هذا السطر'), edits: quoteEdits, safe: true, preferred: true, format: false };
        } else {
          const decoding = group.every((g) => g.kind === 'entity');
          fix = {
            title: decoding ? text('Decode the character reference', 'فكّ ترميز مرجع المحارف') : text('Remove the HTML', 'احذف بقايا HTML'),
            edits: [groupEdit(article, line.index, group)],
            safe: true,
            preferred: true,
            format: false,
          };
        }
        report({
          range: lineRange(line.index, start, end),
          message: text(
            `${what.en} left over from the web page${where.en}. Decode or remove it: the article is plain text.`,
            `${what.ar} من بقايا صفحة الويب${where.ar}. فكّ ترميزها أو احذفها: الخبر نص خالص.`,
          ),
          fixes: [fix],
        });
      }
    }
  },
};

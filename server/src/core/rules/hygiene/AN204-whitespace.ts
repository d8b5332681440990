import type { Rule } from '../rule';
import { text } from '../messages';
import { deleteLineEdit, replaceEdit } from '../../text/edits';
import type { LocalizedText } from '../../types';
import { lineRange } from '../../types';
import { BlankLines, contentStart, intersects, isSpaceLike, ownedSpans, wordAfter, wordBefore } from './shared';

/** Quick test for a doubled space, a tab or an unusual space anywhere in a line. */
const INNER = / {2}|[\t\v\f\u1680\u2000-\u200A\u205F\u3000]/;
const ONE_SPACE = text('Replace with one space', 'استبدلها بمسافة واحدة');
const REMOVE = text('Remove the white space', 'احذف المسافات');

/** A run to report inside a line: two or more white-space characters, or one that is not a plain space. Greedy, no backtracking. */
const RUN = /[ \t\v\f\u1680\u2000-\u200A\u205F\u3000]{2,}|[\t\v\f\u1680\u2000-\u200A\u205F\u3000]/g;

/** Names a run of white space: `3 spaces`, `a tab`, `2 tabs and a space`, `an em space (U+2003)`. */
function describe(t: string, start: number, end: number): LocalizedText {
  let spaces = 0;
  let tabs = 0;
  let other = 0;
  let otherCode = 0;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x20) spaces++;
    else if (c === 0x09) tabs++;
    else {
      other++;
      otherCode = c;
    }
  }
  const en: string[] = [];
  const ar: string[] = [];
  if (spaces) {
    en.push(spaces === 1 ? 'a space' : `${spaces} spaces`);
    ar.push(spaces === 1 ? 'مسافة' : spaces === 2 ? 'مسافتان' : `${spaces} مسافات`);
  }
  if (tabs) {
    en.push(tabs === 1 ? 'a tab' : `${tabs} tabs`);
    ar.push(tabs === 1 ? 'محرف جدولة' : `${tabs} محارف جدولة`);
  }
  if (other) {
    const label = 'U+' + otherCode.toString(16).toUpperCase().padStart(4, '0');
    en.push(other === 1 ? `an unusual space (${label})` : `${other} unusual spaces (${label}…)`);
    ar.push(other === 1 ? `مسافة غير معتادة (${label})` : `${other} مسافات غير معتادة (${label}…)`);
  }
  return { en: en.join(' and '), ar: ar.join(' و') };
}

/** AN204: leading and trailing white space, doubled spaces, tabs and unusual spaces inside a line. */
export const whitespace: Rule = {
  id: 'AN204',
  name: 'whitespace',
  defaultSeverity: 'warning',
  tags: ['hygiene', 'format'],
  summary: 'White space at the start or end of a line, doubled spaces, tabs or unusual spaces inside a line.',
  fixable: true,
  docs: {
    description:
      'Words in a clean article are separated by exactly one normal space, and no line starts or ends with white space. Doubled spaces, tabs, and the typographic spaces of Unicode (en and em spaces, thin and hair spaces, the ideographic space, U+2000–U+200A, U+205F, U+3000) come from copying out of word processors and web pages; they make identical paragraphs differ and break scripts that split on one space. Each run is reported once, over exactly its characters. No-break spaces are left to AN201, blank lines to AN112, the spaces of a marker that AN110 rewrites (`المصدر:  البوابة`) to AN110, and the spaces of a date that AN104 rewrites to AN104.',
    bad: '  أعلنت وزارة  المالية\tاليوم عن موازنة جديدة. ',
    good: 'أعلنت وزارة المالية اليوم عن موازنة جديدة.',
    fix: 'Removes white space at the start and end of the line and turns any other run into a single normal space. Safe, and applied by document formatting.',
  },
  check({ article, markers }, report) {
    const blank = new BlankLines(article.blankLines);
    let owned: ReturnType<typeof ownedSpans> | undefined;
    const emit = (index: number, start: number, end: number, replacement: string, message: LocalizedText): void => {
      const range = lineRange(index, start, end);
      report({
        range,
        message,
        fixes: [
          {
            title: replacement ? ONE_SPACE : REMOVE,
            edits: [replaceEdit(range, replacement)],
            safe: true,
            preferred: true,
            format: true,
          },
        ],
      });
    };
    for (const line of article.lines) {
      const t = line.text;
      const n = t.length;
      const cs = contentStart(article, line.index);
      if (n <= cs) continue;
      const edge = isSpaceLike(t.charCodeAt(cs)) || isSpaceLike(t.charCodeAt(n - 1));
      const inner = INNER.test(t);
      if (!edge && !inner) continue;
      if (blank.has(line.index)) continue;
      const spans = (owned ??= ownedSpans(article, markers)).get(line.index);
      let lead = cs;
      while (lead < n && isSpaceLike(t.charCodeAt(lead))) lead++;
      if (lead === n) {
        // Only unusual spaces on the line (ordinary ones make it a blank line, AN112's).
        const what = describe(t, cs, n);
        report({
          range: lineRange(line.index, cs, n),
          message: text(`The line holds only white space (${what.en}).`, `السطر لا يحوي إلا مسافات (${what.ar}).`),
          fixes: [{ title: text('Delete the line', 'احذف السطر'), edits: [deleteLineEdit(article.lines, line.index)], safe: true, preferred: true, format: true }],
        });
        continue;
      }
      let trail = n;
      while (trail > lead && isSpaceLike(t.charCodeAt(trail - 1))) trail--;
      if (lead > cs && !intersects(spans, cs, lead)) {
        const what = describe(t, cs, lead);
        const w = wordAfter(t, lead);
        emit(line.index, cs, lead, '', text(`The line starts with ${what.en} before "${w}". Lines start with their first word.`, `يبدأ السطر بـ${what.ar} قبل «${w}». يبدأ السطر بأول كلماته.`));
      }
      if (inner) {
        RUN.lastIndex = lead;
        // `test` moves `lastIndex` past the run without allocating a match; the run is maximal, so its start is found by walking back.
        while (RUN.test(t)) {
          const end = RUN.lastIndex;
          let start = end - 1;
          while (start > lead && isSpaceLike(t.charCodeAt(start - 1))) start--;
          if (start >= trail) break;
          if (intersects(spans, start, end)) continue;
          const what = describe(t, start, end);
          const a = wordBefore(t, start);
          const b = wordAfter(t, end);
          emit(
            line.index,
            start,
            end,
            ' ',
            text(`${what.en[0]!.toUpperCase()}${what.en.slice(1)} between "${a}" and "${b}"; words are separated by one space.`, `${what.ar} بين «${a}» و«${b}»؛ تفصل بين الكلمات مسافة واحدة.`),
          );
        }
      }
      if (trail < n && !intersects(spans, trail, n)) {
        const what = describe(t, trail, n);
        const w = wordBefore(t, trail);
        emit(line.index, trail, n, '', text(`The line ends with ${what.en} after "${w}". Lines end with their last character.`, `ينتهي السطر بـ${what.ar} بعد «${w}». ينتهي السطر بآخر محارفه.`));
      }
    }
  },
};

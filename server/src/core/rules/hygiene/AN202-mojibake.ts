import type { Rule } from '../rule';
import { text } from '../messages';
import { replaceEdit } from '../../text/edits';
import { lineRange } from '../../types';
import { findMojibake } from './mojibake';
import { isAnySpace, isInvisibleFormat, snippet } from './shared';

/**
 * The repaired text as it goes into the article: exactly what the bytes decode to, less the
 * invisible controls the page carried (AN201 would report them), with no-break spaces as spaces.
 */
function cleanRepair(s: string): string {
  let clean = true;
  for (let i = 0; i < s.length && clean; i++) {
    const c = s.charCodeAt(i);
    if (isInvisibleFormat(c) || (c !== 0x20 && isAnySpace(c))) clean = false;
  }
  if (clean) return s;
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isInvisibleFormat(c)) continue;
    if (isAnySpace(c)) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += s[i];
      space = false;
    }
  }
  return out;
}

/** AN202: UTF-8 Arabic read as Windows-1252/Latin-1 (`Ø§Ù„`) or Windows-1256 (`ط§ظ„`). */
export const mojibake: Rule = {
  id: 'AN202',
  name: 'mojibake',
  defaultSeverity: 'error',
  tags: ['hygiene', 'encoding'],
  summary: 'Mojibake: UTF-8 Arabic text decoded with the wrong code page (`Ø§Ù„`, `ط§ظ„`).',
  fixable: true,
  docs: {
    description:
      'When a scraper decodes a UTF-8 page with a single-byte code page, every Arabic letter turns into two characters: `السلام` becomes `Ø§Ù„Ø³Ù„Ø§Ù…` with Windows-1252 or Latin-1, and `ط§ظ„ط³ظ„ط§ظ…` with Windows-1256 (the Arabic Windows code page). Such text is unreadable and unsearchable. The rule maps a suspicious run back to its bytes in that code page and decodes them as UTF-8; it reports the run only when the bytes are valid UTF-8 and the result is Arabic text (at least two letters, mostly Arabic). Text mis-decoded twice (`Ã˜Â§`) is recognised too. Since ط ظ ع غ are ordinary Arabic letters, a Windows-1256 run must show two mis-decoded letters side by side, which real Arabic never does; French or other Latin text with accents is not Arabic once decoded, and is never reported.',
    bad: 'وقال Ø§Ù„ÙˆØ²ÙŠØ± إن العجز سينخفض.',
    good: 'وقال الوزير إن العجز سينخفض.',
    fix: 'Replaces the run with the text its bytes decode to (invisible controls dropped). Offered as a quick fix only, not in "fix all" or formatting: it rewrites words, so check the result.',
  },
  check({ article }, report) {
    for (const line of article.lines) {
      const runs = findMojibake(line.text);
      for (const run of runs) {
        const original = line.text.slice(run.start, run.end);
        const repaired = cleanRepair(run.repaired);
        const page = run.page.name + (run.page.name === 'Windows-1252' ? ' (Latin-1)' : '');
        const twice = run.layers > 1;
        report({
          range: lineRange(line.index, run.start, run.end),
          message: text(
            `Mojibake: "${snippet(original)}" is UTF-8 Arabic text wrongly decoded as ${page}${twice ? ', twice' : ''}. It reads "${snippet(repaired)}".`,
            `ترميز تالف: «${snippet(original)}» نص عربي بترميز UTF-8 فُكّ خطأً بترميز ${page}${twice ? ' مرتين' : ''}. صوابه «${snippet(repaired)}».`,
          ),
          fixes: [
            {
              title: text(`Repair as "${snippet(repaired)}"`, `أصلحه إلى «${snippet(repaired)}»`),
              edits: [replaceEdit(lineRange(line.index, run.start, run.end), repaired)],
              safe: false,
              preferred: true,
              format: false,
            },
          ],
        });
      }
    }
  },
};

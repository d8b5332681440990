import type { Rule } from '../rule';
import { text } from '../messages';
import { normalizeArabic } from '../../arabic';
import { editDistance } from './names';
import { transliterationKey } from '../../corpus/index';

/**
 * The normalised form and transliteration key of each source name met. A corpus has few
 * sources, the same for every article of a run, and the rule compares each article's source
 * with all of them: computed once per name, not once per article (bounded all the same).
 */
const sourceKeys = new Map<string, { readonly normalized: string; readonly folded: string | undefined }>();

function keysOf(name: string): { readonly normalized: string; readonly folded: string | undefined } {
  let keys = sourceKeys.get(name);
  if (!keys) {
    if (sourceKeys.size >= 10_000) sourceKeys.clear();
    keys = { normalized: normalizeArabic(name), folded: transliterationKey(name) };
    sourceKeys.set(name, keys);
  }
  return keys;
}

/** AN304: a source name close to a more frequent one. */
export const sourceVariant: Rule = {
  id: 'AN304',
  name: 'source-variant',
  defaultSeverity: 'info',
  tags: ['corpus', 'source'],
  summary: 'The source name is close to a more frequent source name of the corpus.',
  fixable: true,
  docs: {
    description:
      'Per-outlet statistics, filters and sampling need one name per outlet. Hand edits and scrapers of different site versions produce `البوابه نيوز` beside `البوابة نيوز`, `بوابة الاهرام` beside `بوابة الأهرام`, or a typo such as `البوابة نيور`. The rule compares the source name with the corpus\'s sources after normalisation and reports it when a more frequent source is the same or at a small edit distance (one letter for names up to ten letters, two for longer ones; none for names of four letters or fewer), or when it is the same name in another transliteration of /g/, /v/ or /p/ (ج/غ/ق/ك, ف/ڤ, ب/پ; multi-word names and words of five letters or more only).',
    bad: 'المصدر: البوابه نيوز   (while 120 articles write البوابة نيوز)',
    good: 'المصدر: البوابة نيوز',
    fix: 'Replaces the source name with the more frequent one.',
  },
  check({ article, corpus }, report) {
    const source = article.source;
    if (!corpus || !source || !source.value.text) return;
    const mine = source.value.text;
    const { normalized, folded } = keysOf(mine);
    const allowed = normalized.length <= 4 ? 0 : normalized.length <= 10 ? 1 : 2;
    let own = 0;
    let best: { text: string; count: number } | undefined;
    const candidates: { text: string; count: number }[] = [];
    for (const s of corpus.sources()) {
      if (s.text === mine) own = s.count;
      else candidates.push(s);
    }
    for (const s of candidates) {
      if (s.count <= own) continue;
      const other = keysOf(s.text);
      // Close in letters, or the same name in another transliteration (ج/غ/ق/ك, ف/ڤ, ب/پ).
      if (editDistance(normalized, other.normalized, allowed) > allowed && (folded === undefined || folded !== other.folded)) continue;
      if (!best || s.count > best.count || (s.count === best.count && s.text < best.text)) best = s;
    }
    if (!best) return;
    report({
      range: source.value.range,
      message: text(
        `The source "${mine}" looks like "${best.text}", which ${best.count} articles use (against ${own} for this spelling). Use one name per outlet.`,
        `المصدر «${mine}» يشبه «${best.text}» المستخدم في ${best.count} خبرًا (مقابل ${own} لهذا الإملاء). استخدم اسمًا واحدًا لكل جهة.`,
      ),
      fixes: [{ title: text(`Write "${best.text}"`, `اكتب «${best.text}»`), edits: [{ range: source.value.range, newText: best.text }], safe: false, preferred: true }],
    });
  },
};

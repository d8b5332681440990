import type { BoilerplatePattern, Rule } from '../rule';
import { text } from '../messages';
import type { Article } from '../../parse/article';
import { normalizeArabic } from '../../arabic';
import { deleteLineEdit } from '../../text/edits';
import { lineRange } from '../../types';
import { excerpt } from './shared';

/** How much of a line is normalised before deciding whether it can equal a plain pattern. */
const PROBE = 64;

/** Lines that are structural markers (date, source, keywords, read-also, and their repeats): never boilerplate. */
function markerLines(article: Article): Set<number> {
  const out = new Set<number>();
  for (const m of [article.date, article.source, article.keywords, article.readAlso]) if (m) out.add(m.line);
  for (const d of article.duplicates) out.add(d.node.line);
  return out;
}

/**
 * The pattern a line matches, or undefined. Plain patterns are compared with the whole line
 * after normalisation; only a short prefix is normalised first, since a normalised prefix of a
 * line is a prefix of the normalised line, so a long paragraph is rejected without normalising it.
 */
export function matchBoilerplate(line: string, patterns: readonly BoilerplatePattern[]): BoilerplatePattern | undefined {
  const leads = leadsOf(patterns);
  // What the normalised line starts with: when no plain pattern starts so, only regexes are left.
  const lead = leads.size > 0 ? leadCode(line) : -1;
  const plain = lead === -2 || leads.has(lead);
  let probe: string | undefined;
  let full: string | undefined;
  for (const p of patterns) {
    if (p.kind === 'regex') {
      p.regex.lastIndex = 0;
      if (p.regex.test(line)) return p;
      continue;
    }
    if (!plain || !p.normalized) continue;
    if (line.length <= PROBE) {
      full ??= normalizeArabic(line);
      if (full === p.normalized) return p;
      continue;
    }
    probe ??= normalizeArabic(line.slice(0, PROBE));
    if (!p.normalized.startsWith(probe)) continue;
    full ??= normalizeArabic(line);
    if (full === p.normalized) return p;
  }
  return undefined;
}

const leadCache = new WeakMap<readonly BoilerplatePattern[], Set<number>>();

/** The first code units of the normalised plain patterns. */
function leadsOf(patterns: readonly BoilerplatePattern[]): Set<number> {
  let leads = leadCache.get(patterns);
  if (!leads) {
    leads = new Set();
    for (const p of patterns) if (p.kind === 'text' && p.normalized) leads.add(p.normalized.charCodeAt(0));
    leadCache.set(patterns, leads);
  }
  return leads;
}

/**
 * The first code unit of a line's normalised form, found by normalising its characters one at
 * a time until one survives (white space, harakat, tatweel and invisible characters do not);
 * -1 for a blank line, -2 when the line starts with more than a few such characters (unsure).
 */
function leadCode(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (i >= 16) return -2;
    const n = normalizeArabic(line[i]!);
    if (n) return n.charCodeAt(0);
  }
  return -1;
}

/** AN207: a known scraping-noise line. */
export const boilerplate: Rule = {
  id: 'AN207',
  name: 'boilerplate',
  defaultSeverity: 'info',
  tags: ['content', 'noise'],
  summary: 'A line is known scraping noise (an app banner, a "follow us" line), not part of the article.',
  fixable: true,
  docs: {
    description:
      'Scraped pages carry lines that belong to the site, not to the article: the sample corpus has `تابع أحدث الأخبار عبر تطبيق` ("follow the latest news on the app") after the date line of many files. The rule reports every line, anywhere in the file, that matches the corpus\'s `boilerplate` list: a plain entry matches a whole line compared after normalisation (hamza forms, harakat, tatweel and spacing do not matter), an entry written `/…/flags` is a regular expression tested against the line. The list replaces the default one (the app line) when a configuration sets it. Marker lines (date, source, keywords, read-also) are never reported. Noise lines skew word counts, keyword statistics and language models trained on the corpus.',
    bad: 'تاريخ النشر: 12th, June 2024 GMT\nتابع أحدث الأخبار عبر تطبيق\nأرسل الزعيم الكوري الشمالي رسالة إلى الرئيس الروسي.',
    good: 'تاريخ النشر: 12th, June 2024 GMT\nأرسل الزعيم الكوري الشمالي رسالة إلى الرئيس الروسي.',
    fix: 'Deletes the line.',
  },
  check({ article, boilerplate: patterns }, report) {
    if (patterns.length === 0) return;
    const markers = markerLines(article);
    for (const line of article.lines) {
      if (markers.has(line.index)) continue;
      const start = line.index === 0 && article.bom ? 1 : 0;
      const t = start ? line.text.slice(start) : line.text;
      if (!t.trim()) continue;
      const p = matchBoilerplate(t, patterns);
      if (!p) continue;
      const shown = excerpt(t);
      const which = p.kind === 'regex' ? { en: `it matches the boilerplate pattern ${p.source}`, ar: `يطابق نمط الحشو ${p.source}` } : { en: 'it is on the boilerplate list', ar: 'مدرج في قائمة الحشو' };
      report({
        range: lineRange(line.index, start, line.text.length),
        message: text(
          `Scraping noise: "${shown}" is not part of the article (${which.en}). Delete the line.`,
          `حشو من الموقع: «${shown}» ليس من نص الخبر (${which.ar}). احذف السطر.`,
        ),
        fixes: [{ title: text('Delete the boilerplate line', 'احذف سطر الحشو'), edits: [deleteLineEdit(article.lines, line.index)], safe: true, preferred: true }],
      });
    }
  },
};

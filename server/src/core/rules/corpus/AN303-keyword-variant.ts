import type { Rule } from '../rule';
import { text } from '../messages';
import { normalizeArabic } from '../../arabic';
import { mostFrequent } from './names';

/** AN303: a keyword spelled differently from its most frequent spelling in the corpus. */
export const keywordVariant: Rule = {
  id: 'AN303',
  name: 'keyword-variant',
  defaultSeverity: 'info',
  tags: ['corpus', 'keywords'],
  summary: 'A keyword is spelled differently from its most frequent spelling in the corpus.',
  fixable: true,
  docs: {
    description:
      'Keyword statistics and keyword search count spellings separately: `اسرائيل` and `إسرائيل`, `الأمم المتحده` and `الأمم المتحدة`, `بيونج يانج` and `بيونجيانج` are one keyword to a reader and three to a script. The rule groups the corpus\'s keywords by their normalised letters (hamza and alef forms, ى/ي, ة/ه, harakat, tatweel, spaces) and reports a keyword whose spelling is rarer than another spelling of the same group, proposing the most frequent one. A spelling settled in the configuration (`keywords.preferredSpellings`, lines `variant → preferred`) wins over frequency. Names that outlets transliterate differently are matched too: /g/ written ج, غ, ق or ك (`بيونج يانج`, `بيونغ يانغ`), /v/ as ف or ڤ, /p/ as ب or پ; since ordinary words also differ by these letters (غرب/قرب, غاز/جاز), this applies only to multi-word keywords and to single words of five letters or more, and its fix is offered one by one, never in fix-all.',
    bad: 'كلمات دلالية: اسرائيل غزة   (while 40 articles write إسرائيل)',
    good: 'كلمات دلالية: إسرائيل غزة',
    fix: 'Replaces the keyword with the corpus\'s most frequent (or the configured) spelling. Transliteration variants are fixed one by one (not in fix-all).',
  },
  check({ article, corpus }, report) {
    if (!corpus || !article.keywords) return;
    for (const item of article.keywords.items) {
      const preferred = corpus.preferredSpellings?.get(normalizeArabic(item.text));
      let target: string | undefined;
      let why: { en: string; ar: string };
      if (preferred !== undefined) {
        if (preferred === item.text) continue;
        target = preferred;
        why = { en: 'the spelling settled in keywords.preferredSpellings', ar: 'الإملاء المعتمد في keywords.preferredSpellings' };
      } else {
        const spellings = corpus.keywordSpellings(item.text);
        const best = mostFrequent(spellings);
        const own = spellings.get(item.text) ?? 0;
        if (best && best[0] !== item.text && best[1] > own) {
          target = best[0];
          why = { en: `used in ${best[1]} articles, against ${own} for this spelling`, ar: `مستخدم في ${best[1]} خبرًا مقابل ${own} لهذا الإملاء` };
        } else {
          // Outlets transliterate foreign names differently (بيونج/بيونغ): a separate, more careful check.
          const variants = corpus.keywordTransliterations(item.text);
          const bestT = mostFrequent(variants);
          const ownT = variants.get(item.text) ?? 0;
          if (!bestT || bestT[0] === item.text || bestT[1] <= ownT) continue;
          report({
            range: item.range,
            message: text(
              `The name "${item.text}" is transliterated "${bestT[0]}" in ${bestT[1]} articles of the corpus (against ${ownT} for this spelling). Check that it is the same name, then use one spelling.`,
              `الاسم «${item.text}» منقول بالإملاء «${bestT[0]}» في ${bestT[1]} خبرًا من المدونة (مقابل ${ownT} لهذا الإملاء). تحقق من أنه الاسم نفسه، ثم وحّد الإملاء.`,
            ),
            // A transliteration choice is a judgement: offered one by one, never in fix-all.
            fixes: [{ title: text(`Write "${bestT[0]}"`, `اكتب «${bestT[0]}»`), edits: [{ range: item.range, newText: bestT[0] }], safe: false, preferred: true }],
          });
          continue;
        }
      }
      report({
        range: item.range,
        message: text(`The keyword "${item.text}" is written "${target}" elsewhere in the corpus (${why.en}). Use one spelling so that the keyword is counted once.`, `الكلمة الدلالية «${item.text}» مكتوبة «${target}» في بقية المدونة (${why.ar}). وحّد الإملاء لتُحصى الكلمة مرة واحدة.`),
        fixes: [{ title: text(`Write "${target}"`, `اكتب «${target}»`), edits: [{ range: item.range, newText: target }], safe: true, preferred: true }],
      });
    }
  },
};

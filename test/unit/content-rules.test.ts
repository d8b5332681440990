/**
 * Helper logic of the content rules (AN205–AN215) that the fixtures do not show well: quote
 * matching, the tatweel legitimacy table, letterform mapping, presentation forms and their
 * UTF-16 ranges, and speed on 1 MB lines (including pathological ones).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analysis';
import { parseArticle } from '../../server/src/core/parse/article';
import { CONTENT_RULES } from '../../server/src/core/rules/content/index';
import { DEFAULT_CONFIG, compileBoilerplate, resolveConfig } from '../../server/src/core/config';
import type { BoilerplatePattern } from '../../server/src/core/rules/rule';
import { applyEdits } from '../../server/src/core/text/edits';
import { describeUnmatched, findUnmatched } from '../../server/src/core/rules/content/AN205-unbalanced-quotes';
import { matchBoilerplate } from '../../server/src/core/rules/content/AN207-boilerplate';
import { findLatinPunctuation } from '../../server/src/core/rules/content/AN208-latin-punctuation';
import { countDigitStyles } from '../../server/src/core/rules/content/AN209-mixed-digits';
import { classifyTatweel, cleanedWord, findDecorativeTatweel } from '../../server/src/core/rules/content/AN210-tatweel';
import { findLetterforms, orderEvidence, presentationReplacement, yehReplacement } from '../../server/src/core/rules/content/AN212-letterforms';
import { findReplacementChars } from '../../server/src/core/rules/content/AN213-replacement-char';
import { countWords, minWordsOption } from '../../server/src/core/rules/content/AN214-body-too-short';
import { mostlyLatin } from '../../server/src/core/rules/content/AN215-non-arabic-text';
import { letterCount, normalizeParagraph } from '../../server/src/core/rules/content/shared';
import { normalizeArabic } from '../../server/src/core/arabic';

const HEAD = 'وزارة المالية تعلن موازنة العام المقبل';
const DATE = 'تاريخ النشر: 3rd, October 2024 GMT';
const TAIL = 'المصدر: وكالة الأنباء الرسمية\nكلمات دلالية: وزارة المالية الموازنة العامة';
const article = (...body: string[]): string => [HEAD, DATE, ...body, TAIL].join('\n');

/** The unmatched marks of a text, as `index:mark:kind`. */
const unmatched = (t: string): string[] => findUnmatched(t).map((u) => `${u.index}:${u.mark}:${u.kind}`);

describe('AN205 quote and bracket matching', () => {
  const balanced = [
    'قال إن «الحكومة (التي تشكلت في مارس) ماضية في خطتها، وإن "العجز سينخفض" قريبا».',
    'تباهى فيها بـ"علاقات لا تقهر" مع موسكو.',
    'نقلت صحيفة "فيدوموستي" الروسية أن بوتين يزور كوريا الشمالية.',
    'وقال لـ"الأهرام" و"الشروق" إن الأرقام مشجعة.',
    'ووصف الوضع بأنه "كارثي"و"مأساوي".',
    'وجاء في البيان: “نحن ملتزمون بتعهداتنا”.',
    'وقال خبير إن ”الأرقام مشجعة”، مضيفا أن التضخم مرتفع.',
    '1) خفض العجز إلى أقل من 4 في المئة.',
    'أ) خفض العجز.',
    'حدد البيان أولويات [وفق الترتيب الرسمي] للحكومة.',
    'قال: " نعم " ثم غادر.',
    'نص بلا علامات.',
    '',
  ];
  for (const t of balanced) test(`balanced: ${t || '(empty)'}`, () => assert.deepEqual(unmatched(t), []));

  test('an unclosed straight quote is reported where it opens', () => {
    assert.deepEqual(unmatched('قال إن "الحكومة ماضية في خطتها.'), ['7:":open']);
  });
  test('a closing straight quote without an opener is reported as closing', () => {
    assert.deepEqual(unmatched('الحكومة ماضية في خطتها" كما قال.'), ['22:":close']);
  });
  test('two openers in a row: the first lacks its closer', () => {
    const t = 'قال إن الحكومة "لن تتراجع، وأضاف أن "العجز سينخفض" قريبا.';
    assert.deepEqual(unmatched(t), [`${t.indexOf('"')}:":open`]);
  });
  test('guillemets, parentheses and brackets nest; crossed pairs report the inner opener', () => {
    assert.deepEqual(unmatched('«قال (نعم» ثم غادر'), ['5:(:open']);
    assert.deepEqual(unmatched('(نص ]'), ['0:(:open', '4:]:close']);
    assert.deepEqual(unmatched('نص) ثم (آخر'), ['2:):reversed']);
  });
  test('reversed guillemets are one finding at the closer', () => {
    const t = 'قال إن »الوقاية خير من العلاج« للمواطنين.';
    const u = findUnmatched(t);
    assert.equal(u.length, 1);
    assert.equal(u[0]!.kind, 'reversed');
    assert.equal(u[0]!.index, t.indexOf('»'));
    assert.equal(u[0]!.partner, t.indexOf('«'));
  });
  test('a list label is not an unopened parenthesis, a late one is', () => {
    assert.deepEqual(unmatched('  12) بند'), []);
    assert.deepEqual(unmatched('البند 12) الثاني'), ['8:):close']);
  });
  test('messages name the mark and the partner in both languages', () => {
    const [u] = findUnmatched('قال إن «الحكومة ماضية.');
    const m = describeUnmatched(u!);
    assert.match(m.en, /«.*»/);
    assert.match(m.ar, /«.*»/);
  });
});

describe('AN207 boilerplate matching', () => {
  const patterns = ['تابع أحدث الأخبار عبر تطبيق', '/^للمزيد:?\\s/'].map((e) => compileBoilerplate(e) as BoilerplatePattern);
  test('plain entries match whole lines after normalisation', () => {
    assert.ok(matchBoilerplate('تابع أحدث الأخبار عبر تطبيق', patterns));
    assert.ok(matchBoilerplate('  تابع احدث الأخبارِ عبر  تطبيق ', patterns));
    assert.equal(matchBoilerplate('تابع أحدث الأخبار عبر تطبيق الوزارة', patterns), undefined);
  });
  test('regular expressions are tested against the line', () => {
    assert.ok(matchBoilerplate('للمزيد: تابعونا على تويتر', patterns));
    assert.equal(matchBoilerplate('وقال للمزيد من التفاصيل', patterns), undefined);
  });
  test('a long line is rejected from its prefix, and a long pattern still matches', () => {
    const long = 'كلمة '.repeat(50_000);
    assert.equal(matchBoilerplate(long, patterns), undefined);
    const p = compileBoilerplate('وبهذه المناسبة ندعوكم إلى متابعة صفحاتنا على مواقع التواصل الاجتماعي للاطلاع على آخر المستجدات') as BoilerplatePattern;
    assert.ok(matchBoilerplate('وبهذه المناسبة ندعوكم إلى متابعة صفحاتنا على مواقع التواصل الاجتماعي للاطلاع على آخر المستجدات', [p]));
  });
});

describe('AN208 Latin punctuation', () => {
  const marks = (t: string): string[] => findLatinPunctuation(t).map((m) => `${m.index}:${m.text}>${m.replacement}`);
  test('between Arabic words', () => {
    assert.deepEqual(marks('قال الوزير, في مؤتمر; إن'), ['10:,>،', '20:;>؛']);
    assert.deepEqual(marks('قال الوزير ,في مؤتمر'), ['11:,>،']);
    assert.deepEqual(marks('بلغ العدد, 20 شخصا'), ['9:,>،']);
    assert.deepEqual(marks('قال "نعم", ثم غادر'), ['9:,>،']);
  });
  test('a question mark ends an Arabic sentence, with what follows it', () => {
    assert.deepEqual(marks('هل تنجح الخطة?'), ['13:?>؟']);
    assert.deepEqual(marks('هل تنجح الخطة?!'), ['13:?!>؟!']);
    assert.deepEqual(marks('وتساءل: "إلى متى?"'), ['16:?>؟']);
  });
  test('not in numbers, Latin text or URLs', () => {
    assert.deepEqual(marks('بلغت 1,500,000 دولار'), []);
    assert.deepEqual(marks('وكالتا Reuters, AFP'), []);
    assert.deepEqual(marks('سأل: What next? فأجاب'), []);
    assert.deepEqual(marks('الرابط news/اخبار?id=5'), []);
    assert.deepEqual(marks('القاهرة, Cairo'), []);
  });
});

describe('AN209 digit styles', () => {
  test('numbers are counted per style, grouped with their separators', () => {
    const s = countDigitStyles([{ text: 'بلغ ١٢٫٥ في المئة و1,500 دولار و۳ أيام و2024', line: 3, start: 0 }]);
    assert.equal(s.get('arabic')?.count, 1);
    assert.equal(s.get('western')?.count, 2);
    assert.equal(s.get('persian')?.count, 1);
    assert.deepEqual(s.get('arabic')?.first, { start: { line: 3, character: 4 }, end: { line: 3, character: 8 } });
  });
  test('the date line does not count', () => {
    const t = [HEAD, 'تاريخ النشر: ١٢ يونيو ٢٠٢٤', 'ارتفعت الإيرادات بنسبة 12 في المئة.', TAIL].join('\n');
    assert.equal(analyze(t, DEFAULT_CONFIG).diagnostics.some((d) => d.ruleId === 'AN209'), false);
  });
});

describe('AN210 tatweel legitimacy', () => {
  /** The use of the first tatweel run of a text. */
  const use = (t: string): string => {
    const a = t.indexOf('\u0640');
    let b = a;
    while (t.charCodeAt(b) === 0x0640) b++;
    return classifyTatweel(t, a, b);
  };
  const table: [string, string][] = [
    ['الخـــبر', 'decoration'],
    ['جـديد', 'decoration'],
    ['بـعلاقات', 'decoration'],
    ['الخبـ ثم', 'decoration'],
    ['وـزير', 'decoration'],
    ['تباهى بـ"علاقات', 'proclitic'],
    ['لـ«الأهرام»', 'proclitic'],
    ['بـ 5 ملايين', 'proclitic'],
    ['الـ20 عاما', 'proclitic'],
    ['والـBBC', 'proclitic'],
    ['فلـ"الشعب', 'proclitic'],
    ['وبالـ"عدالة', 'proclitic'],
    ['للـ(قرار)', 'proclitic'],
    ['عام 1445 هـ', 'abbreviation'],
    ['1445هـ/2024م', 'abbreviation'],
    ['عام 2024 مـ.', 'abbreviation'],
    ['القاهرة ـ رويترز', 'standalone'],
    ['ـــــــ', 'standalone'],
    ['الضمير ـه', 'word-initial'],
  ];
  for (const [t, expected] of table) test(`${t} → ${expected}`, () => assert.equal(use(t), expected));

  test('harakat on the tatweel are kept, on the letter before', () => {
    const t = 'جـَديد';
    const [w] = findDecorativeTatweel(t);
    assert.equal(cleanedWord(t, w!), 'جَديد');
  });
  test('a word with two runs and a legitimate one elsewhere', () => {
    const t = 'عـــاجـل: قال لـ"الأهرام" إن';
    const words = findDecorativeTatweel(t);
    assert.deepEqual(
      words.map((w) => [w.word, cleanedWord(t, w), w.runs]),
      [['عـــاجـل', 'عاجل', [1, 4, 6, 7]]],
    );
  });
  test('the same word twice on a line is one finding, fixed in both places', () => {
    const t = article('أطلقت الحكومة برنامجا جـديدا للتصدير ومشروعا جـديدا للطاقة.');
    const { article: a, diagnostics } = analyze(t, DEFAULT_CONFIG);
    const ds = diagnostics.filter((d) => d.ruleId === 'AN210');
    assert.equal(ds.length, 1);
    const fixed = applyEdits(t, a.lines, ds[0]!.fixes[0]!.edits);
    assert.equal(fixed, article('أطلقت الحكومة برنامجا جديدا للتصدير ومشروعا جديدا للطاقة.'));
  });
  test('a marker spelled with tatweel is left to AN110', () => {
    const t = [HEAD, DATE, 'فقرة من المتن.', 'المصـدر: وكالة الأنباء', 'كلمات دلالية: المالية'].join('\n');
    const ids = analyze(t, DEFAULT_CONFIG).diagnostics.map((d) => d.ruleId);
    assert.ok(ids.includes('AN110'));
    assert.ok(!ids.includes('AN210'));
  });
});

describe('AN212 letterforms', () => {
  test('Persian yeh: ي before a letter, ى at the end of a word (where it is dotless)', () => {
    assert.equal(yehReplacement('وزیر', 2), '\u064A');
    assert.equal(yehReplacement('فی القمة', 1), '\u0649');
    assert.equal(yehReplacement('علیً', 2), '\u0649');
    assert.equal(yehReplacement('یـ', 0), '\u064A');
  });
  test('Persian letters are listed with their replacements', () => {
    const f = findLetterforms('وزیر الخارجیة ستشارک فی');
    assert.deepEqual(
      f.persian.map((p) => `${p.index}:${p.to}:${p.final}`),
      ['2:\u064A:false', '11:\u064A:false', '19:\u0643:false', '22:\u0649:true'],
    );
  });
  test('presentation forms map to their NFKC letters, with cleaned-up marks', () => {
    const cases: [number, string | undefined][] = [
      [0xfef5, 'لآ'],
      [0xfefb, 'لا'],
      [0xfdf2, 'الله'],
      [0xfdfa, 'صلى الله عليه وسلم'],
      [0xfe8d, 'ا'],
      [0xfe70, '\u064B'], // fathatan isolated form: NFKC gives a space before the mark
      [0xfe71, '\u064B'], // tatweel with fathatan: NFKC gives a tatweel before the mark
      [0xfc5e, '\u064C\u0651'],
      [0xfbfc, '\u0649'], // farsi yeh isolated
      [0xfbfe, '\u064A'], // farsi yeh initial
      [0xfb8e, '\u0643'], // keheh isolated
      [0xfdfc, 'ريال'], // rial sign: ریال with Persian yeh
      [0xfd3e, undefined], // ornate parenthesis: no decomposition
      [0xfdfd, undefined], // bismillah ligature: no decomposition
      [0xfeff, undefined], // the BOM is another rule's
      [0xfdd0, undefined], // noncharacter
    ];
    for (const [c, expected] of cases) assert.equal(presentationReplacement(c), expected, c.toString(16));
  });
  test('a word in presentation forms becomes its letters', () => {
    const f = findLetterforms('ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ');
    assert.deepEqual(f.presentation, [
      { index: 0, length: 5, to: 'السلام' },
      { index: 6, length: 5, to: 'عليكم' },
    ]);
    assert.equal(f.reversed, false);
  });
  test('text in visual order is recognised as reversed', () => {
    const logical = 'ﺃﻋﻠﻨﺖ ﺍﻟﺤﻜﻮﻣﺔ ﺧﻄﺔ ﺟﺪﻳﺪﺓ';
    assert.equal(findLetterforms(logical).reversed, false);
    assert.equal(findLetterforms([...logical].reverse().join('')).reversed, true);
    assert.equal(orderEvidence('ini', 'med'), 1);
    assert.equal(orderEvidence('med', 'ini'), -1);
    assert.equal(orderEvidence('med', 'med'), 0);
  });
  test('ranges are UTF-16 offsets when astral characters come first', () => {
    const line = '🇪🇬 𝐀 قال ﷲ أكبر وﻻ';
    const t = article(line);
    const { article: a, diagnostics } = analyze(t, DEFAULT_CONFIG);
    const d = diagnostics.find((x) => x.ruleId === 'AN212')!;
    assert.ok(d, 'AN212 reported');
    const first = line.indexOf('ﷲ');
    assert.equal(first, 12); // 🇪🇬 is 4 code units, 𝐀 is 2
    assert.deepEqual(d.range, { start: { line: 2, character: first }, end: { line: 2, character: line.indexOf('ﻻ') + 1 } });
    const fixed = applyEdits(t, a.lines, d.fixes[0]!.edits);
    assert.equal(fixed, article('🇪🇬 𝐀 قال الله أكبر ولا'));
  });
  test('the alternative fix writes ي at the ends of words', () => {
    const t = article('وقال وزیر الخارجیة إن بلاده ستشارک فی القمة.');
    const { article: a, diagnostics } = analyze(t, DEFAULT_CONFIG);
    const d = diagnostics.find((x) => x.ruleId === 'AN212')!;
    assert.equal(d.fixes.length, 2);
    assert.equal(d.fixes[0]!.safe && d.fixes[0]!.format, true);
    assert.equal(d.fixes[1]!.safe, false);
    assert.equal(applyEdits(t, a.lines, d.fixes[0]!.edits), article('وقال وزير الخارجية إن بلاده ستشارك فى القمة.'));
    assert.equal(applyEdits(t, a.lines, d.fixes[1]!.edits), article('وقال وزير الخارجية إن بلاده ستشارك في القمة.'));
  });
});

describe('AN213 replacement characters', () => {
  const R = '\uFFFD';
  test('causes', () => {
    assert.equal(findReplacementChars(`${R.repeat(4)} ${R.repeat(6)} ${R.repeat(3)}.`)?.cause, 'legacy-encoding');
    assert.equal(findReplacementChars(`قال الوزير إن ${R.repeat(4)} ${R.repeat(5)} ستنخفض خلال العام.`)?.cause, 'legacy-words');
    assert.equal(findReplacementChars(`وقال وزير المال${R}ة إن`)?.cause, 'inside-words');
    assert.equal(findReplacementChars(`خلال العام المقب${R}`)?.cause, 'truncated');
    assert.equal(findReplacementChars('وقال ???? إن'), undefined);
  });
  test('runs and count', () => {
    const r = findReplacementChars(`ا${R}${R}ب ${R}`)!;
    assert.deepEqual(r.runs, [{ index: 1, length: 2 }, { index: 5, length: 1 }]);
    assert.equal(r.count, 3);
  });
});

describe('AN214 and AN215 counting', () => {
  test('words hold a letter or a digit', () => {
    assert.equal(countWords('فاز الأهلي - على الزمالك .. 2-0 ، اليوم'), 6);
    assert.equal(countWords(''), 0);
  });
  test('minWords option', () => {
    assert.equal(minWordsOption({}), 30);
    assert.equal(minWordsOption({ minWords: 50 }), 50);
    assert.equal(minWordsOption({ minWords: 'x' }), 30);
    assert.equal(minWordsOption({ minWords: -1 }), 30);
  });
  test('the option reaches the rule', () => {
    const t = article('فاز الأهلي على الزمالك بهدفين نظيفين في قمة الدوري.');
    const on = (o: Record<string, unknown>): boolean => analyze(t, resolveConfig({ rules: { AN214: { severity: 'warning', options: o } } })).diagnostics.some((d) => d.ruleId === 'AN214');
    assert.equal(on({ minWords: 5 }), false);
    assert.equal(on({ minWords: 10 }), true);
  });
  test('mostly Latin needs at least 20 Latin letters and more Latin than Arabic', () => {
    assert.equal(mostlyLatin('Breaking News'), undefined);
    assert.equal(mostlyLatin('وقالت شركة Apple إن هاتف iPhone 16 Pro سيطرح الشهر المقبل بحسب TechCrunch'), undefined);
    assert.deepEqual(mostlyLatin('Click here to subscribe to our newsletter'), { latin: 35, arabic: 0 });
  });
});

describe('shared comparison helpers', () => {
  test('letter counts survive normalisation', () => {
    for (const t of ['أعلنت الوزارةُ ١٢ قرارًا', 'الخـــبر  العاجل', 'ABC abc 123']) {
      assert.equal(letterCount(t), letterCount(normalizeArabic(t)), t);
    }
  });
  test('paragraph comparison ignores final punctuation', () => {
    assert.equal(normalizeParagraph('الأهلي يتوج باللقب.'), normalizeParagraph('الأهلي يتوج باللقب'));
    assert.equal(normalizeParagraph('...'), '');
  });
});

describe('speed on 1 MB lines, including pathological ones', () => {
  const config = resolveConfig({ rules: { AN208: 'warning', AN214: 'warning' } });
  const MB = 1_000_000;
  const cases: [string, string][] = [
    ['Arabic words', 'كلمة '.repeat(MB / 5)],
    ['Arabic with marks, tatweel and quotes', 'قالَ الـخـبر "نعم" «لا» (ربما) بـ"علاقات, '.repeat(MB / 40)],
    ['straight quotes', '"'.repeat(MB)],
    ['closers without openers', '»)]'.repeat(MB / 3)],
    ['openers then other closers', '('.repeat(MB / 2) + ']'.repeat(MB / 2)],
    ['tatweel', 'ـ'.repeat(MB)],
    ['stretched words', 'بـ'.repeat(MB / 2)],
    ['dots then a letter', '.'.repeat(MB) + 'ب'],
    ['Latin punctuation', 'ب, '.repeat(MB / 3)],
    ['question marks and dots', 'ب?.....'.repeat(MB / 7)],
    ['replacement characters', '\uFFFD\uFFFD ب'.repeat(MB / 4)],
    ['presentation forms', 'ﺍﻟﺴﻼﻡ '.repeat(MB / 6)],
    ['Persian letters', 'فی کی '.repeat(MB / 6)],
    ['digits of three styles', '12 ١٢ ۱۲ '.repeat(MB / 9)],
    ['Latin', 'word '.repeat(MB / 5)],
  ];
  for (const [label, line] of cases) {
    test(label, () => {
      // As the headline, as a body paragraph repeated in part, and as the last paragraph.
      for (const t of [line, article(line, line.slice(0, 1000)), article('فقرة.', 'فقرة.', line)]) {
        const a = parseArticle(t, { markers: config.markers });
        for (const rule of CONTENT_RULES) {
          const context = { article: a, markers: config.markers, options: config.ruleOptions.get(rule.id) ?? {}, optionalSections: config.optionalSections, boilerplate: config.boilerplate, dates: config.dates };
          const t0 = performance.now();
          let findings = 0;
          rule.check(context, () => findings++);
          const ms = performance.now() - t0;
          // Generous, for a shared machine: a quadratic pass over 1 MB takes minutes, a linear one milliseconds.
          assert.ok(ms < 2000, `${rule.id} on ${label}: ${ms.toFixed(1)} ms`);
          assert.ok(findings <= 200, `${rule.id} on ${label}: ${findings} findings`);
        }
      }
    });
  }
});

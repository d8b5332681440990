/** Seeded synthetic articles for benchmarks (and stress tests): realistic shape, reproducible. */

/** A small, fast, seeded pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'أعلن قال أكد أشار أوضح الرئيس الوزير الحكومة البرلمان المجلس الوطني الاقتصاد السوق الأسعار النفط الغاز الطاقة ' +
  'التعليم الصحة المستشفى الجامعة الطلاب المدارس المدينة العاصمة القاهرة الرياض بيروت دمشق بغداد عمان الرباط تونس ' +
  'الجزائر الخرطوم صنعاء الدوحة أبوظبي الكويت مسقط المنامة الاجتماع المؤتمر القمة الاتفاقية الشراكة التعاون التنمية ' +
  'المشروع الاستثمار البنك المركزي الفائدة التضخم النمو العجز الموازنة الإيرادات الضرائب الصادرات الواردات التجارة ' +
  'المنتخب المباراة الدوري الكأس البطولة اللاعب المدرب الفريق الجماهير الملعب الهدف الفوز الخسارة التعادل الموسم ' +
  'الأمم المتحدة الاتحاد الأوروبي الولايات المتحدة روسيا الصين إيران تركيا إسرائيل فلسطين غزة لبنان سوريا العراق ' +
  'اليوم أمس غدا الأسبوع الشهر العام في من على إلى عن مع أن بعد قبل خلال حيث منذ بين'
).split(' ');

const KEYWORDS = [
  'الأمم المتحدة', 'الاتحاد الأوروبي', 'الولايات المتحدة', 'البنك المركزي', 'أسعار النفط', 'وزارة المالية', 'كأس العالم',
  'دوري أبطال أفريقيا', 'الشرق الأوسط', 'المملكة العربية السعودية', 'بيونج يانج', 'كيم جونج أون', 'فلاديمير بوتين',
  'موسكو', 'القاهرة', 'الرياض', 'غزة', 'إسرائيل', 'إيران', 'تركيا', 'الصين', 'التضخم', 'الموازنة العامة', 'الاستثمار',
];
const SOURCES = ['البوابة نيوز', 'بوابة الأهرام', 'وكالة الأنباء الرسمية', 'صحيفة الرياض', 'سكاي نيوز عربية', 'الجزيرة نت', 'العربية نت', 'المصري اليوم'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const suffix = (d: number): string => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  return out.join(' ');
}

/** One article of about `bytes` UTF-8 bytes; `extraKeywords` adds rarer keywords for a larger vocabulary. */
export function syntheticArticle(seed: number, bytes = 3000, extraKeywords = 0): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = 1 + Math.floor(r() * 28);
  const lines = [sentence(r, 8 + Math.floor(r() * 6)), `تاريخ النشر: ${day}${suffix(day)}, ${pick(MONTHS)} ${2015 + Math.floor(r() * 10)} GMT`];
  if (r() < 0.5) lines.push('تابع أحدث الأخبار عبر تطبيق');
  const keywords = new Set<string>();
  for (let i = 0; i < 3 + Math.floor(r() * 4); i++) keywords.add(pick(KEYWORDS));
  for (let i = 0; i < extraKeywords; i++) keywords.add(`${pick(WORDS)} ${Math.floor(r() * 5000)}`);
  let size = 0;
  while (size < bytes * 0.55) {
    let p = sentence(r, 20 + Math.floor(r() * 40));
    if (r() < 0.3) p += ' ' + pick([...keywords]);
    p += '.';
    lines.push(p);
    size += p.length * 1.8;
  }
  lines.push(`المصدر: ${pick(SOURCES)}`);
  lines.push(`كلمات دلالية: ${[...keywords].join(' ')}`);
  if (r() < 0.5) {
    lines.push('إقرأ أيضاً:');
    lines.push(sentence(r, 10) + ' .. شاهد');
    for (let i = 0; i < 3; i++) lines.push(sentence(r, 30) + '.');
  }
  return lines.join('\n');
}

/**
 * One huge article of at least `bytes` bytes of UTF-8: a headline, a date line, paragraphs made
 * of synthetic articles' body lines, a source and a two-keyword line. `keywordsLine` is its line.
 * The 10 MB article of `npm run bench` and of the hostile-input tests.
 */
export function hugeArticle(bytes: number): { text: string; paragraphs: number; keywordsLine: number } {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = syntheticArticle(i, 3000).split('\n').filter((l) => l.endsWith('.')).join(' ');
    paragraphs.push(p);
    size += Buffer.byteLength(p) + 1;
  }
  const text = `عنوان خبر طويل جدا\nتاريخ النشر: 1st, May 2024 GMT\n${paragraphs.join('\n')}\nالمصدر: وكالة\nكلمات دلالية: موسكو القاهرة`;
  return { text, paragraphs: paragraphs.length, keywordsLine: paragraphs.length + 3 };
}

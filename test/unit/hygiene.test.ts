/**
 * The detection helpers of the hygiene rules (AN112, AN201–AN204): mojibake round trips in both
 * code pages, no false alarms on real Arabic and accented Latin text, exact UTF-16 ranges after
 * astral characters, and linear time on a 1 MB line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze } from '../../server/src/core/analysis';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { applyEdits } from '../../server/src/core/text/edits';
import { WINDOWS_1252, WINDOWS_1252_HIGH, WINDOWS_1256, WINDOWS_1256_HIGH, decodeCodePage, encodeCodePage } from '../../server/src/core/text/codepages';
import { findMojibake, isMostlyArabic, repairMojibake } from '../../server/src/core/rules/hygiene/mojibake';
import { invisibleRuns, isEmojiJoiner } from '../../server/src/core/rules/hygiene/invisible';
import { findHtmlLeftovers } from '../../server/src/core/rules/hygiene/html';
import { parseArticle } from '../../server/src/core/parse/article';
import { whitespace } from '../../server/src/core/rules/hygiene/AN204-whitespace';
import { listFiles, samplesDir } from '../support/fixtures';

/** Real news sentences (from the sample and the fixtures' style), with hamza, tanween, ta marbuta, Arabic punctuation. */
const SENTENCES = [
  'أعرب الزعيم الكوري الشمالي كيم جونج أون، اليوم الأربعاء، عن دعمه الكامل لروسيا',
  'وقال بوتين إن اتفاقية الشراكة الشاملة بين روسيا وإيران تهدف إلى تهيئة الظروف للتنمية المستدامة',
  'ظلّ الطقس غائمًا فوق العاصمة، وطالب المحافظ بضبط حركة المرور؟',
  'إقرأ أيضاً: «الحفاظ على النظام» – فيديو',
  'من',
  'بلغت نسبة التضخم 3.5 في المئة خلال شهر أكتوبر 2024',
];

const mojibake1252 = (s: string): string => decodeCodePage(new Uint8Array(Buffer.from(s, 'utf8')), WINDOWS_1252);
const mojibake1256 = (s: string): string => decodeCodePage(new Uint8Array(Buffer.from(s, 'utf8')), WINDOWS_1256);

/** Replaces every found run with its repair. */
function repairLine(line: string): string {
  let out = '';
  let at = 0;
  for (const r of findMojibake(line)) {
    out += line.slice(at, r.start) + r.repaired;
    at = r.end;
  }
  return out + line.slice(at);
}

describe('code page tables', () => {
  test('Windows-1256 matches the platform decoder byte for byte', () => {
    const dec = new TextDecoder('windows-1256');
    for (let b = 0; b < 256; b++) assert.equal(decodeCodePage(Uint8Array.of(b), WINDOWS_1256), dec.decode(Uint8Array.of(b)), `byte 0x${b.toString(16)}`);
  });
  test('Windows-1252 has the WHATWG mapping (€ at 0x80, C1 controls at the five undefined bytes)', () => {
    assert.equal(WINDOWS_1252_HIGH.length, 128);
    assert.equal(WINDOWS_1256_HIGH.length, 128);
    assert.equal(WINDOWS_1252.decode(0x80), '€');
    assert.equal(WINDOWS_1252.decode(0x81), '\u0081');
    assert.equal(WINDOWS_1252.decode(0x9f), 'Ÿ');
    assert.equal(WINDOWS_1252.decode(0xd8), 'Ø');
    // The Latin-1 reading of 0x80–0x9F maps back too.
    assert.equal(WINDOWS_1252.encode(0x84), 0x84);
    assert.equal(WINDOWS_1252.encode('„'.charCodeAt(0)), 0x84);
    assert.equal(WINDOWS_1252.encode('ط'.charCodeAt(0)), -1);
  });
  test('every byte round-trips through both tables', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const page of [WINDOWS_1252, WINDOWS_1256]) assert.deepEqual(encodeCodePage(decodeCodePage(all, page), page), all, page.name);
  });
});

describe('mojibake round trip', () => {
  for (const s of SENTENCES) {
    test(`Windows-1252: ${s.slice(0, 30)}`, () => {
      const bad = mojibake1252(s);
      assert.notEqual(bad, s);
      assert.equal(repairLine(bad), s);
      for (const r of findMojibake(bad)) assert.equal(r.page, WINDOWS_1252);
    });
    test(`Latin-1 reading: ${s.slice(0, 30)}`, () => {
      const bad = Buffer.from(s, 'utf8').toString('latin1');
      assert.equal(repairLine(bad), s);
    });
    test(`Windows-1256: ${s.slice(0, 30)}`, () => {
      const bad = mojibake1256(s);
      assert.notEqual(bad, s);
      assert.equal(repairLine(bad), s);
      for (const r of findMojibake(bad)) assert.equal(r.page, WINDOWS_1256);
    });
  }
  test('known limit: a Windows-1256 run needs one Latin-1 symbol or punctuation character (ظپظٹ "في" alone is not seen)', () => {
    assert.deepEqual(findMojibake(mojibake1256('في')), []);
    assert.equal(repairMojibake(mojibake1256('في'), WINDOWS_1256)?.text, 'في');
  });
  test('the typical fragments of FORMAT.md', () => {
    assert.deepEqual(findMojibake('Ø§Ù„').map((r) => r.repaired), ['ال']);
    assert.deepEqual(findMojibake('ط§ظ„').map((r) => r.repaired), ['ال']);
  });
  test('mis-decoded twice (UTF-8 → Windows-1252 → UTF-8 → Windows-1252)', () => {
    const s = SENTENCES[1]!;
    const twice = mojibake1252(mojibake1252(s));
    const runs = findMojibake(twice);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.layers, 2);
    assert.equal(repairLine(twice), s);
  });
  test('only the mis-decoded part of a mixed line, with its exact range', () => {
    const good = 'وقال المتحدث باسم الوزارة إن ';
    const bad = mojibake1252('الخطة ستنفذ');
    const line = good + bad + ' خلال العام المقبل.';
    const runs = findMojibake(line);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.start, good.length);
    assert.equal(runs[0]!.end, good.length + bad.length);
    assert.equal(runs[0]!.repaired, 'الخطة ستنفذ');
  });
  test('repairMojibake refuses text that is not UTF-8 Arabic', () => {
    assert.equal(repairMojibake('Ã©tÃ©', WINDOWS_1252), undefined); // "été": valid UTF-8, not Arabic
    assert.equal(repairMojibake('Ø', WINDOWS_1252), undefined); // a lead byte alone: invalid UTF-8
    assert.equal(isMostlyArabic('ال'), true);
    assert.equal(isMostlyArabic('é'), false);
  });
  test('a lost byte (U+FFFD where a Windows-1252 scraper dropped 0x81) is not "repaired"', () => {
    const lossy = mojibake1252('في الملف').replaceAll('\u0081', '\uFFFD');
    for (const r of findMojibake(lossy)) assert.ok(!r.repaired.includes('ف'), 'nothing invents the lost letter');
  });
});

describe('no mojibake in real text', () => {
  test('Arabic full of ط ظ ع غ next to Arabic punctuation and Persian letters', () => {
    const lines = [
      'قال محافظ العاصمة إن الحفاظ على النظام العام ضروري فقط، وإن الظروف الطارئة تتطلب ضبط النفس.',
      'هل يعقل أن نتراجع عن الخطط؟ لا يمكن ذلك قط؛ فالطلب على النقل العام يتضاعف.',
      'ضبطت الشرطة 12 مخالفة في شارع «الظاهر» — وضواحيه… ونقلت الخبر وكالة «واع».',
      'ترجمة عنوان فارسي: عکس‌های ظریف از طبیعت گیلان',
      'لفظ، حفظ، غيظ، وعظ؛ ربط… خط—خط',
    ];
    for (const l of lines) assert.deepEqual(findMojibake(l), [], l);
  });
  test('French, Danish, Czech and German with accents', () => {
    const lines = [
      'Le réseau sera modernisé à partir de l\'été prochain, déjà très attendu « à Paris ».',
      'Ørsted og Æbleø', 'Škoda Plzeň, Müller, Straße, Ça va ? Où ça ?', 'café Ã la crème',
    ];
    for (const l of lines) assert.deepEqual(findMojibake(l), [], l);
  });
  test('every line of the real samples and the clean fixtures', () => {
    for (const f of listFiles(samplesDir)) for (const l of fs.readFileSync(f, 'utf8').split('\n')) assert.deepEqual(findMojibake(l), [], l);
  });
});

describe('exact UTF-16 ranges after astral characters', () => {
  const astral = '𝐀😀🇪🇬 ';
  test('invisible characters', () => {
    const line = astral + 'وزارة\u200Bالمالية';
    const runs = invisibleRuns(line, 0);
    assert.deepEqual(runs.map((r) => [r.start, r.end]), [[astral.length + 5, astral.length + 6]]);
    assert.equal(line.slice(runs[0]!.start, runs[0]!.end), '\u200B');
  });
  test('an emoji sequence keeps its joiner', () => {
    const family = '👨\u200D👩\u200D👧';
    assert.equal(isEmojiJoiner(family, 2), true);
    assert.deepEqual(invisibleRuns('عائلة ' + family + ' سعيدة', 0), []);
    assert.deepEqual(invisibleRuns('وزا\u200Dرة', 0).length, 1);
  });
  test('mojibake, HTML and white space, through the rules', () => {
    const bad = mojibake1252('الوزير');
    const body = `${astral}وقال ${bad} إن&nbsp;العجز  سينخفض\u200F.`;
    const text = `عنوان الخبر\nتاريخ النشر: 3rd, October 2024 GMT\n${body}\nالمصدر: وكالة\nكلمات دلالية: العجز`;
    const { diagnostics } = analyze(text, DEFAULT_CONFIG);
    const at = (id: string): [number, number] => {
      const d = diagnostics.find((x) => x.ruleId === id)!;
      assert.ok(d, id);
      assert.equal(d.range.start.line, 2);
      return [d.range.start.character, d.range.end.character];
    };
    const i202 = body.indexOf(bad);
    assert.deepEqual(at('AN202'), [i202, i202 + bad.length]);
    const i203 = body.indexOf('&nbsp;');
    assert.deepEqual(at('AN203'), [i203, i203 + 6]);
    const i204 = body.indexOf('  ');
    assert.deepEqual(at('AN204'), [i204, i204 + 2]);
    const i201 = body.indexOf('\u200F');
    assert.deepEqual(at('AN201'), [i201, i201 + 1]);
  });
});

describe('fixes', () => {
  const wrap = (body: string): string => `عنوان الخبر\nتاريخ النشر: 3rd, October 2024 GMT\n${body}\nالمصدر: وكالة الأنباء\nكلمات دلالية: الوزير العجز`;
  const fixAll = (text: string, id: string): string => {
    let t = text;
    for (let round = 0; round < 5; round++) {
      const r = analyze(t, DEFAULT_CONFIG);
      const edits = r.diagnostics.filter((d) => d.ruleId === id).flatMap((d) => d.fixes[0]?.edits ?? []);
      if (!edits.length) break;
      t = applyEdits(t, r.article.lines, edits);
    }
    return t;
  };
  test('HTML: tags never join two words, no doubled spaces are left', () => {
    assert.equal(fixAll(wrap('وقال الوزير<br>إن العجز <br> سينخفض</p><p>هذا العام.'), 'AN203'), wrap('وقال الوزير إن العجز سينخفض هذا العام.'));
    assert.equal(fixAll(wrap('<p>وقال <strong>الوزير</strong> إن &quot;العجز&quot; سينخفض&nbsp;&nbsp;هذا العام.</p>'), 'AN203'), wrap('وقال الوزير إن "العجز" سينخفض هذا العام.'));
  });
  test('invisible characters: removed, a no-break space becomes a space, white space stays single', () => {
    assert.equal(fixAll(wrap('وقال \u200B الوزير\u00A0إن\u202B العجز\u202C سينخفض.\u200F'), 'AN201'), wrap('وقال الوزير إن العجز سينخفض.'));
  });
  test('white space: trimmed and collapsed', () => {
    assert.equal(fixAll(wrap(' \tوقال   الوزير\tإن العجز سينخفض.  '), 'AN204'), wrap('وقال الوزير إن العجز سينخفض.'));
  });
  test('mojibake: the quick fix restores the text and is not a safe fix', () => {
    const r = analyze(wrap('وقال ' + mojibake1256('الوزير إن العجز') + ' سينخفض.'), DEFAULT_CONFIG);
    const d = r.diagnostics.find((x) => x.ruleId === 'AN202')!;
    assert.equal(d.severity, 'error');
    assert.equal(d.fixes[0]!.safe, false);
    assert.equal(applyEdits(wrap('وقال ' + mojibake1256('الوزير إن العجز') + ' سينخفض.'), r.article.lines, d.fixes[0]!.edits), wrap('وقال الوزير إن العجز سينخفض.'));
  });
  test('bidi controls are errors, zero-width characters warnings; a user setting wins', () => {
    const t = wrap('وقال \u202Eالوزير\u202C إن\u200B العجز سينخفض.');
    const sev = analyze(t, DEFAULT_CONFIG).diagnostics.filter((d) => d.ruleId === 'AN201').map((d) => d.severity);
    assert.deepEqual(sev, ['error', 'error', 'warning']);
  });
});

describe('HTML detection', () => {
  const texts = (line: string): string[] => findHtmlLeftovers(line).map((h) => line.slice(h.start, h.end));
  test('entities and tags, not comparisons or ampersands in names', () => {
    assert.deepEqual(texts('أقل من 5 < 10 و x<y و AT&T و Q&A و a &b; و &unknown;'), []);
    assert.deepEqual(texts('قال&nbsp;&quot;نعم&quot; &#1611;&#x627; &amp;quot; &lt;br&gt; <br/> <a href="x>y">'), ['&nbsp;', '&quot;', '&quot;', '&#1611;', '&#x627;', '&amp;quot;', '&lt;br&gt;', '<br/>', '<a href="x>y">']);
    assert.deepEqual(findHtmlLeftovers('&#1611;&#x627;&#150;').map((h) => h.replacement), ['\u064B', 'ا', '–']);
  });
});

describe('a 1 MB line stays fast and linear', () => {
  const time = (fn: () => void): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  const clean = 'كلمة عربية عادية، مع ط وظ وع وغ. '.repeat(32_000);
  test('clean Arabic: every helper in a few milliseconds', () => {
    assert.ok(clean.length > 1_000_000);
    findMojibake(clean);
    const ms = time(() => {
      assert.deepEqual(findMojibake(clean), []);
      assert.deepEqual(invisibleRuns(clean, 0), []);
      assert.deepEqual(findHtmlLeftovers(clean), []);
    });
    assert.ok(ms < 100, `${ms.toFixed(1)} ms`);
  });
  test('a whole line of mojibake is found and repaired in linear time', () => {
    const s = SENTENCES[0]! + ' ';
    const bad = new TextDecoder('windows-1256').decode(Buffer.from(s.repeat(8_000), 'utf8'));
    assert.ok(bad.length > 1_000_000);
    let runs: ReturnType<typeof findMojibake> = [];
    const ms = time(() => (runs = findMojibake(bad)));
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.repaired, s.repeat(8_000).trimEnd());
    assert.ok(ms < 1000, `${ms.toFixed(1)} ms`);
  });
  test('degenerate lines: many ampersands, unterminated tags and comments, doubled spaces, invisible characters', () => {
    const lines = ['&'.repeat(1_000_000), '<a "'.repeat(250_000), '<!--'.repeat(250_000), '&lt;a &quot;'.repeat(80_000), '\u200B'.repeat(1_000_000)];
    for (const l of lines) {
      const ms = time(() => {
        findHtmlLeftovers(l);
        invisibleRuns(l, 0);
        findMojibake(l);
      });
      assert.ok(ms < 1500, `${l.slice(0, 8)}: ${ms.toFixed(1)} ms`);
    }
    // 200,000 doubled spaces: 200,000 findings, still linear.
    const spaced = parseArticle(('كلمة' + '  ').repeat(200_000));
    let found = 0;
    const ms = time(() => whitespace.check({ article: spaced, markers: DEFAULT_CONFIG.markers, options: {}, optionalSections: new Set(), boilerplate: [], dates: {} }, () => found++));
    assert.equal(found, 200_000);
    assert.ok(ms < 2000, `doubled spaces: ${ms.toFixed(1)} ms`);
  });
});

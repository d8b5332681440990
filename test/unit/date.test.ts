import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  type CalendarDate,
  type DateNoncanonicalReason,
  type DateParse,
  arabicMonthName,
  describeDateProblem,
  formatCanonicalDate,
  gregorianToHijri,
  hijriToGregorian,
  isoDate,
  isValidDate,
  ordinalSuffix,
  parseDateValue,
  suggestMonth,
  weekdayOf,
} from '../../server/src/core/parse/date';

// The tables below are written out by hand on purpose: they do not reuse the module's own tables.

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const EGYPTIAN_GULF = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const LEVANTINE = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
const ALGERIAN_TUNISIAN = ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const MOROCCAN = ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'];
const HIJRI = ['محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة'];
/**
 * 1 <month> 1446 AH in the Umm al-Qura calendar. Muharram, Rajab, Ramadan, Shawwal and Dhu al-Hijjah
 * match the Saudi announcements (Ramadan began on Saturday 1 March 2025, Eid al-Fitr was Sunday 30 March).
 */
const HIJRI_1446_FIRSTS = [
  '2024-07-07', '2024-08-05', '2024-09-04', '2024-10-04', '2024-11-03', '2024-12-02',
  '2025-01-01', '2025-01-31', '2025-03-01', '2025-03-30', '2025-04-29', '2025-05-28',
];

function iso(p: DateParse): string | undefined {
  return p.date ? isoDate(p.date) : undefined;
}

function expectDate(input: string, expectedIso: string, reasons?: DateNoncanonicalReason[]): DateParse {
  const p = parseDateValue(input);
  assert.notEqual(p.status, 'invalid', `${JSON.stringify(input)} should be a date, got ${JSON.stringify(p.invalid)}`);
  assert.equal(iso(p), expectedIso, JSON.stringify(input));
  assert.equal(p.canonicalText, formatCanonicalDate(p.date!));
  if (reasons) assert.deepEqual(p.reasons, reasons, JSON.stringify(input));
  assert.equal(p.status, p.reasons.length === 0 ? 'canonical' : 'noncanonical');
  assert.equal(p.invalid, undefined);
  return p;
}

function expectInvalid(input: string, kind: string): DateParse {
  const p = parseDateValue(input);
  assert.equal(p.status, 'invalid', `${JSON.stringify(input)} should be invalid, got ${JSON.stringify(p)}`);
  assert.equal(p.invalid?.kind, kind, JSON.stringify(input));
  assert.deepEqual(p.reasons, []);
  assert.equal(p.date, undefined);
  assert.equal(p.canonicalText, undefined);
  return p;
}

describe('ordinalSuffix', () => {
  const expected = [
    'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th', 'th',
    'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th',
    'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'st',
  ];
  for (let day = 1; day <= 31; day++) {
    test(`${day}${expected[day - 1]}`, () => assert.equal(ordinalSuffix(day), expected[day - 1]));
  }
  test('111th, 112th, 101st, 102nd', () => {
    assert.deepEqual([111, 112, 113, 101, 102, 103].map(ordinalSuffix), ['th', 'th', 'th', 'st', 'nd', 'rd']);
  });
});

describe('formatting helpers', () => {
  test('formatCanonicalDate', () => {
    assert.equal(formatCanonicalDate({ year: 2025, month: 1, day: 1 }), '1st, January 2025 GMT');
    assert.equal(formatCanonicalDate({ year: 2024, month: 6, day: 12 }), '12th, June 2024 GMT');
    assert.equal(formatCanonicalDate({ year: 2024, month: 3, day: 22 }), '22nd, March 2024 GMT');
    assert.equal(formatCanonicalDate({ year: 2023, month: 12, day: 23 }), '23rd, December 2023 GMT');
    assert.equal(formatCanonicalDate({ year: 2023, month: 10, day: 31 }), '31st, October 2023 GMT');
  });
  test('isoDate pads', () => {
    assert.equal(isoDate({ year: 2024, month: 6, day: 12 }), '2024-06-12');
    assert.equal(isoDate({ year: 1999, month: 1, day: 5 }), '1999-01-05');
  });
  const weekdays: [CalendarDate, string, string][] = [
    [{ year: 2024, month: 6, day: 12 }, 'Wednesday', 'الأربعاء'],
    [{ year: 2000, month: 1, day: 1 }, 'Saturday', 'السبت'],
    [{ year: 1900, month: 1, day: 1 }, 'Monday', 'الاثنين'],
    [{ year: 2100, month: 12, day: 31 }, 'Friday', 'الجمعة'],
    [{ year: 1970, month: 1, day: 1 }, 'Thursday', 'الخميس'],
    [{ year: 2025, month: 1, day: 19 }, 'Sunday', 'الأحد'],
    [{ year: 2024, month: 2, day: 29 }, 'Thursday', 'الخميس'],
    [{ year: 2024, month: 7, day: 9 }, 'Tuesday', 'الثلاثاء'],
  ];
  for (const [d, en, ar] of weekdays) {
    test(`weekdayOf ${isoDate(d)} is ${en}`, () => assert.deepEqual(weekdayOf(d), { en, ar }));
  }
  test('arabicMonthName is the Egyptian/Gulf set', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => arabicMonthName(i + 1)),
      EGYPTIAN_GULF,
    );
    assert.equal(arabicMonthName(0), '');
    assert.equal(arabicMonthName(13), '');
  });
  test('isValidDate', () => {
    assert.equal(isValidDate({ year: 2024, month: 2, day: 29 }), true);
    assert.equal(isValidDate({ year: 2023, month: 2, day: 29 }), false);
    assert.equal(isValidDate({ year: 1900, month: 2, day: 29 }), false);
    assert.equal(isValidDate({ year: 2000, month: 2, day: 29 }), true);
    assert.equal(isValidDate({ year: 2024, month: 4, day: 31 }), false);
    assert.equal(isValidDate({ year: 2024, month: 13, day: 1 }), false);
    assert.equal(isValidDate({ year: 2024, month: 0, day: 1 }), false);
    assert.equal(isValidDate({ year: 2024, month: 1, day: 0 }), false);
    assert.equal(isValidDate({ year: 2024, month: 1.5, day: 1 }), false);
    assert.equal(isValidDate({ year: 2024, month: 12, day: 31 }), true);
  });
});

describe('canonical dates', () => {
  test('the sample', () => {
    const p = expectDate('12th, June 2024 GMT', '2024-06-12', []);
    assert.equal(p.status, 'canonical');
    assert.equal(p.calendar, 'gregorian');
  });
  test('surrounding white space of the value is ignored', () => {
    expectDate(' 12th, June 2024 GMT ', '2024-06-12', []);
  });
  const suffixes = ['st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'st'];
  for (let day = 1; day <= 31; day++) {
    test(`day ${day} of January 2025`, () => {
      const text = `${day}${suffixes[day - 1]}, January 2025 GMT`;
      const p = expectDate(text, `2025-01-${String(day).padStart(2, '0')}`, []);
      assert.equal(p.canonicalText, text);
    });
  }
  MONTHS.forEach((name, i) => {
    test(`every month: ${name}`, () => {
      expectDate(`1st, ${name} 2024 GMT`, `2024-${String(i + 1).padStart(2, '0')}-01`, []);
    });
  });
  test('every day of 2024 round-trips through its canonical text', () => {
    let count = 0;
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 31; day++) {
        const d = { year: 2024, month, day };
        if (!isValidDate(d)) continue;
        const p = parseDateValue(formatCanonicalDate(d));
        assert.equal(p.status, 'canonical', formatCanonicalDate(d));
        assert.deepEqual(p.date, d);
        count++;
      }
    }
    assert.equal(count, 366);
  });
  test('the year range ends are accepted', () => {
    expectDate('1st, January 1900 GMT', '1900-01-01', []);
    expectDate('31st, December 2100 GMT', '2100-12-31', []);
  });
});

describe('non-canonical English spellings', () => {
  const cases: [string, string, DateNoncanonicalReason[]][] = [
    ['12nd, June 2024 GMT', '2024-06-12', ['suffix']],
    ['1th, June 2024 GMT', '2024-06-01', ['suffix']],
    ['22th, June 2024 GMT', '2024-06-22', ['suffix']],
    ['11st, June 2024 GMT', '2024-06-11', ['suffix']],
    ['12TH, June 2024 GMT', '2024-06-12', ['suffix']],
    ['06th, June 2024 GMT', '2024-06-06', ['suffix']],
    ['12, June 2024 GMT', '2024-06-12', ['suffix']],
    ['12 June 2024', '2024-06-12', ['suffix', 'missing-gmt', 'punctuation']],
    ['12th, june 2024 GMT', '2024-06-12', ['month-spelling']],
    ['12th, JUNE 2024 GMT', '2024-06-12', ['month-spelling']],
    ['12th, Jun 2024 GMT', '2024-06-12', ['month-spelling']],
    ['12th, Jun. 2024 GMT', '2024-06-12', ['month-spelling']],
    ['12th, Sept 2024 GMT', '2024-09-12', ['month-spelling']],
    ['12th, sep 2024 GMT', '2024-09-12', ['month-spelling']],
    ['12th June 2024 GMT', '2024-06-12', ['punctuation']],
    ['12th، June 2024 GMT', '2024-06-12', ['punctuation']],
    ['12th June, 2024 GMT', '2024-06-12', ['punctuation']],
    ['12th of June 2024 GMT', '2024-06-12', ['punctuation']],
    ['12th, June 2024 GMT.', '2024-06-12', ['punctuation']],
    ['12th, June 2024', '2024-06-12', ['missing-gmt']],
    ['12th, June 2024 gmt', '2024-06-12', ['missing-gmt']],
    ['12th, June 2024 UTC', '2024-06-12', ['missing-gmt']],
    ['12th,  June 2024 GMT', '2024-06-12', ['spacing']],
    ['12th,June 2024 GMT', '2024-06-12', ['spacing']],
    ['12th , June 2024 GMT', '2024-06-12', ['spacing']],
    ['12 th, June 2024 GMT', '2024-06-12', ['spacing']],
    ['12th, June\t2024 GMT', '2024-06-12', ['spacing']],
    ['12th, June\u00A02024 GMT', '2024-06-12', ['spacing']],
    ['12th, June 2024GMT', '2024-06-12', ['spacing']],
    ['12th, June\u200B 2024 GMT', '2024-06-12', ['spacing']],
    ['\u200F12th, June 2024 GMT', '2024-06-12', ['spacing']],
    ['12thJune 2024 GMT', '2024-06-12', ['spacing', 'punctuation']],
    ['12th, June 2024 GMT 10:30', '2024-06-12', ['extra-text']],
    ['12th, June 2024 GMT+3', '2024-06-12', ['extra-text']],
    ['Wednesday, 12th, June 2024 GMT', '2024-06-12', ['extra-text']],
    ['Wed 12th, June 2024 GMT', '2024-06-12', ['extra-text']],
    ['June 12, 2024', '2024-06-12', ['suffix', 'missing-gmt', 'punctuation']],
    ['June 12th, 2024 GMT', '2024-06-12', ['punctuation']],
    ['Wednesday, June 12th, 2024', '2024-06-12', ['missing-gmt', 'punctuation', 'extra-text']],
    ['12-Jun-2024', '2024-06-12', ['suffix', 'month-spelling', 'missing-gmt', 'punctuation']],
    ['12 June 2024 AD', '2024-06-12', ['suffix', 'missing-gmt', 'punctuation', 'extra-text']],
  ];
  for (const [input, expected, reasons] of cases) {
    test(JSON.stringify(input), () => {
      const p = expectDate(input, expected, reasons);
      assert.equal(p.status, 'noncanonical');
      assert.ok(p.canonicalText !== input.trim());
    });
  }
  const abbreviations = ['jan', 'FEB', 'Mar', 'apr', 'May', 'jun', 'Jul', 'aug', 'Sep', 'oct', 'Nov', 'dec'];
  abbreviations.forEach((abbr, i) => {
    test(`abbreviation ${abbr}`, () => {
      const p = expectDate(`3rd, ${abbr} 2023 GMT`, `2023-${String(i + 1).padStart(2, '0')}-03`);
      assert.deepEqual(p.reasons, abbr === 'May' ? [] : ['month-spelling']);
    });
  });
  MONTHS.forEach((name, i) => {
    test(`lower-case ${name.toLowerCase()}`, () => {
      expectDate(`5th, ${name.toLowerCase()} 2023 GMT`, `2023-${String(i + 1).padStart(2, '0')}-05`, ['month-spelling']);
    });
  });
});

describe('Arabic month names', () => {
  const sets: [string, string[]][] = [
    ['Egyptian/Gulf', EGYPTIAN_GULF],
    ['Levantine', LEVANTINE],
    ['Algerian/Tunisian', ALGERIAN_TUNISIAN],
    ['Moroccan', MOROCCAN],
  ];
  for (const [setName, names] of sets) {
    names.forEach((name, i) => {
      test(`${setName} ${i + 1}: ${name}`, () => {
        const mm = String(i + 1).padStart(2, '0');
        const p = expectDate(`15 ${name} 2024`, `2024-${mm}-15`, ['suffix', 'arabic-month', 'missing-gmt', 'punctuation']);
        assert.equal(p.canonicalText, `15th, ${MONTHS[i]} 2024 GMT`);
        expectDate(`15th, ${name} 2024 GMT`, `2024-${mm}-15`, ['arabic-month']);
      });
    });
  }
  const orders: [string, string, DateNoncanonicalReason[]][] = [
    ['12 يونيو 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation']],
    ['12 يونيو، 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation']],
    ['الأربعاء 12 يونيو 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation', 'extra-text']],
    ['الأربعاء، 12 يونيو 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation', 'extra-text']],
    ['يوم الأربعاء 12 يونيو 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation', 'extra-text']],
    ['12 يونيو 2024 م', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation', 'extra-text']],
    ['12 حزيران/يونيو 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation']],
    ['12 يونيو (حزيران) 2024', '2024-06-12', ['suffix', 'arabic-month', 'missing-gmt', 'punctuation']],
    ['12th, يونيو 2024 GMT', '2024-06-12', ['arabic-month']],
    ['١٢ يونيو ٢٠٢٤', '2024-06-12', ['suffix', 'arabic-month', 'arabic-digits', 'missing-gmt', 'punctuation']],
    ['۱۲ يونيو ۲۰۲۴', '2024-06-12', ['suffix', 'arabic-month', 'arabic-digits', 'missing-gmt', 'punctuation']],
    ['12th, June ٢٠٢٤ GMT', '2024-06-12', ['arabic-digits']],
  ];
  for (const [input, expected, reasons] of orders) test(`order ${input}`, () => {
    expectDate(input, expected, reasons);
  });

  // Tolerant matching: hamza and madda forms, ى/ي, ة/ه, harakat, tatweel, other spellings.
  const tolerant: [string, number][] = [
    ['ابريل', 4], ['إبريل', 4], ['أبريـــل', 4], ['أَبْرِيل', 4], ['اغسطس', 8], ['اكتوبر', 10],
    ['اذار', 3], ['ايار', 5], ['اب', 8], ['ايلول', 9], ['تشرين الاول', 10], ['كانون الاول', 12],
    ['افريل', 4], ['اوت', 8], ['جويليه', 7], ['يونيه', 6], ['يونية', 6], ['يوليه', 7], ['تشرين ثاني', 11],
    ['كانون ثاني', 1], ['نُوفَمْبِر', 11], ['ديســمبر', 12],
  ];
  for (const [name, month] of tolerant) {
    test(`tolerant ${name}`, () => {
      const p = parseDateValue(`3 ${name} 2024`);
      assert.equal(p.status, 'noncanonical');
      assert.equal(p.date?.month, month);
      assert.ok(p.reasons.includes('arabic-month'));
    });
  }
  test('weekday that does not match is reported', () => {
    const p = parseDateValue('الثلاثاء 12 يونيو 2024');
    assert.equal(iso(p), '2024-06-12');
    assert.deepEqual(p.weekdayMismatch?.actual.en, 'Wednesday');
    assert.deepEqual(p.weekdayMismatch?.written.en, 'Tuesday');
    assert.match(describeDateProblem(p, 'الثلاثاء 12 يونيو 2024').en, /Wednesday, not a Tuesday/);
    assert.equal(parseDateValue('الأربعاء 12 يونيو 2024').weekdayMismatch, undefined);
  });
});

describe('ISO and numeric dates', () => {
  const cases: [string, string, DateNoncanonicalReason[]][] = [
    ['2024-06-12', '2024-06-12', ['iso']],
    ['2024/06/12', '2024-06-12', ['iso']],
    ['2024.06.12', '2024-06-12', ['iso']],
    ['2024-6-2', '2024-06-02', ['iso']],
    ['2024-06-12 GMT', '2024-06-12', ['iso']],
    ['2024-06-12T10:30:00Z', '2024-06-12', ['iso', 'extra-text']],
    ['٢٠٢٤-٠٦-١٢', '2024-06-12', ['arabic-digits', 'iso']],
    ['12/06/2024', '2024-06-12', ['numeric']],
    ['12-06-2024', '2024-06-12', ['numeric']],
    ['12.06.2024', '2024-06-12', ['numeric']],
    ['1/2/2024', '2024-02-01', ['numeric']],
    ['١٢/٠٦/٢٠٢٤', '2024-06-12', ['arabic-digits', 'numeric']],
    ['۱۲/۰۶/۲۰۲۴', '2024-06-12', ['arabic-digits', 'numeric']],
    ['12 / 06 / 2024', '2024-06-12', ['numeric', 'spacing']],
    ['29/02/2024', '2024-02-29', ['numeric']],
  ];
  for (const [input, expected, reasons] of cases) test(JSON.stringify(input), () => {
    expectDate(input, expected, reasons);
  });
  test('numeric dates are read day first', () => {
    assert.equal(iso(parseDateValue('03/04/2024')), '2024-04-03');
    assert.equal(parseDateValue('03/04/2024').hint, undefined);
  });
  test('month first only when the second number cannot be a month', () => {
    const p = expectDate('06/13/2024', '2024-06-13', ['numeric']);
    assert.deepEqual(p.hint, { kind: 'month-first' });
  });
  test('13/13/2024 does not exist', () => {
    expectInvalid('13/13/2024', 'no-such-day');
  });
  test('31/04/2024 does not exist', () => {
    const p = expectInvalid('31/04/2024', 'no-such-day');
    assert.deepEqual(p.invalid, { kind: 'no-such-day', calendar: 'gregorian', year: 2024, month: 4, day: 31 });
  });
  test('2024-13-01 does not exist', () => {
    expectInvalid('2024-13-01', 'no-such-day');
  });
  test('2023-02-29 does not exist', () => {
    expectInvalid('2023-02-29', 'no-such-day');
  });
  test('two-digit year', () => {
    const p = expectInvalid('12/06/24', 'unrecognized');
    assert.deepEqual(p.hint, { kind: 'two-digit-year' });
  });
  test('Hijri-looking year without the marker', () => {
    const p = expectInvalid('1445/12/06', 'unrecognized');
    assert.deepEqual(p.hint, { kind: 'looks-hijri', year: 1445 });
  });
  test('mixed separators are not a date', () => {
    expectInvalid('2024-06/12', 'unrecognized');
  });
});

describe('leap years and days that do not exist', () => {
  const valid = ['29th, February 2024 GMT', '29th, February 2000 GMT', '29th, February 1904 GMT', '29th, February 2096 GMT'];
  for (const v of valid) {
    test(v, () => {
      expectDate(v, `${/\d{4}/.exec(v)![0]}-02-29`, []);
    });
  }
  const invalid: [string, number, number, number][] = [
    ['29th, February 2023 GMT', 2023, 2, 29],
    ['29th, February 1900 GMT', 1900, 2, 29],
    ['29th, February 2100 GMT', 2100, 2, 29],
    ['30th, February 2024 GMT', 2024, 2, 30],
    ['31st, April 2024 GMT', 2024, 4, 31],
    ['31st, June 2024 GMT', 2024, 6, 31],
    ['31st, June 2024', 2024, 6, 31],
    ['31st, September 2024 GMT', 2024, 9, 31],
    ['31st, November 2024 GMT', 2024, 11, 31],
    ['32nd, January 2024 GMT', 2024, 1, 32],
    ['0th, January 2024 GMT', 2024, 1, 0],
    ['31 يونيو 2024', 2024, 6, 31],
    ['31nd, jun 2024', 2024, 6, 31],
  ];
  for (const [input, year, month, day] of invalid) {
    test(input, () => {
      const p = expectInvalid(input, 'no-such-day');
      assert.deepEqual(p.invalid, { kind: 'no-such-day', calendar: 'gregorian', year, month, day });
    });
  }
  test('a day that does not exist is invalid only, not also non-canonical', () => {
    const p = parseDateValue('31st, june 2024');
    assert.equal(p.status, 'invalid');
    assert.deepEqual(p.reasons, []);
  });
});

describe('years', () => {
  test('out of range Gregorian years', () => {
    for (const y of ['1899', '2101', '1000', '9999']) {
      const p = expectInvalid(`12th, June ${y} GMT`, 'unrecognized');
      assert.deepEqual(p.hint, { kind: 'year-out-of-range', year: Number(y) });
    }
  });
  test('years that are not four digits', () => {
    expectInvalid('12th, June 24 GMT', 'unrecognized');
    expectInvalid('12th, June 20245 GMT', 'unrecognized');
    expectInvalid('12th, June 202 GMT', 'unrecognized');
  });
});

describe('misspelt months', () => {
  const typos: [string, number][] = [
    ['Jnue', 6], ['Juen', 6], ['Agust', 8], ['Febuary', 2], ['Feburary', 2], ['Setpember', 9],
    ['Decmber', 12], ['Octber', 10], ['Novmber', 11], ['Janaury', 1], ['Apirl', 4], ['Mrach', 3], ['Jully', 7],
  ];
  for (const [word, month] of typos) {
    test(`${word} → ${MONTHS[month - 1]}`, () => {
      const p = expectInvalid(`12th, ${word} 2024 GMT`, 'unknown-month');
      assert.deepEqual(p.invalid, { kind: 'unknown-month', word, suggestion: month, calendar: 'gregorian' });
      assert.equal(p.suggestionText, `12th, ${MONTHS[month - 1]} 2024 GMT`);
    });
  }
  test('an Arabic typo gets a suggestion too', () => {
    const p = expectInvalid('12 يونيوو 2024', 'unknown-month');
    assert.equal(p.invalid?.kind === 'unknown-month' && p.invalid.suggestion, 6);
    assert.equal(p.suggestionText, '12th, June 2024 GMT');
  });
  test('month first with a typo', () => {
    const p = expectInvalid('Jnue 12, 2024', 'unknown-month');
    assert.equal(p.suggestionText, '12th, June 2024 GMT');
  });
  test('no suggestion when ambiguous or far', () => {
    for (const word of ['Mat', 'Foo', 'Xyzzyx', 'Ju']) {
      const p = expectInvalid(`12th, ${word} 2024 GMT`, 'unknown-month');
      assert.equal(p.invalid?.kind === 'unknown-month' ? p.invalid.suggestion : 'x', undefined, word);
      assert.equal(p.suggestionText, undefined);
    }
  });
  test('a suggestion but no fix when the corrected date does not exist', () => {
    const p = expectInvalid('31st, Jnue 2024 GMT', 'unknown-month');
    assert.equal(p.invalid?.kind === 'unknown-month' && p.invalid.suggestion, 6);
    assert.equal(p.suggestionText, undefined);
  });
  test('suggestMonth directly', () => {
    assert.equal(suggestMonth('Agust', 'latin', 'gregorian'), 8);
    assert.equal(suggestMonth('mya', 'latin', 'gregorian'), 5);
    assert.equal(suggestMonth('Mat', 'latin', 'gregorian'), undefined);
    assert.equal(suggestMonth('رمضانن', 'arabic', 'hijri'), 9);
    assert.equal(suggestMonth('شعبن', 'arabic', 'hijri'), 8);
  });
});

describe('Hijri dates (Umm al-Qura)', () => {
  const known: [string, string, [number, number, number]][] = [
    ['6 ذو الحجة 1445 هـ', '2024-06-12', [1445, 12, 6]],
    ['1445/12/06 هـ', '2024-06-12', [1445, 12, 6]],
    ['06/12/1445 هـ', '2024-06-12', [1445, 12, 6]],
    ['1445/12/6هـ', '2024-06-12', [1445, 12, 6]],
    ['٦ ذو الحجة ١٤٤٥ هـ', '2024-06-12', [1445, 12, 6]],
    ['6 ذي الحجة 1445', '2024-06-12', [1445, 12, 6]],
    ['6 ذوالحجة 1445هـ', '2024-06-12', [1445, 12, 6]],
    ['1 رمضان 1445 هـ', '2024-03-11', [1445, 9, 1]],
    ['1 رمضان 1445', '2024-03-11', [1445, 9, 1]],
    ['1 Ramadan 1445 AH', '2024-03-11', [1445, 9, 1]],
    ['1 محرم 1446 هـ', '2024-07-07', [1446, 1, 1]],
    ['1 المحرم 1446 ه', '2024-07-07', [1446, 1, 1]],
    ['1 شوال 1445 هـ', '2024-04-10', [1445, 10, 1]],
    ['10 ذو الحجة 1444 هـ', '2023-06-28', [1444, 12, 10]],
    ['1 رمضان 1444 هـ', '2023-03-23', [1444, 9, 1]],
    ['1 محرم 1445 هـ', '2023-07-19', [1445, 1, 1]],
    ['1 رمضان 1446 هـ', '2025-03-01', [1446, 9, 1]],
    ['1 شوال 1446 هـ', '2025-03-30', [1446, 10, 1]],
    ['10 ذو الحجة 1446 هـ', '2025-06-06', [1446, 12, 10]],
    ['1 محرم 1400 هـ', '1979-11-21', [1400, 1, 1]],
    ['15 ربيع الثاني 1446 هـ', '2024-10-18', [1446, 4, 15]],
    ['15 ربيع الآخر 1446', '2024-10-18', [1446, 4, 15]],
    ['15 جمادى الاولى 1446', '2024-11-17', [1446, 5, 15]],
    ['15 جمادي الأولي 1446', '2024-11-17', [1446, 5, 15]],
    ['1 جمادى الثانية 1446 هـ', '2024-12-02', [1446, 6, 1]],
    ['1 رجب 1446 هـ', '2025-01-01', [1446, 7, 1]],
  ];
  for (const [input, expected, hijri] of known) {
    test(`${input} = ${expected}`, () => {
      const p = expectDate(input, expected);
      assert.equal(p.calendar, 'hijri');
      assert.deepEqual(p.hijri, { year: hijri[0], month: hijri[1], day: hijri[2] });
      assert.ok(p.reasons.includes('hijri'));
      assert.equal(p.reasons.includes('arabic-month'), false);
      assert.equal(p.reasons.includes('arabic-digits'), /[٠-٩]/.test(input));
    });
  }
  HIJRI.forEach((name, i) => {
    test(`Hijri month ${i + 1}: ${name}`, () => {
      const p = expectDate(`1 ${name} 1446 هـ`, HIJRI_1446_FIRSTS[i]!, ['hijri']);
      assert.deepEqual(p.hijri, { year: 1446, month: i + 1, day: 1 });
    });
  });
  test('hijriToGregorian', () => {
    assert.deepEqual(hijriToGregorian(1445, 12, 6), { year: 2024, month: 6, day: 12 });
    assert.deepEqual(hijriToGregorian(1445, 9, 1), { year: 2024, month: 3, day: 11 });
    assert.deepEqual(hijriToGregorian(1446, 1, 1), { year: 2024, month: 7, day: 7 });
    assert.deepEqual(hijriToGregorian(1318, 1, 1), { year: 1900, month: 4, day: 30 });
    assert.equal(hijriToGregorian(1445, 10, 30), undefined); // Shawwal 1445 has 29 days
    assert.equal(hijriToGregorian(1445, 8, 30), undefined); // Sha'ban 1445 has 29 days
    assert.deepEqual(hijriToGregorian(1445, 9, 30), { year: 2024, month: 4, day: 9 }); // Ramadan 1445 has 30
    assert.equal(hijriToGregorian(1445, 13, 1), undefined);
    assert.equal(hijriToGregorian(1445, 1, 31), undefined);
    assert.equal(hijriToGregorian(1445, 1, 0), undefined);
    assert.equal(hijriToGregorian(1445.5, 1, 1), undefined);
    assert.equal(hijriToGregorian(NaN, 1, 1), undefined);
  });
  test('gregorianToHijri and hijriToGregorian agree over 1900–2100', () => {
    let checked = 0;
    for (let t = Date.UTC(1900, 4, 1); t < Date.UTC(2100, 11, 1); t += 11 * 86_400_000) {
      const g = new Date(t);
      const d = { year: g.getUTCFullYear(), month: g.getUTCMonth() + 1, day: g.getUTCDate() };
      const h = gregorianToHijri(d);
      assert.ok(h, isoDate(d));
      assert.deepEqual(hijriToGregorian(h.year, h.month, h.day), d, `${isoDate(d)} ${JSON.stringify(h)}`);
      checked++;
    }
    assert.ok(checked > 6000);
  });
  test('a Hijri day that does not exist', () => {
    const p = expectInvalid('30 شوال 1445 هـ', 'no-such-day');
    assert.deepEqual(p.invalid, { kind: 'no-such-day', calendar: 'hijri', year: 1445, month: 10, day: 30 });
    const m = describeDateProblem(p, '30 شوال 1445 هـ');
    assert.match(m.en, /Shawwal 1445 has 29 days/);
    assert.match(m.ar, /تسعة وعشرون يومًا/);
    expectInvalid('1445/13/01 هـ', 'no-such-day');
    expectInvalid('31 رمضان 1445', 'no-such-day');
  });
  test('Hijri years out of range', () => {
    for (const [input, year] of [['6 ذو الحجة 1200 هـ', 1200], ['6 ذو الحجة 2024', 2024], ['2024/06/12 هـ', 2024], ['1 محرم 1524', 1524]] as const) {
      const p = expectInvalid(input, 'hijri-out-of-range');
      assert.deepEqual(p.invalid, { kind: 'hijri-out-of-range', year });
    }
  });
  test('a Gregorian month with a Hijri marker is not read', () => {
    const p = expectInvalid('12 يونيو 2024 هـ', 'unrecognized');
    assert.deepEqual(p.hint, { kind: 'mixed-calendars' });
  });
});

describe('junk never throws and stays fast', () => {
  const MB = 1 << 20;
  const junk: [string, string][] = [
    ['empty', ''],
    ['spaces', '   \t  '],
    ['invisible only', '\u200F\u200B'],
    ['binary', Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
    ['lone surrogates', '\uD800\uDC00\uDFFF\uD83D 12 \uD83D'],
    ['emoji', '😀 12th, June 2024 GMT 😀'],
    ['astral digits', '𝟭𝟮𝘁𝗵, 𝗝𝘂𝗻𝗲 𝟮𝟬𝟮𝟰'],
    ['1 MB of x', 'x'.repeat(MB)],
    ['1 MB of digits', '1'.repeat(MB)],
    ['1 MB of Arabic digits', '١'.repeat(MB)],
    ['1 MB of emoji', '😀'.repeat(MB / 2)],
    ['1 MB of separators', '12/'.repeat(MB / 3)],
    ['1 MB of month names', 'June '.repeat(MB / 5)],
    ['1 MB of Arabic month names', 'يونيو '.repeat(MB / 6)],
    ['1 MB of spaces between two tokens', `12${' '.repeat(MB)}June`],
    ['1 MB after a valid date', `12th, June 2024 GMT ${'a '.repeat(MB / 2)}`],
    ['1 MB of invisible characters', '\u200F'.repeat(MB)],
    ['1 MB of harakat', 'يَ'.repeat(MB / 2)],
    ['nested-looking', '((((((((((12))))))))))'.repeat(1000)],
    ['control characters', '\u0000\u0001\u0007 12th, June 2024 GMT'],
  ];
  for (const [name, input] of junk) {
    test(name, () => {
      const start = process.hrtime.bigint();
      const p = parseDateValue(input);
      const message = describeDateProblem(p, input);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < 1000, `${name} took ${ms} ms`);
      assert.ok(['canonical', 'noncanonical', 'invalid'].includes(p.status));
      assert.ok(message.en.length > 0 && message.en.length < 400, message.en);
      assert.ok(message.ar.length > 0 && message.ar.length < 400, message.ar);
    });
  }
  test('empty and blank values are "empty"', () => {
    expectInvalid('', 'empty');
    expectInvalid('   ', 'empty');
    expectInvalid('\u200B', 'empty');
  });
  test('a valid date followed by 1 MB of text is still read', () => {
    const p = parseDateValue(`12th, June 2024 GMT ${'a '.repeat(MB / 2)}`);
    assert.equal(iso(p), '2024-06-12');
    assert.deepEqual(p.reasons, ['extra-text']);
  });
  test('non-string input', () => {
    assert.equal(parseDateValue(undefined as unknown as string).invalid?.kind, 'empty');
    assert.equal(parseDateValue(42 as unknown as string).invalid?.kind, 'empty');
  });
  const unreadable = ['hello', 'GMT', 'June 2024', '12th', '2024', '12th, June', 'الأربعاء', 'تاريخ', '12 يونيو الجاري 2024', '(12th, June 2024 GMT)', '12:30'];
  for (const input of unreadable) test(`unrecognized: ${input}`, () => {
    expectInvalid(input, 'unrecognized');
  });
});

describe('describeDateProblem', () => {
  const ARABIC_LETTER = /[\u0621-\u064A]/;
  test('the day that does not exist', () => {
    const raw = '31st, June 2024';
    const m = describeDateProblem(parseDateValue(raw), raw);
    assert.equal(m.en, 'The date "31st, June 2024" does not exist: June has 30 days. Correct the day or the month.');
    assert.equal(m.ar, 'التاريخ «31st, June 2024» غير موجود: شهر يونيو (حزيران) ثلاثون يومًا. صحّح اليوم أو الشهر.');
  });
  test('29 February of a common year', () => {
    const raw = '29th, February 2023 GMT';
    const m = describeDateProblem(parseDateValue(raw), raw);
    assert.match(m.en, /February 2023 has 28 days/);
    assert.match(m.en, /not a leap year/);
    assert.match(m.ar, /ثمانية وعشرون يومًا/);
    assert.match(m.ar, /كبيسة/);
  });
  test('Arabic month names', () => {
    const m = describeDateProblem(parseDateValue('12 يونيو 2024'), '12 يونيو 2024');
    assert.equal(m.en, 'Write the date in the corpus form "12th, June 2024 GMT" (this one uses an Arabic month name and does not end with "GMT").');
    assert.match(m.ar, /«12th, June 2024 GMT»/);
    assert.match(m.ar, /اسم الشهر فيه عربي/);
  });
  test('a wrong suffix', () => {
    const m = describeDateProblem(parseDateValue('12nd, June 2024 GMT'), '12nd, June 2024 GMT');
    assert.match(m.en, /"12th"/);
    assert.match(m.ar, /«12th»/);
  });
  test('a Hijri date names the Hijri day and the conversion', () => {
    const m = describeDateProblem(parseDateValue('6 ذو الحجة 1445 هـ'), '6 ذو الحجة 1445 هـ');
    assert.match(m.en, /6 Dhu al-Hijjah 1445 AH/);
    assert.match(m.en, /Umm al-Qura/);
    assert.match(m.en, /"12th, June 2024 GMT"/);
    assert.match(m.ar, /أم القرى/);
  });
  test('a typo offers the month', () => {
    const m = describeDateProblem(parseDateValue('12th, Jnue 2024 GMT'), '12th, Jnue 2024 GMT');
    assert.match(m.en, /"Jnue" is not a month name\. Did you mean June\?/);
    assert.match(m.ar, /هل تقصد يونيو/);
  });
  test('empty', () => {
    const m = describeDateProblem(parseDateValue(''), '');
    assert.match(m.en, /empty/);
    assert.match(m.ar, /فارغ/);
  });
  test('a long value is shortened in the message', () => {
    const raw = `zz ${'x'.repeat(5000)}`;
    const m = describeDateProblem(parseDateValue(raw), raw);
    assert.ok(m.en.length < 200);
    assert.match(m.en, /…/);
  });
  const sample = [
    '', 'hello', '12nd, June 2024 GMT', '12 يونيو 2024', '2024-06-12', '12/06/2024', '06/13/2024', '6 ذو الحجة 1445 هـ',
    '31st, June 2024', '29th, February 2023', '2024-13-01', '0th, June 2024', '12th, Jnue 2024', '12th, Foo 2024',
    '31st, Jnue 2024', '30 شوال 1445', '1445/13/01 هـ', '1445/12/00 هـ', '6 ذو الحجة 1200 هـ', '12 June 1850', '12/06/24', '1445/12/06',
    '12 يونيو 2024 هـ', 'الثلاثاء 12 يونيو 2024', '12th, June 2024 GMT 10:30', '١٢/٠٦/٢٠٢٤', '12th,  june 2024', '12th, June 2024 GMT',
  ];
  for (const raw of sample) {
    test(`a sensible message for ${JSON.stringify(raw)}`, () => {
      const p = parseDateValue(raw);
      const m = describeDateProblem(p, raw);
      for (const s of [m.en, m.ar]) {
        assert.ok(s.length > 10, s);
        assert.doesNotMatch(s, /undefined|NaN|\[object/, s);
      }
      assert.match(m.ar, ARABIC_LETTER);
      assert.doesNotMatch(m.en, ARABIC_LETTER.test(raw) ? /^$/ : /[\u0621-\u064A]{3}/);
      if (p.status === 'noncanonical') {
        assert.ok(m.en.includes(p.canonicalText!), m.en);
        assert.ok(m.ar.includes(p.canonicalText!), m.ar);
      }
    });
  }
});

describe('invariants', () => {
  const inputs = [
    '12th, June 2024 GMT', '12nd, June 2024 GMT', '12 يونيو 2024', 'الأربعاء 12 يونيو 2024', '2024-06-12', '12/06/2024',
    '6 ذو الحجة 1445 هـ', '1445/12/06 هـ', '12th, June 2024 GMT 10:30', 'June 12, 2024', '١٢ حزيران ٢٠٢٤', '12 غشت 2024',
    '12 جوان 2024', '12 شتنبر 2024', '12 دجنبر 2024', '12 تشرين الأول 2024',
  ];
  for (const input of inputs) {
    test(`the canonical text of ${JSON.stringify(input)} is canonical and names the same day`, () => {
      const p = parseDateValue(input);
      assert.ok(p.date && p.canonicalText);
      const again = parseDateValue(p.canonicalText);
      assert.equal(again.status, 'canonical');
      assert.deepEqual(again.date, p.date);
      assert.equal(p.status === 'canonical', input === p.canonicalText);
    });
  }
});

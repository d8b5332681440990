/*
 * Tests for the TextMate grammar (syntaxes/arabic-news.tmLanguage.json) and the
 * language configuration (language-configuration.json) of the `arabic-news` language.
 *
 * The grammar is run with the same engine VS Code uses (vscode-textmate + vscode-oniguruma).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

// ---------------------------------------------------------------------------
// Locations

function findRepoRoot(start: string): string {
	let dir = start;
	for (;;) {
		if (fs.existsSync(path.join(dir, 'package.json'))) {
			return dir;
		}
		const parent = path.dirname(dir);
		if (parent === dir) {
			throw new Error(`no package.json above ${start}`);
		}
		dir = parent;
	}
}

const repoRoot = findRepoRoot(__dirname);
const grammarPath = path.join(repoRoot, 'syntaxes', 'arabic-news.tmLanguage.json');
const languageConfigurationPath = path.join(repoRoot, 'language-configuration.json');
const wasmPath = path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
const samplesDir = path.resolve(repoRoot, '../shared/samples');
const SAMPLE = '000_89a34b7cd07fdb79.txt';
const SCOPE_NAME = 'text.arabic-news';

// ---------------------------------------------------------------------------
// Scope names (the contract of the grammar)

const S = {
	headline: 'markup.heading.headline.arabic-news',
	headlineText: 'entity.name.section.headline.arabic-news',
	dateMarker: 'keyword.control.marker.date.arabic-news',
	dateValue: 'constant.numeric.date.arabic-news',
	sourceMarker: 'keyword.control.marker.source.arabic-news',
	sourceName: 'entity.name.type.source.arabic-news',
	keywordsMarker: 'keyword.control.marker.keywords.arabic-news',
	keywords: 'string.unquoted.keywords.arabic-news',
	boilerplate: 'comment.line.boilerplate.arabic-news',
	readAlsoMarker: 'keyword.control.marker.read-also.arabic-news',
	relatedHeadline: 'markup.heading.related.arabic-news',
	relatedSection: 'meta.section.related-articles.arabic-news',
	colon: 'punctuation.separator.key-value.arabic-news',
} as const;

/** Scope prefixes that must never appear on an ordinary body paragraph. */
const STRUCTURAL = [
	'markup.heading',
	'entity.name.section',
	'keyword.control.marker',
	'constant.numeric.date',
	'entity.name.type.source',
	'string.unquoted.keywords',
	'comment.line.boilerplate',
];

// ---------------------------------------------------------------------------
// Grammar loading

let onigLibPromise: Promise<vsctm.IOnigLib> | undefined;

function onigLib(): Promise<vsctm.IOnigLib> {
	onigLibPromise ??= (async () => {
		await oniguruma.loadWASM(fs.readFileSync(wasmPath));
		return {
			createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
			createOnigString: (s: string) => new oniguruma.OnigString(s),
		};
	})();
	return onigLibPromise;
}

interface Loaded {
	registry: vsctm.Registry;
	grammar: vsctm.IGrammar;
}

async function load(theme?: vsctm.IRawTheme, configuration: vsctm.IGrammarConfiguration = {}): Promise<Loaded> {
	const options: vsctm.RegistryOptions = {
		onigLib: onigLib(),
		loadGrammar: async (scopeName) =>
			scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
	};
	if (theme) {
		options.theme = theme;
	}
	const registry = new vsctm.Registry(options);
	const grammar = await registry.loadGrammarWithConfiguration(SCOPE_NAME, 1, configuration);
	assert.ok(grammar, 'grammar loads');
	return { registry, grammar };
}

let defaultGrammar: Promise<vsctm.IGrammar> | undefined;
function grammar(): Promise<vsctm.IGrammar> {
	defaultGrammar ??= load().then((l) => l.grammar);
	return defaultGrammar;
}

// ---------------------------------------------------------------------------
// Tokenising helpers

interface Tok {
	text: string;
	scopes: string[];
}
interface Line {
	text: string;
	tokens: Tok[];
}

function tokenize(g: vsctm.IGrammar, doc: string): Line[] {
	let state = vsctm.INITIAL;
	return doc.split(/\r?\n/).map((text) => {
		const r = g.tokenizeLine(text, state);
		assert.equal(r.stoppedEarly, false);
		state = r.ruleStack;
		return {
			text,
			tokens: r.tokens.map((t) => ({ text: text.slice(t.startIndex, t.endIndex), scopes: t.scopes })),
		};
	});
}

function has(scopes: readonly string[], scope: string): boolean {
	return scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

/** The text of a line covered by `scope` (tokens carrying it, concatenated). */
function textOf(line: Line, scope: string): string {
	return line.tokens.filter((t) => has(t.scopes, scope)).map((t) => t.text).join('');
}

function lineHas(line: Line, scope: string): boolean {
	return line.tokens.some((t) => has(t.scopes, scope));
}

function assertPlain(line: Line, what: string): void {
	for (const prefix of STRUCTURAL) {
		assert.equal(lineHas(line, prefix), false, `${what}: «${line.text.slice(0, 80)}» must not carry ${prefix}`);
	}
}

const HEADLINE = 'كوريا الشمالية تتباهى بعلاقات لا تُقهر مع روسيا وسط أنباء عن زيارة بوتين';
const DATE = 'تاريخ النشر: 12th, June 2024 GMT';
const BODY = 'أرسل الزعيم الكوري الشمالي كيم جونج أون، اليوم الأربعاء، رسالة إلى فلاديمير بوتين تباهى فيها بـ"علاقات لا تقهر" مع موسكو.';
const SOURCE = 'المصدر: البوابة نيوز';
const KEYWORDS = 'كلمات دلالية: الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج';

const doc = (...lines: string[]): string => lines.join('\n');

// ---------------------------------------------------------------------------
// Grammar file sanity

test('grammar file: scopeName, valid JSON, documented colon-less rule', () => {
	const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { scopeName: string; comment?: string; repository: Record<string, { comment?: string }> };
	assert.equal(raw.scopeName, SCOPE_NAME);
	assert.match(raw.comment ?? '', /colon/);
	assert.match(raw.repository['source-line']?.comment ?? '', /المصدر الذي/);
});

// ---------------------------------------------------------------------------
// The real sample(s)

test('real sample: every section gets its scope', { skip: fs.existsSync(samplesDir) ? false : `${samplesDir} absent` }, async () => {
	const g = await grammar();
	const files = fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
	assert.ok(files.length > 0);
	for (const file of files) {
		const lines = tokenize(g, fs.readFileSync(path.join(samplesDir, file), 'utf8'));
		assert.equal(textOf(lines[0]!, S.headline), lines[0]!.text.trim(), `${file}: line 1 is the headline`);
		assert.equal(textOf(lines[0]!, S.headlineText), lines[0]!.text.trim());
		lines.slice(1).forEach((l, i) => assert.equal(lineHas(l, S.headline), false, `${file}: line ${i + 2} is not the headline`));
	}
	if (!files.includes(SAMPLE)) {
		return;
	}
	const l = tokenize(g, fs.readFileSync(path.join(samplesDir, SAMPLE), 'utf8'));
	assert.equal(l.length, 21);
	assert.equal(textOf(l[1]!, S.dateMarker), 'تاريخ النشر:');
	assert.equal(textOf(l[1]!, S.colon), ':');
	assert.equal(textOf(l[1]!, S.dateValue), '12th, June 2024 GMT');
	assert.equal(textOf(l[2]!, S.boilerplate), 'تابع أحدث الأخبار عبر تطبيق');
	for (let i = 3; i <= 8; i++) {
		assertPlain(l[i]!, `sample body line ${i + 1}`);
	}
	assert.equal(textOf(l[9]!, S.sourceMarker), 'المصدر:');
	assert.equal(textOf(l[9]!, S.sourceName), 'البوابة نيوز');
	assert.equal(textOf(l[10]!, S.keywordsMarker), 'كلمات دلالية:');
	assert.equal(textOf(l[10]!, S.keywords), 'الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج');
	assert.equal(textOf(l[11]!, S.readAlsoMarker), 'إقرأ أيضاً:');
	assert.equal(textOf(l[12]!, S.relatedHeadline), 'بوتين وبزشكيان يوقعان اتفاقية للشراكة الاستراتيجية بين روسيا وإيران .. شاهد');
	for (let i = 13; i <= 20; i++) {
		assertPlain(l[i]!, `sample related paragraph line ${i + 1}`);
		assert.ok(lineHas(l[i]!, S.relatedSection), `line ${i + 1} is inside the related section`);
	}
	for (let i = 0; i <= 10; i++) {
		assert.equal(lineHas(l[i]!, S.relatedSection), false, `line ${i + 1} is before the related section`);
	}
});

// ---------------------------------------------------------------------------
// Headline: first line only

test('headline: only line 1, never a later line with the same text', async () => {
	const g = await grammar();
	const lines = tokenize(g, doc(HEADLINE, HEADLINE, DATE, HEADLINE, BODY, HEADLINE));
	assert.equal(textOf(lines[0]!, S.headline), HEADLINE);
	for (const l of lines.slice(1)) {
		assert.equal(lineHas(l, S.headline), false);
	}
	// Leading/trailing blanks are not part of the heading text.
	const padded = tokenize(g, doc(`  ${HEADLINE}  `, DATE));
	assert.equal(textOf(padded[0]!, S.headlineText), HEADLINE);
	// A non-initial state never yields the headline scope.
	const first = g.tokenizeLine(HEADLINE, vsctm.INITIAL);
	const second = g.tokenizeLine(HEADLINE, first.ruleStack);
	assert.ok(second.tokens.every((t) => !has(t.scopes, S.headline)));
	// An empty first line yields no headline and does not promote line 2.
	const empty = tokenize(g, doc('', HEADLINE, DATE));
	assert.equal(lineHas(empty[0]!, S.headline), false);
	assert.equal(lineHas(empty[1]!, S.headline), false);
});

// ---------------------------------------------------------------------------
// Marker variants

interface Variant {
	line: string;
	marker: string;
	value: string;
}

const dateVariants: Variant[] = [
	{ line: 'تاريخ النشر: 12th, June 2024 GMT', marker: 'تاريخ النشر:', value: '12th, June 2024 GMT' },
	{ line: 'تاريخ النشر : 12th, June 2024 GMT', marker: 'تاريخ النشر :', value: '12th, June 2024 GMT' },
	{ line: 'تاريخ النشر:12th, June 2024 GMT', marker: 'تاريخ النشر:', value: '12th, June 2024 GMT' },
	{ line: 'تاريخ النشر 12th, June 2024 GMT', marker: 'تاريخ النشر', value: '12th, June 2024 GMT' },
	{ line: 'تاريـــخ النـشـر: 12th, June 2024 GMT', marker: 'تاريـــخ النـشـر:', value: '12th, June 2024 GMT' },
	{ line: 'تَارِيخُ النَّشْرِ: ١٢ يونيو ٢٠٢٤', marker: 'تَارِيخُ النَّشْرِ:', value: '١٢ يونيو ٢٠٢٤' },
	{ line: 'تأريخ النشر: 2024-06-12', marker: 'تأريخ النشر:', value: '2024-06-12' },
	{ line: 'تاريخ إلنشر: 6 ذو الحجة 1445 هـ', marker: 'تاريخ إلنشر:', value: '6 ذو الحجة 1445 هـ' },
	{ line: 'تاريخ النشر: 1445/12/06 هـ  ', marker: 'تاريخ النشر:', value: '1445/12/06 هـ' },
];

const sourceVariants: Variant[] = [
	{ line: 'المصدر: البوابة نيوز', marker: 'المصدر:', value: 'البوابة نيوز' },
	{ line: 'المصدر : البوابة نيوز', marker: 'المصدر :', value: 'البوابة نيوز' },
	{ line: 'المصدر البوابة نيوز', marker: 'المصدر', value: 'البوابة نيوز' },
	{ line: 'المـصـدر: البوابة نيوز', marker: 'المـصـدر:', value: 'البوابة نيوز' },
	{ line: 'الْمَصْدَرُ: البوابة نيوز', marker: 'الْمَصْدَرُ:', value: 'البوابة نيوز' },
	{ line: 'ألمصدر: وكالة الأنباء السعودية (واس)', marker: 'ألمصدر:', value: 'وكالة الأنباء السعودية (واس)' },
	{ line: 'المصدر:', marker: 'المصدر:', value: '' },
];

const keywordsVariants: Variant[] = [
	{ line: KEYWORDS, marker: 'كلمات دلالية:', value: 'الزعيم الكوري الشمالي كيم جونج أون فلاديمير بوتين موسكو بيونج يانج' },
	{ line: 'كلمات دلالية : موسكو بيونج يانج', marker: 'كلمات دلالية :', value: 'موسكو بيونج يانج' },
	{ line: 'كلمات دلالية موسكو بيونج يانج', marker: 'كلمات دلالية', value: 'موسكو بيونج يانج' },
	{ line: 'كلمـات دلاليـة: موسكو، بيونج يانج، بوتين', marker: 'كلمـات دلاليـة:', value: 'موسكو، بيونج يانج، بوتين' },
	{ line: 'كَلِمَاتٌ دَلَالِيَّةٌ: موسكو, بوتين', marker: 'كَلِمَاتٌ دَلَالِيَّةٌ:', value: 'موسكو, بوتين' },
	{ line: 'كلمات دلاليه: موسكو', marker: 'كلمات دلاليه:', value: 'موسكو' },
];

for (const [name, variants, markerScope, valueScope] of [
	['date', dateVariants, S.dateMarker, S.dateValue],
	['source', sourceVariants, S.sourceMarker, S.sourceName],
	['keywords', keywordsVariants, S.keywordsMarker, S.keywords],
] as const) {
	test(`${name} marker variants get the marker scope, their value the value scope`, async () => {
		const g = await grammar();
		for (const v of variants) {
			const lines = tokenize(g, doc(HEADLINE, BODY, v.line, BODY));
			const l = lines[2]!;
			assert.equal(textOf(l, markerScope), v.marker, `marker of «${v.line}»`);
			assert.equal(textOf(l, valueScope), v.value, `value of «${v.line}»`);
			assert.equal(lineHas(l, 'markup.heading'), false);
			assert.equal(textOf(l, S.colon), v.marker.endsWith(':') ? ':' : '');
			assertPlain(lines[1]!, 'body before');
			assertPlain(lines[3]!, 'body after');
		}
	});
}

test('boilerplate line', async () => {
	const g = await grammar();
	for (const line of ['تابع أحدث الأخبار عبر تطبيق', 'تابع احدث الاخبار عبر تطبيق', 'تابـع أحـدث الأخبـار عبر تطبيـق ']) {
		const l = tokenize(g, doc(HEADLINE, DATE, line, BODY))[2]!;
		assert.equal(textOf(l, S.boilerplate), line, `«${line}»`);
	}
	const notBoiler = tokenize(g, doc(HEADLINE, 'تابع أحدث الأخبار عبر تطبيق نبض وموقعنا الرسمي.'))[1]!;
	assertPlain(notBoiler, 'longer sentence starting like the boilerplate');
});

const readAlsoAlone = [
	'إقرأ أيضاً:',
	'اقرأ أيضا:',
	'اقرأ أيضًا:',
	'إقرأ أيضاً',
	'اقرأ أيضا',
	'إقرأ أيضاً :',
	'إقـرأ أيـضـاً:',
	'اِقْرَأْ أَيْضًا:',
	'أقرأ ايضا:',
	'إقرأ أيضاً:  ',
];

test('read-also marker variants, then related headline and paragraphs', async () => {
	const g = await grammar();
	for (const marker of readAlsoAlone) {
		const lines = tokenize(g, doc(HEADLINE, DATE, BODY, SOURCE, KEYWORDS, marker,
			'بوتين وبزشكيان يوقعان اتفاقية للشراكة الاستراتيجية .. شاهد',
			'وقع الرئيس الروسي فلاديمير بوتين على اتفاقية جديدة.'));
		assert.equal(textOf(lines[5]!, S.readAlsoMarker), marker.trim(), `marker «${marker}»`);
		assert.equal(lineHas(lines[5]!, 'markup.heading'), false);
		assert.equal(textOf(lines[6]!, S.relatedHeadline), 'بوتين وبزشكيان يوقعان اتفاقية للشراكة الاستراتيجية .. شاهد', `headline after «${marker}»`);
		assertPlain(lines[7]!, 'related paragraph');
	}
});

test('read-also marker with the headline on the same line', async () => {
	const g = await grammar();
	const cases: Array<[string, string, string]> = [
		['إقرأ أيضاً: بوتين يزور بيونج يانج .. فيديو', 'إقرأ أيضاً:', 'بوتين يزور بيونج يانج .. فيديو'],
		['اقرأ أيضا : بوتين: «سنرد بحزم»', 'اقرأ أيضا :', 'بوتين: «سنرد بحزم»'],
		['اقرأ أيضًا:بوتين يزور بيونج يانج', 'اقرأ أيضًا:', 'بوتين يزور بيونج يانج'],
		['اقرأ أيضا بوتين يزور بيونج يانج', 'اقرأ أيضا', 'بوتين يزور بيونج يانج'],
	];
	for (const [line, marker, headline] of cases) {
		const lines = tokenize(g, doc(HEADLINE, DATE, BODY, SOURCE, KEYWORDS, line,
			'وقع الرئيس الروسي فلاديمير بوتين على اتفاقية جديدة.',
			'ولفت إلى أن إيران تعمل مع روسيا.',
			'كوريا الشمالية تطلق صاروخا جديدا .. فيديو'));
		assert.equal(textOf(lines[5]!, S.readAlsoMarker), marker, `marker of «${line}»`);
		assert.equal(textOf(lines[5]!, S.relatedHeadline), headline, `headline of «${line}»`);
		assertPlain(lines[6]!, 'paragraph after inline marker');
		assertPlain(lines[7]!, 'paragraph after inline marker');
		assert.equal(textOf(lines[8]!, S.relatedHeadline), 'كوريا الشمالية تطلق صاروخا جديدا .. فيديو');
	}
});

// ---------------------------------------------------------------------------
// Body paragraphs that look a bit like markers

test('body paragraphs never get a marker or heading scope', async () => {
	const g = await grammar();
	const body = [
		'ونقلت الوكالة عن المصدر قوله إن المحادثات مستمرة.',
		'وقال المصدر: إن الزيارة ستتم خلال أسابيع.',
		'المصدر الذي تحدث إلى الوكالة طلب عدم الكشف عن هويته لأنه غير مخول بالحديث إلى وسائل الإعلام.',
		'المصدر الذي تحدث للوكالة',
		'المصدر غير معروف.',
		'المصدرية شرط أساسي في العمل الصحفي بحسب المراقبين',
		'تاريخ النشر الأول للرواية يعود إلى عام 1990 بحسب ما ذكرت دار النشر في بيانها الصادر اليوم.',
		'تاريخ النشر الأول للرواية يعود إلى عام 1990 بحسب ما ذكرت دار النشر في بيانها الصادر اليوم',
		'المصدر الرئيسي للمعلومات في هذا التقرير هو وكالة الأنباء الرسمية وعدد من الدبلوماسيين الغربيين',
		'كلمات دلالية كثيرة استخدمها الكاتب في مقاله.',
		'تابع أحدث الأخبار عبر تطبيق نبض.',
		'سطر بلا علامة ترقيم في نهايته',
		'اقرأ أيضا ما كتبه الزميل عن الموضوع في عدد الأمس.',
		'قصير بلا نقطة',
	];
	const lines = tokenize(g, doc(HEADLINE, DATE, ...body, SOURCE, KEYWORDS));
	body.forEach((_, i) => {
		assertPlain(lines[i + 2]!, `body line ${i + 1}`);
		assert.equal(lineHas(lines[i + 2]!, S.relatedSection), false, 'a read-also look-alike does not open the related section');
	});
	assert.equal(textOf(lines[body.length + 2]!, S.sourceMarker), 'المصدر:');
	assert.equal(textOf(lines[body.length + 3]!, S.keywordsMarker), 'كلمات دلالية:');
});

// ---------------------------------------------------------------------------
// Related articles

test('related section: headlines vs paragraphs', async () => {
	const g = await grammar();
	const related = [
		/* 0 */ 'بوتين: «سنرد بحزم على أي تهديد»', // first line after the marker: a headline whatever it ends with
		/* 1 */ 'وقال بوتين إن روسيا سترد بحزم على أي تهديد لأمنها القومي في المنطقة وخارجها.',
		/* 2 */ 'وأضاف: «لن نسمح بذلك»',
		/* 3 */ 'وتابع قائلا: "هذا خط أحمر"',
		/* 4 */ 'ولفت إلى ذلك.',
		/* 5 */ 'هل تنجح المفاوضات بين موسكو وكييف؟',
		/* 6 */ 'وتساءل: لماذا الآن!',
		/* 7 */ 'وقال:',
		/* 8 */ 'كوريا الشمالية تطلق صاروخا جديدا .. فيديو',
		/* 9 */ 'أطلقت كوريا الشمالية صاروخا باليستيا.',
		/* 10 */ 'صور',
		/* 11 */ 'زيارة بوتين إلى بيونج يانج في صور  ',
	];
	const isHeadline = [true, false, false, false, false, false, false, false, true, false, true, true];
	const lines = tokenize(g, doc(HEADLINE, DATE, BODY, SOURCE, KEYWORDS, 'إقرأ أيضاً:', ...related));
	related.forEach((text, i) => {
		const l = lines[i + 6]!;
		assert.ok(lineHas(l, S.relatedSection));
		if (isHeadline[i]) {
			assert.equal(textOf(l, S.relatedHeadline), text.trim(), `related headline «${text}»`);
		} else {
			assertPlain(l, `related paragraph ${i}`);
		}
	});
	for (let i = 0; i < 5; i++) {
		assert.equal(lineHas(lines[i]!, S.relatedSection), false);
	}
});

test('related section: marker lines between the read-also marker and the first headline stay markers', async () => {
	const g = await grammar();
	const lines = tokenize(g, doc(HEADLINE, DATE, BODY, SOURCE, KEYWORDS, 'إقرأ أيضاً:',
		'تابع أحدث الأخبار عبر تطبيق',
		'تاريخ النشر: 17th, January 2025 GMT',
		'بوتين يستقبل بزشكيان في الكرملين.',
		'وقع الرئيس الروسي على الاتفاقية.',
		'المصدر: سبوتنيك'));
	assert.equal(textOf(lines[6]!, S.boilerplate), 'تابع أحدث الأخبار عبر تطبيق');
	assert.equal(textOf(lines[7]!, S.dateValue), '17th, January 2025 GMT');
	assert.equal(textOf(lines[8]!, S.relatedHeadline), 'بوتين يستقبل بزشكيان في الكرملين.');
	assertPlain(lines[9]!, 'paragraph');
	assert.equal(textOf(lines[10]!, S.sourceName), 'سبوتنيك');
	assert.equal(lineHas(lines[10]!, 'markup.heading'), false);
});

test('related section: a second read-also block and a blank line after the marker', async () => {
	const g = await grammar();
	const lines = tokenize(g, doc(HEADLINE, DATE, BODY, SOURCE, KEYWORDS,
		'اقرأ أيضا:', '', 'عنوان أول .. شاهد', 'فقرة أولى.',
		'إقرأ أيضاً:', 'عنوان ثان ينتهي بنقطة.', 'فقرة ثانية.'));
	assert.equal(lineHas(lines[6]!, 'markup.heading'), false);
	assert.equal(textOf(lines[7]!, S.relatedHeadline), 'عنوان أول .. شاهد');
	assertPlain(lines[8]!, 'paragraph');
	assert.equal(textOf(lines[9]!, S.readAlsoMarker), 'إقرأ أيضاً:');
	assert.equal(textOf(lines[10]!, S.relatedHeadline), 'عنوان ثان ينتهي بنقطة.');
	assertPlain(lines[11]!, 'paragraph');
});

// ---------------------------------------------------------------------------
// Performance: a 1 MB line must not hang the tokenizer

test('1 MB lines: no hang, same scopes as short lines', async () => {
	const g = await grammar();
	const MB = 1 << 20;
	const words = 'وقال الرئيس الروسي إن العلاقات مع بيونج يانج قوية '.repeat(Math.ceil(MB / 50)).slice(0, MB);
	const spaces = ' '.repeat(MB);
	const related = doc(HEADLINE, DATE, BODY, SOURCE, KEYWORDS, 'إقرأ أيضاً:', 'عنوان .. شاهد');
	const cases: Array<[string, string, string | null]> = [
		// [name, document, scope expected on the last line (null: no structural scope at all)]
		['headline', words, S.headline],
		['body ending with a full stop', doc(HEADLINE, words + '.'), null],
		['body without final punctuation', doc(HEADLINE, words), null],
		['spaces then a full stop', doc(HEADLINE, spaces + '.'), null],
		['dots and spaces', doc(HEADLINE, '. '.repeat(MB / 2)), null],
		['source marker then words', doc(HEADLINE, 'المصدر ' + words + '.'), null],
		['source marker then spaces', doc(HEADLINE, 'المصدر:' + spaces), S.sourceMarker],
		['date marker then words', doc(HEADLINE, 'تاريخ النشر ' + words), null],
		['keywords marker then words', doc(HEADLINE, 'كلمات دلالية: ' + words), S.keywords],
		['keywords colon-less then spaces and a dot', doc(HEADLINE, 'كلمات دلالية' + spaces + '.'), null],
		['read-also marker then spaces', doc(HEADLINE, 'إقرأ أيضاً' + spaces + '.'), null],
		['read-also inline headline', doc(HEADLINE, 'إقرأ أيضاً: ' + words), S.relatedHeadline],
		['related paragraph', doc(related, words + '.'), null],
		['related headline', doc(related, words), S.relatedHeadline],
		['related spaces', doc(related, spaces + 'x' + spaces + '.'), null],
		['related headline after spaces', doc(related, spaces + 'عنوان'), S.relatedHeadline],
	];
	for (const [name, text, expected] of cases) {
		const t0 = performance.now();
		const lines = tokenize(g, text);
		const ms = performance.now() - t0;
		assert.ok(ms < 3000, `${name}: ${ms.toFixed(0)} ms`);
		const last = lines[lines.length - 1]!;
		if (expected) {
			assert.ok(lineHas(last, expected), `${name}: ${expected}`);
		} else {
			assertPlain(last, name);
		}
	}
});

// ---------------------------------------------------------------------------
// Theme colours: the chosen scopes are distinct in Dark+/Dark Modern and Light+/Light Modern.
// (Dark Modern / Light Modern include Dark+ / Light+ and add no token rules.) Relevant rules of
// extensions/theme-defaults/themes/{dark_vs,dark_plus,light_vs,light_plus}.json:

const themeRules = {
	'Dark+': {
		fg: '#D4D4D4',
		rules: [
			['comment', '#6A9955'], ['constant.numeric', '#B5CEA8'], ['entity.name.tag', '#569CD6'],
			['markup.bold', '#569CD6', 'bold'], ['markup.heading', '#569CD6', 'bold'], ['markup.italic', '', 'italic'],
			['string', '#CE9178'], ['keyword', '#569CD6'], ['keyword.control', '#C586C0'],
			['entity.name.type', '#4EC9B0'], ['entity.name.function', '#DCDCAA'], ['variable', '#9CDCFE'],
		],
	},
	'Light+': {
		fg: '#000000',
		rules: [
			['comment', '#008000'], ['constant.numeric', '#098658'], ['entity.name.tag', '#800000'],
			['markup.bold', '#000080', 'bold'], ['markup.heading', '#800000', 'bold'], ['markup.italic', '', 'italic'],
			['string', '#A31515'], ['keyword', '#0000FF'], ['keyword.control', '#AF00DB'],
			['entity.name.type', '#267F99'], ['entity.name.function', '#795E26'], ['variable', '#001080'],
		],
	},
} as const;

for (const [themeName, def] of Object.entries(themeRules)) {
	test(`scopes resolve to distinct colours in ${themeName}`, async () => {
		const theme: vsctm.IRawTheme = {
			settings: [
				{ settings: { foreground: def.fg, background: '#FFFFFF' } },
				...def.rules.map(([scope, foreground, fontStyle]) => ({
					scope,
					settings: { ...(foreground ? { foreground } : {}), ...(fontStyle ? { fontStyle } : {}) },
				})),
			],
		};
		const { registry, grammar: g } = await load(theme);
		const colorMap = registry.getColorMap();
		const text = doc(HEADLINE, DATE, 'تابع أحدث الأخبار عبر تطبيق', BODY, SOURCE, KEYWORDS, 'إقرأ أيضاً:', 'عنوان مرتبط .. شاهد');
		let state = vsctm.INITIAL;
		const styleAt = new Map<string, { fg: string; bold: boolean; italic: boolean }>();
		const probes: Array<[number, string, string]> = [
			[0, 'كوريا', 'headline'], [1, 'تاريخ', 'marker'], [1, 'June', 'date'], [2, 'تابع', 'boilerplate'],
			[3, 'أرسل', 'body'], [4, 'البوابة', 'source'], [5, 'موسكو', 'keywords'], [6, 'أيضاً', 'readAlso'], [7, 'عنوان', 'related'],
		];
		text.split('\n').forEach((line, lineNo) => {
			const r = g.tokenizeLine2(line, state);
			state = r.ruleStack;
			for (const [probeLine, needle, key] of probes) {
				if (probeLine !== lineNo) {
					continue;
				}
				const offset = line.indexOf(needle);
				let meta = 0;
				for (let i = 0; i < r.tokens.length; i += 2) {
					if (r.tokens[i]! <= offset) {
						meta = r.tokens[i + 1]!;
					}
				}
				const fontStyle = (meta & 0x7800) >>> 11;
				styleAt.set(key, {
					fg: colorMap[(meta & 0xff8000) >>> 15]!.toUpperCase(),
					bold: (fontStyle & 2) !== 0,
					italic: (fontStyle & 1) !== 0,
				});
			}
		});
		const fg = (k: string): string => styleAt.get(k)!.fg;
		const distinct = ['headline', 'marker', 'date', 'boilerplate', 'body', 'source', 'keywords'];
		assert.equal(new Set(distinct.map(fg)).size, distinct.length, JSON.stringify(Object.fromEntries(styleAt)));
		assert.equal(fg('body'), def.fg);
		assert.equal(fg('readAlso'), fg('marker'));
		assert.equal(fg('related'), fg('headline'));
		assert.equal(styleAt.get('headline')!.bold, true);
		assert.equal(styleAt.get('related')!.italic, true, 'related headlines: heading colour, italic instead of bold');
		assert.equal(styleAt.get('related')!.bold, false);
	});
}

// ---------------------------------------------------------------------------
// Standard token types: the keywords value is `string.*`, which would turn off quick
// suggestions (editor.quickSuggestions.strings is off by default) on the very line where
// keyword completion is wanted; contributes.grammars[].tokenTypes maps it back to "other".

test('tokenTypes override turns the keywords value into an "other" token', async () => {
	const typeOf = async (configuration: vsctm.IGrammarConfiguration): Promise<number> => {
		const { grammar: g } = await load(undefined, configuration);
		const l1 = g.tokenizeLine(HEADLINE, vsctm.INITIAL);
		const r = g.tokenizeLine2(KEYWORDS, l1.ruleStack);
		const offset = KEYWORDS.indexOf('موسكو');
		let meta = 0;
		for (let i = 0; i < r.tokens.length; i += 2) {
			if (r.tokens[i]! <= offset) {
				meta = r.tokens[i + 1]!;
			}
		}
		return (meta & 0x300) >>> 8; // 0 other, 1 comment, 2 string
	};
	assert.equal(await typeOf({}), 2);
	const OTHER = 0;
	const tokenTypes = { [S.keywords]: OTHER } as unknown as vsctm.ITokenTypeMap;
	assert.equal(await typeOf({ tokenTypes }), 0);

	// Once package.json contributes the grammar, it must carry that override.
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
		contributes?: { grammars?: Array<{ scopeName?: string; path?: string; tokenTypes?: Record<string, string> }> };
	};
	const contributed = pkg.contributes?.grammars?.find((x) => x.scopeName === SCOPE_NAME);
	if (contributed) {
		assert.equal(path.resolve(repoRoot, contributed.path ?? ''), grammarPath);
		assert.equal(contributed.tokenTypes?.[S.keywords], 'other',
			`package.json contributes.grammars[${SCOPE_NAME}] needs "tokenTypes": { "${S.keywords}": "other" }`);
	}
});

// ---------------------------------------------------------------------------
// language-configuration.json

interface LanguageConfiguration {
	wordPattern: string | { pattern: string; flags?: string };
	brackets: Array<[string, string]>;
	autoClosingPairs: Array<{ open: string; close: string } | [string, string]>;
	surroundingPairs: Array<{ open: string; close: string } | [string, string]>;
	comments?: unknown;
}

function languageConfiguration(): LanguageConfiguration {
	return JSON.parse(fs.readFileSync(languageConfigurationPath, 'utf8')) as LanguageConfiguration;
}

/** As VS Code does: `new RegExp(pattern, flags)`, then ensureValidWordDefinition() adds `g`. */
function wordRegExps(): RegExp[] {
	const wp = languageConfiguration().wordPattern;
	const [pattern, flags] = typeof wp === 'string' ? [wp, ''] : [wp.pattern, wp.flags ?? ''];
	const parsed = new RegExp(pattern, flags);
	const vscodeFlags = 'g' + (parsed.ignoreCase ? 'i' : '') + (parsed.multiline ? 'm' : '') + (parsed.unicode ? 'u' : '');
	return [new RegExp(parsed.source, vscodeFlags), new RegExp(parsed.source, 'gu')];
}

test('wordPattern: Arabic words with harakat and tatweel, split at punctuation', () => {
	for (const re of wordRegExps()) {
		const words = (s: string): string[] => s.match(re) ?? [];
		assert.deepEqual(words('بـ"علاقات'), ['بـ', 'علاقات']);
		assert.deepEqual(words('تُقهر'), ['تُقهر']);
		assert.deepEqual(words('أيضاً'), ['أيضاً']);
		assert.deepEqual(words('أيضًا'), ['أيضًا']);
		assert.deepEqual(words('«موسكو»'), ['موسكو']);
		assert.deepEqual(words('كيم، اليوم.'), ['كيم', 'اليوم']);
		assert.deepEqual(words('النشر: 12th, June'), ['النشر', '12th', 'June']);
		assert.deepEqual(words('(روسيا) [واس]'), ['روسيا', 'واس']);
		assert.deepEqual(words('١٢ ۱۲ 12'), ['١٢', '۱۲', '12']);
		assert.deepEqual(words('می\u200Cخواهم'), ['می\u200Cخواهم']);
		assert.deepEqual(words('الْمَصْدَرُ؟ نعم؛ لا!'), ['الْمَصْدَرُ', 'نعم', 'لا']);
		assert.deepEqual(words('ڤيديو گوگل'), ['ڤيديو', 'گوگل']);
		assert.deepEqual(words('تاريـــخ'), ['تاريـــخ']);
		if (fs.existsSync(path.join(samplesDir, SAMPLE))) {
			for (const w of words(fs.readFileSync(path.join(samplesDir, SAMPLE), 'utf8'))) {
				assert.doesNotMatch(w, /[\s،؛؟«»".:,()!?]/u, w);
			}
		}
	}
});

test('language configuration: pairs for « » " " ( ) [ ], no comments', () => {
	const c = languageConfiguration();
	const pairs = (list: LanguageConfiguration['autoClosingPairs']): string[] =>
		list.map((p) => (Array.isArray(p) ? p.join('') : p.open + p.close));
	assert.deepEqual(c.brackets.map((b) => b.join('')).sort(), ['()', '[]', '«»'].sort());
	for (const expected of ['«»', '""', '()', '[]']) {
		assert.ok(pairs(c.autoClosingPairs).includes(expected), `autoClosingPairs has ${expected}`);
		assert.ok(pairs(c.surroundingPairs).includes(expected), `surroundingPairs has ${expected}`);
	}
	assert.equal(c.comments, undefined);
});

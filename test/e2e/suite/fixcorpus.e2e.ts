// "Arabic News: Fix All in Corpus", end to end, on a copy of the demo corpus: the workspace of this
// suite's own VS Code session is samples/*.txt plus the three dirty articles of test/e2e/fixcorpus
// (runTest.ts). The command shows VS Code's refactor preview, nothing is written until the
// preview's Apply, and after it only problems without a safe fix are left; Discard writes nothing.
//
// How VS Code 1.100 handles the edit (src/vs/workbench/contrib/bulkEdit/browser/preview): every change
// of the edit is annotated `needsConfirmation`, so the bulk edit service hands it to the refactor
// preview, a view in the panel. The preview starts with every change that needs confirmation
// UNTICKED (BulkFileOperations: `checked.updateChecked(edit, !edit.metadata?.needsConfirmation)`):
// the user ticks what to keep, then presses Apply (`refactorPreview.apply`) or Discard
// (`refactorPreview.discard`); only then does the extension's `workspace.applyEdit` resolve (false
// when nothing was ticked, or on Discard). For each file the preview keeps a text model with the
// ticked changes applied, URI scheme `vscode-bulkeditpreview-editor`, query = the file's URI; the
// extension host sees those models as TextDocuments, which is how this suite reads what the preview
// shows. It ticks files as a user does with the keyboard: the preview's tree grouped by file and
// collapsed, `list.focusFirst`, then per file `refactorPreview.toggleCheckedState` (Space) and
// `list.focusDown`, waiting each time for that file's preview to show the fixes. After Apply, VS
// Code saves the files itself (`files.refactoring.autoSave`, on by default, for an edit of several
// files); the suite saves what is still unsaved anyway.
//
// Moving the focus in the preview's tree opens its multi-file diff editor ("Refactor Preview (N
// files)"), which keeps every file of the edit open as a hidden document for the rest of the
// session, also once it is closed (measured in 1.100.3). The language server then treats those
// files as open documents: deleting them from disk no longer takes them out of the corpus. Hence a
// session of its own for this suite, on a throwaway workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FixAllInCorpusResult } from '../../../client/src/corpusCommands';
import type { ArabicNewsApi } from '../../../client/src/extension';
import { activateExtension, basename, closeAllEditors, codeOf, EXTENSION_ID, publicationCount, revert, show, waitFor, workspaceFile } from './util';

/** The scheme of the refactor preview's text models (BulkEditPreviewProvider.Schema in VS Code 1.100). */
const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';

/**
 * Three articles written for this test, each first clean, then with defects that have safe fixes.
 * After "Fix All in Corpus" each must read exactly as its clean text. The third also lacks its
 * keywords line (AN107), which no fix can write: that problem must remain.
 */
interface Dirty {
  readonly name: string;
  readonly clean: readonly string[];
  readonly soil: (lines: string[]) => string[];
  /** Rules with a safe fix the dirty text must show before the fix. */
  readonly rules: readonly string[];
  /** What must remain after it (rules without a safe fix). */
  readonly remains: readonly string[];
}

const DIRTY: readonly Dirty[] = [
  {
    name: '013_6d2f8a1c4b9e7035.txt',
    clean: [
      'البنك المركزي يرفع احتياطيات النقد الأجنبي إلى مستوى قياسي',
      'تاريخ النشر: 3rd, July 2024 GMT',
      'أعلن البنك المركزي، اليوم الأربعاء، ارتفاع احتياطيات النقد الأجنبي إلى مستوى قياسي بنهاية يونيو، مدعومة بزيادة تحويلات العاملين في الخارج وإيرادات السياحة.',
      'وقال محافظ البنك في بيان إن الاحتياطيات تغطي واردات البلاد لأكثر من ثمانية أشهر، وهو أعلى مستوى لها منذ عشر سنوات.',
      'ويرى اقتصاديون أن تحسن الاحتياطيات يعزز استقرار سعر الصرف ويمنح البنك المركزي مجالاً أوسع لخفض أسعار الفائدة.',
      'المصدر: صحيفة الاقتصاد اليوم',
      'كلمات دلالية: البنك المركزي أسعار الفائدة سعر الصرف',
    ],
    // Spaces at the end of the headline, a doubled space, a stretched word (tatweel), "المصدر :".
    soil: (l) => [
      `${l[0]}  `,
      l[1]!,
      l[2]!.replace('ارتفاع احتياطيات', 'ارتفاع  احتياطيات').replace('قياسي بنهاية', 'قيـــاسي بنهاية'),
      l[3]!,
      l[4]!,
      l[5]!.replace('المصدر: ', 'المصدر : '),
      l[6]!,
    ],
    rules: ['AN204', 'AN210', 'AN110'],
    remains: [],
  },
  {
    name: '014_9b3e5c7a1d2f8046.txt',
    clean: [
      'إغلاق ميناء الصيد الرئيسي مؤقتاً بسبب الرياح الشديدة وارتفاع الأمواج',
      'تاريخ النشر: 18th, January 2024 GMT',
      'قررت سلطات الميناء، صباح الخميس، إغلاق ميناء الصيد الرئيسي أمام حركة القوارب بشكل مؤقت، بعد تحذيرات من رياح شديدة وأمواج يتجاوز ارتفاعها أربعة أمتار.',
      'وأوضح مدير الميناء أن القرار يستمر حتى تحسن الأحوال الجوية، داعياً الصيادين إلى تأمين قواربهم ومتابعة النشرات الجوية.',
      'وتوقعت الأرصاد الجوية أن تهدأ الرياح تدريجياً اعتباراً من مساء السبت.',
      'المصدر: صحيفة الساحل',
      'كلمات دلالية: الأرصاد الجوية الرياح الشديدة الصيادين',
    ],
    // The date as the outlet wrote it, a zero-width space inside a word, "&nbsp;", a blank line.
    soil: (l) => [
      l[0]!,
      'تاريخ النشر: 18 يناير 2024',
      l[2]!.replace('الرئيسي أمام', 'الرئي\u200Bسي أمام'),
      l[3]!.replace('داعياً الصيادين', 'داعياً&nbsp;الصيادين'),
      '',
      l[4]!,
      l[5]!,
      l[6]!,
    ],
    rules: ['AN104', 'AN201', 'AN203', 'AN112'],
    remains: [],
  },
  {
    name: '015_e4a1c8f6b2d97053.txt',
    clean: [
      'افتتاح مستشفى جامعي جديد بسعة خمسمئة سرير في الضاحية الشرقية',
      'تاريخ النشر: 25th, September 2024 GMT',
      'افتتح وزير الصحة، اليوم الأربعاء، مستشفى جامعياً جديداً في الضاحية الشرقية بسعة خمسمئة سرير، يضم أقساماً للطوارئ وجراحة القلب وطب الأطفال.',
      'وقال الوزير إن المستشفى سيخدم أكثر من مليون نسمة، وسيسهم في تخفيف الضغط عن مستشفيات وسط العاصمة.',
      'وأضاف أن الوزارة تعتزم افتتاح مستشفيين آخرين في المحافظات الجنوبية قبل نهاية العام المقبل.',
      'المصدر: موقع أخبار الصحة',
    ],
    // An app banner, a Persian kaf (ک), the same paragraph twice.
    soil: (l) => [l[0]!, l[1]!, 'تابع أحدث الأخبار عبر تطبيق', l[2]!, l[3]!.replace('أكثر من', 'أکثر من'), l[3]!, l[4]!, l[5]!],
    rules: ['AN207', 'AN212', 'AN206'],
    remains: ['AN107'],
  },
];

/** The articles of samples/ (samples/README.md). */
const DEMO_SAMPLES = [
  '000_3f9a1c7e5b2d4a86.txt', '001_7c2e9b4a1f6d8e03.txt', '002_a41d6e8c2b9f7035.txt', '003_5e8b2f1a9c4d7e60.txt', '004_c9f3a7d25e1b8046.txt',
  '005_1b7e4c9a3d6f2e85.txt', '006_e2d85a3f7c1b9604.txt', '007_8f4a2c6e1d9b3a57.txt', '008_d6b19e3c7a5f2408.txt', '009_2a7f5d1e8c3b6e94.txt',
  '010_b5c83e9d2f1a7064.txt', '011_4e1a9b7c3d5f8e26.txt', '012_f07c6b2e9a4d1358.txt',
];

function api(): ArabicNewsApi {
  const ext = vscode.extensions.getExtension<ArabicNewsApi>(EXTENSION_ID);
  assert.ok(ext?.isActive, 'the extension is active');
  return ext.exports;
}

const keyOf = (uri: vscode.Uri): string => uri.toString();
const read = (uri: vscode.Uri): string => fs.readFileSync(uri.fsPath, 'utf8');
const rel = (key: string): string => {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.toString();
  return key.startsWith(folder) ? decodeURIComponent(key.slice(folder.length + 1)) : key;
};

/** Every `.txt` file of the workspace, recursively. */
function corpusFiles(): vscode.Uri[] {
  const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const out: vscode.Uri[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith('.')) walk(p);
      else if (e.isFile() && e.name.endsWith('.txt')) out.push(vscode.Uri.file(p));
    }
  };
  walk(root);
  return out.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** The number of articles the server's corpus index holds (the Corpus view's source groups). */
async function indexedArticles(): Promise<number> {
  const tree = api().views.corpusTree;
  tree.setFilter('');
  tree.setGroupBy('source');
  const nodes = await tree.getChildren();
  return nodes.reduce((n, node) => n + (node.kind === 'group' ? node.count : 0), 0);
}

/** The rule ids (all severities) of our diagnostics of a file, with 1-based lines. */
function problems(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'arabic-news')
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1}`)
    .sort();
}
const rulesOf = (uri: vscode.Uri): string[] => [...new Set(problems(uri).map((p) => p.slice(0, p.indexOf('@'))))];

/**
 * The refactor preview's documents of the sessions not in `old`, by the URI of the file they
 * preview. The query holds the file's URI as the workbench knows it: in code-server that is
 * `vscode-remote://host:port/path` for what the extension host calls `file:///path`.
 */
function previewDocs(old: ReadonlySet<string>): Map<string, vscode.TextDocument> {
  const out = new Map<string, vscode.TextDocument>();
  for (const d of vscode.workspace.textDocuments) {
    if (d.uri.scheme !== PREVIEW_SCHEME || old.has(d.uri.authority) || !d.uri.query) continue;
    const file = vscode.Uri.parse(d.uri.query);
    out.set(keyOf(file.scheme === 'vscode-remote' ? vscode.Uri.file(file.path) : file), d);
  }
  return out;
}
const previewSessions = (): Set<string> => new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW_SCHEME).map((d) => d.uri.authority));

/** A run of the command: its promise, and what it settled to so far. */
interface Run {
  readonly done: Thenable<FixAllInCorpusResult | undefined>;
  settled?: { value?: FixAllInCorpusResult; error?: unknown };
  /** Preview sessions that existed before this run. */
  readonly oldSessions: ReadonlySet<string>;
}

function startFixAll(): Run {
  const oldSessions = previewSessions();
  const done = vscode.commands.executeCommand<FixAllInCorpusResult | undefined>('arabicNews.fixAllInCorpus');
  const run: Run = { done, oldSessions };
  done.then(
    (value) => (run.settled = { value }),
    (error: unknown) => (run.settled = { error }),
  );
  return run;
}

async function finished(run: Run, timeoutMs: number, what: string): Promise<FixAllInCorpusResult> {
  const settled = await waitFor(() => run.settled, (s) => s !== undefined, timeoutMs, what);
  if (settled!.error !== undefined) throw settled!.error;
  assert.ok(settled!.value, `the command returns what it did; got ${show(settled!.value)}`);
  return settled!.value;
}

/**
 * Accepts the quick pick of rules (every rule is ticked there by default) until the refactor
 * preview shows a document for each of `files`, and returns the preview's documents.
 */
async function waitForPreview(run: Run, files: readonly vscode.Uri[], originals: ReadonlyMap<string, string>): Promise<Map<string, vscode.TextDocument>> {
  const state = await waitFor(
    async () => {
      if (!run.settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const docs = previewDocs(run.oldSessions);
      return { settled: run.settled, previews: [...docs.keys()].map(rel), documents: vscode.workspace.textDocuments.map((d) => d.uri.toString()) };
    },
    (s) => s.settled !== undefined || files.every((f) => s.previews.includes(rel(keyOf(f)))),
    30_000,
    `the refactor preview to open with the files ${show(files.map((f) => basename(f)))} (after the quick pick of rules is accepted)`,
    150,
  );
  if (state.settled) assert.fail(`the command ended before any preview was shown: ${show(state.settled)}`);
  const docs = previewDocs(run.oldSessions);
  for (const [key, doc] of docs) {
    assert.ok(originals.has(key), `the preview shows only files of the corpus; ${rel(key)} is not one`);
    assert.equal(doc.getText(), originals.get(key), `${rel(key)}: nothing is ticked when the preview opens, so its preview is the file as it is`);
  }
  return docs;
}

/** Files whose preview differs from the file on disk (their changes are ticked). */
const ticked = (docs: ReadonlyMap<string, vscode.TextDocument>, originals: ReadonlyMap<string, string>): string[] =>
  [...docs].filter(([key, doc]) => doc.getText() !== originals.get(key)).map(([key]) => key);

/**
 * Ticks the files of the preview one after the other, with the commands of its keyboard (Space on a
 * file node of the tree, then Down), until `enough` holds; waits for each tick to show in the file's
 * preview document.
 */
async function tickFiles(run: Run, originals: ReadonlyMap<string, string>, enough: (ticked: number, files: number) => boolean): Promise<Map<string, vscode.TextDocument>> {
  // Each refactorPreview.* command opens and focuses the preview first; group its tree by file, collapsed.
  await vscode.commands.executeCommand('refactorPreview.groupByFile');
  await vscode.commands.executeCommand('list.collapseAll');
  await vscode.commands.executeCommand('list.focusFirst');
  for (let step = 0; ; step++) {
    const docs = previewDocs(run.oldSessions);
    const before = ticked(docs, originals).length;
    assert.ok(step < docs.size, `ticked ${step} file nodes of the preview's tree, but only ${before} of its ${docs.size} files show their changes`);
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    const after = await waitFor(
      () => ticked(previewDocs(run.oldSessions), originals).length,
      (n) => n > before,
      10_000,
      `file node ${step + 1} of the preview's tree to be ticked (its preview document to show the fixes; ${before} ticked before)`,
    );
    if (enough(after, previewDocs(run.oldSessions).size)) return previewDocs(run.oldSessions);
    await vscode.commands.executeCommand('list.focusDown');
  }
}

/** Asserts that every file is as on disk as in `originals`, and that no open document has unsaved changes. */
function assertNothingWritten(originals: ReadonlyMap<string, string>, when: string): void {
  const changed = [...originals].filter(([key, text]) => {
    const uri = vscode.Uri.parse(key);
    return !fs.existsSync(uri.fsPath) || read(uri) !== text;
  });
  assert.deepEqual(changed.map(([key]) => rel(key)), [], `no file of the corpus is written ${when}`);
  const dirty = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.isDirty).map((d) => rel(keyOf(d.uri)));
  assert.deepEqual(dirty, [], `no document has unsaved changes ${when}`);
}

suite('fix all in corpus', () => {
  const copyUri = (name: string): vscode.Uri => workspaceFile(name);
  /** The text on disk of every .txt file of the workspace. */
  const originals = new Map<string, string>();
  let pending: Run | undefined;

  suiteSetup(async function () {
    this.timeout(90_000);
    await activateExtension();
    await closeAllEditors();
    const files = corpusFiles();
    const names = files.map(basename);
    const missing = [...DEMO_SAMPLES, ...DIRTY.map((d) => d.name)].filter((n) => !names.includes(n));
    assert.deepEqual(missing, [], 'this suite runs in its own session, on a copy of the demo corpus and test/e2e/fixcorpus (see runTest.ts)');
    for (const d of DIRTY) assert.equal(read(copyUri(d.name)), d.soil([...d.clean]).join('\n'), `test/e2e/fixcorpus/${d.name} is the suite's clean text with its defects`);
    for (const uri of files) originals.set(keyOf(uri), read(uri));

    // The server indexes the workspace at start and publishes the diagnostics of every article, open or not.
    await waitFor(() => api().views.statusBar().indexing?.visible, (v) => !v, 30_000, 'the indexing of the workspace to end');
    await waitFor(indexedArticles, (n) => n === files.length, 30_000, `the corpus index to hold the ${files.length} articles of the workspace`, 200);
    await waitFor(
      () => files.filter((uri) => publicationCount(uri) === 0).map(basename),
      (unchecked) => unchecked.length === 0,
      30_000,
      'the server to publish the diagnostics of every article',
    );
    for (const d of DIRTY) {
      await waitFor(
        () => rulesOf(copyUri(d.name)),
        (rules) => d.rules.every((r) => rules.includes(r)),
        20_000,
        `the diagnostics of ${d.name} (never opened) to show its defects ${show(d.rules)}`,
      );
    }
  });

  suiteTeardown(async () => {
    // A test that failed with the preview open: discard it, so nothing is written and the command ends.
    if (pending && !pending.settled) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('refactorPreview.discard');
      await finished(pending, 10_000, 'the command to end once its preview is discarded').catch(() => undefined);
    }
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.scheme === 'file') await revert(doc);
    await closeAllEditors();
  });

  test('Discard: the preview shows the fixes, nothing is written, even with changes ticked', async () => {
    assertNothingWritten(originals, 'before the command');
    const run = (pending = startFixAll());
    const dirty = DIRTY.map((d) => copyUri(d.name));
    await waitForPreview(run, dirty, originals);
    assert.equal(run.settled, undefined, 'the command waits for the preview');
    const docs = await tickFiles(run, originals, (n) => n >= 1);
    assertNothingWritten(originals, `while the preview is open with ${ticked(docs, originals).map(rel).join(', ')} ticked`);

    await vscode.commands.executeCommand('refactorPreview.discard');
    const result = await finished(run, 15_000, 'the command to end once the preview is discarded');
    assert.equal(result.applied, false, `nothing applied after Discard: ${show(result)}`);
    assert.ok(result.proposed > 0, `the preview had fixes in it: ${show(result)}`);
    assertNothingWritten(originals, 'after Discard');
    for (const d of DIRTY) {
      assert.ok(d.rules.every((r) => rulesOf(copyUri(d.name)).includes(r)), `${d.name} keeps its problems after Discard: ${show(problems(copyUri(d.name)))}`);
    }
  });

  test('Apply: after the preview only problems without a safe fix remain', async function () {
    this.timeout(120_000);
    assertNothingWritten(originals, 'before the command');
    const run = (pending = startFixAll());
    const dirty = DIRTY.map((d) => copyUri(d.name));
    await waitForPreview(run, dirty, originals);

    // Tick every file; the preview then shows each dirty article exactly as it was before it was soiled.
    const docs = await tickFiles(run, originals, (n, files) => n === files);
    for (const d of DIRTY) {
      assert.equal(docs.get(keyOf(copyUri(d.name)))?.getText(), d.clean.join('\n'), `the preview of ${d.name} is its clean text`);
    }
    const previewed = new Map([...docs].map(([key, doc]) => [key, doc.getText()]));
    assertNothingWritten(originals, `while the preview is open, every change ticked (${previewed.size} files)`);
    assert.equal(run.settled, undefined, 'the command waits for the preview');

    await vscode.commands.executeCommand('refactorPreview.apply');
    const result = await finished(run, 20_000, 'the command to end once the preview is applied');
    assert.equal(result.applied, true, `the edit is applied: ${show(result)}`);
    assert.equal(result.files, previewed.size, `the preview showed every file of the edit: ${show(result)}`);
    assert.ok(result.proposed >= DIRTY.reduce((n, d) => n + d.rules.length, 0), `at least the planted defects were fixed: ${show(result)}`);

    // The documents take the edit, and the files are saved (by VS Code, or here).
    const inDocuments = (key: string): string | undefined => vscode.workspace.textDocuments.find((d) => keyOf(d.uri) === key)?.getText();
    await waitFor(
      () => [...previewed].filter(([key, text]) => read(vscode.Uri.parse(key)) !== text && inDocuments(key) !== text).map(([key]) => rel(key)),
      (late) => late.length === 0,
      15_000,
      'every file of the edit to read as its preview, in its document or on disk',
    );
    await vscode.workspace.saveAll(false);
    await waitFor(
      () => [...previewed].filter(([key, text]) => read(vscode.Uri.parse(key)) !== text).map(([key]) => rel(key)),
      (unsaved) => unsaved.length === 0,
      15_000,
      'every file of the edit to be written to disk as the preview showed it',
    );
    for (const d of DIRTY) assert.equal(read(copyUri(d.name)), d.clean.join('\n'), `${d.name} on disk is its clean text`);
    const untouched = [...originals].filter(([key]) => !previewed.has(key));
    for (const [key, text] of untouched) assert.equal(read(vscode.Uri.parse(key)), text, `${rel(key)} has no safe fix and is not written`);

    // Diagnostics: the fixed rules are gone from every file of the edit, the problems without a fix remain.
    const fixedRules = new Set(Object.keys(result.byRule));
    for (const key of previewed.keys()) {
      const uri = vscode.Uri.parse(key);
      await waitFor(
        () => problems(uri),
        (found) => found.every((p) => !fixedRules.has(p.slice(0, p.indexOf('@')))),
        20_000,
        `the diagnostics of ${rel(key)} to have none of the fixed rules ${show([...fixedRules])}`,
      );
    }
    for (const d of DIRTY) assert.deepEqual(rulesOf(copyUri(d.name)), [...d.remains], `${d.name}: only ${show(d.remains)} is left`);
    assert.ok(problems(copyUri('003_5e8b2f1a9c4d7e60.txt')).includes('AN103@2'), `the impossible date of 003 (no safe fix) is left: ${show(problems(copyUri('003_5e8b2f1a9c4d7e60.txt')))}`);

    // The corpus has no safe fix left: run the command again; it ends at once (no quick pick of rules).
    const again = startFixAll();
    pending = again;
    const second = await waitFor(
      async () => {
        if (!again.settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return again.settled;
      },
      (s) => s !== undefined,
      20_000,
      'the second run of the command to end',
      150,
    );
    assert.equal(second!.error, undefined, `the second run fails: ${show(second!.error)}`);
    assert.equal(second!.value?.available, 0, `no safe fix is left in the corpus; the second run found ${show(second!.value?.availableByRule)}`);
  });
});

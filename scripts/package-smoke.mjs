#!/usr/bin/env node
// Smoke test of the packaged extension: builds the .vsix the way `npm run package` does, checks what
// it holds, installs it into a fresh code-server (VS Code 1.100.3 for the browser; a separate
// instance with its own profile and extensions folder, no development path), opens a workspace
// with one defective article and checks through the UI, in headless Chromium, that the installed
// extension activates and reports the defect: the language mode, the status bar item, the AN103
// row of the Problems panel (opened by clicking that item), the preview and the dashboard webviews
// (their scripts and styles come from the .vsix), clicking a paragraph of the preview moves the
// editor's cursor there and the cursor marks its line in the preview. Every wait is bounded; on a
// failure it exits 1 with the reason and saves the screen to $TMPDIR/arabic-news-vsix-smoke-failure.png.
//
// Usage: node scripts/package-smoke.mjs [--vsix FILE] [--keep]
//   --vsix FILE   test this .vsix instead of building one
//   --keep        keep the temporary folder (the .vsix, the extensions folder, the workspace)
// Env: CHROMIUM_PATH (default /usr/bin/chromium), ARABIC_NEWS_SMOKE_TIMEOUT_MS (per wait, default 30000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, until as pollUntil } from './code-server/browser.mjs';
import { ensureCodeServer, startCodeServer } from './code-server/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WAIT_MS = Number(process.env.ARABIC_NEWS_SMOKE_TIMEOUT_MS || 30_000);
const MAX_VSIX_BYTES = 5 * 1024 * 1024;
const args = process.argv.slice(2);
const vsixArg = args.includes('--vsix') ? path.resolve(args[args.indexOf('--vsix') + 1]) : undefined;
const keep = args.includes('--keep');
const log = (msg) => process.stderr.write(`[vsix-smoke] ${msg}\n`);
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`.toLowerCase();

/** The defective article of the test workspace: 31 June does not exist (AN103, line 2). */
const ARTICLE_NAME = 'defective.txt';
const HEADLINE = 'ارتفاع أسعار الذهب إلى مستوى قياسي مع تزايد التوترات الجيوسياسية';
const ARTICLE = [
  HEADLINE,
  'تاريخ النشر: 31st, June 2024 GMT',
  'سجلت أسعار الذهب مستوى قياسياً جديداً في تعاملات اليوم، مدعومة بإقبال المستثمرين على الملاذات الآمنة.',
  'وقال محللون إن توقعات خفض أسعار الفائدة خلال الأشهر المقبلة عززت جاذبية المعدن النفيس.',
  'المصدر: وكالة الأنباء الاقتصادية',
  'كلمات دلالية: أسعار الذهب، الملاذات الآمنة، أسعار الفائدة',
].join('\n');

/** Files the installed extension cannot work without, and files that must not be shipped. */
const REQUIRED = [
  'extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/webview/preview.js',
  'extension/dist/webview/dashboard.js', 'extension/media/preview.css', 'extension/media/dashboard.css', 'extension/media/icon.png',
  'extension/syntaxes/arabic-news.tmLanguage.json', 'extension/language-configuration.json', 'extension/schemas/arabic-news.schema.json',
  'extension/package.nls.json', 'extension/package.nls.ar.json', 'extension/l10n/bundle.l10n.ar.json', 'extension/LICENSE.txt',
  'extension/changelog.md', 'extension/readme.md', 'extension/docs/rules/AN103.md',
];
const FORBIDDEN = [/\/node_modules\//, /\.map$/, /\.ts$/, /^extension\/(test|server|client|bench|scripts|out|\.cache|samples)\//, /\.vsix$/];

function fail(message) {
  const e = new Error(message);
  e.smoke = true;
  throw e;
}

function run(cmd, argv, what, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', timeout: 5 * 60_000, ...opts });
  if (r.status !== 0) fail(`${what} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.trim());
  return r.stdout ?? '';
}

/** The entries of a zip file (name and uncompressed size), from its central directory. */
function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail(`${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) fail(`${file}: a damaged central directory`);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

function buildVsix(dir) {
  log('building the extension for production (node scripts/build.mjs --production)');
  run(process.execPath, ['scripts/build.mjs', '--production'], 'the production build');
  const out = path.join(dir, `${manifest.name}-${manifest.version}.vsix`);
  const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  log('packaging with @vscode/vsce (vsce package --no-dependencies --no-rewrite-relative-links)');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], 'vsce package');
  return out;
}

function checkContents(vsix) {
  const entries = zipEntries(vsix);
  const names = new Set(entries.map((e) => e.name));
  const bytes = statSync(vsix).size;
  log(`${path.basename(vsix)}: ${(bytes / 1024).toFixed(0)} KB, ${entries.length} files`);
  for (const e of entries) log(`  ${String(e.size).padStart(9)}  ${e.name}`);
  const missing = REQUIRED.filter((n) => !names.has(n));
  if (missing.length) fail(`the .vsix lacks ${missing.join(', ')} (see .vscodeignore)`);
  const extra = entries.map((e) => e.name).filter((n) => FORBIDDEN.some((re) => re.test(n)));
  if (extra.length) fail(`the .vsix holds files it should not: ${extra.slice(0, 10).join(', ')}${extra.length > 10 ? '…' : ''} (see .vscodeignore)`);
  if (bytes > MAX_VSIX_BYTES) fail(`the .vsix is ${(bytes / 1048576).toFixed(1)} MB, more than ${MAX_VSIX_BYTES / 1048576} MB`);
}

/** Installs the .vsix with code-server's own command line into `extDir`. */
function install(vsix, dir, extDir) {
  const entry = ensureCodeServer({ log });
  const userDir = path.join(dir, 'install-profile');
  mkdirSync(userDir, { recursive: true });
  log(`installing it into a fresh extensions folder (code-server --install-extension)`);
  const out = run(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', extDir, '--user-data-dir', userDir], 'code-server --install-extension', {
    env: { ...process.env, XDG_CONFIG_HOME: userDir, XDG_DATA_HOME: userDir, XDG_CACHE_HOME: userDir, EXTENSIONS_GALLERY: '{}' },
    timeout: 120_000,
  });
  const installed = readdirSync(extDir).filter((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!installed.length) fail(`code-server did not install ${EXTENSION_ID} into ${extDir}; it said:\n${out}`);
  log(`installed: ${installed.join(', ')}`);
}

/** Polls `fn` until it returns a truthy value (bounded by the smoke test's wait). */
const until = (what, fn, timeoutMs = WAIT_MS) => pollUntil(what, fn, timeoutMs);

/** The frame of a webview that shows an element matching `selector`. */
async function webviewFrame(page, selector) {
  for (const frame of page.frames()) if (await frame.locator(selector).count().catch(() => 0)) return frame;
  return undefined;
}

async function paletteCommand(page, label) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(`>${label}`);
  await until(`the command palette to offer "${label}" first`, async () => (await page.locator('.quick-input-widget .monaco-list-row.focused').first().getAttribute('aria-label'))?.startsWith(label));
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

async function checkInUi(extDir, workspace) {
  const server = await startCodeServer({ folder: workspace, log, args: ['--extensions-dir', extDir], settings: { 'workbench.editor.enablePreview': false } });
  let browser;
  let page;
  try {
    browser = await launchChromium(log);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
    await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout: 60_000 }); // the folder only: no development path
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: ARTICLE_NAME }).waitFor({ timeout: WAIT_MS });

    log(`opening ${ARTICLE_NAME} with quick open`);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(ARTICLE_NAME);
    await until(`quick open to offer ${ARTICLE_NAME}`, async () => (await page.locator('.quick-input-widget .monaco-list-row.focused').first().getAttribute('aria-label'))?.includes(ARTICLE_NAME));
    await page.keyboard.press('Enter');
    await until('the file to be switched to the "Arabic News Article" language (the extension activated)', async () => (await page.locator('#status\\.editor\\.mode').innerText()).includes('Arabic News Article'));

    const item = page.locator('.statusbar-item', { hasText: / words · / });
    const text = await until('the extension\'s status bar item to count the words and at least one problem', async () => {
      const t = await item.first().innerText({ timeout: 1_000 });
      return /\b[1-9]\d* problems?\b/.test(t) && t;
    });
    log(`status bar: ${text.replace(/\s+/g, ' ')}`);
    await item.first().click(); // runs workbench.actions.view.problems
    const row = await until('the Problems panel (opened from the status bar item) to list AN103 for the impossible date', async () => {
      const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      return rows.find((r) => r.includes('AN103'));
    });
    log(`Problems panel: ${row.replace(/\s+/g, ' ')}`);

    await paletteCommand(page, 'Arabic News: Open Preview to the Side');
    await until('the preview webview to show the headline with the date underlined (dist/webview/preview.js and media/preview.css from the .vsix)', async () => {
      const frame = await webviewFrame(page, '#article h1.headline');
      if (!frame) return false;
      const h1 = await frame.locator('#article h1.headline').innerText();
      const decoration = await frame.locator('.problem.error').first().evaluate((e) => e.ownerDocument.defaultView.getComputedStyle(e).textDecorationLine);
      return h1 === HEADLINE && decoration.includes('underline');
    });
    log('preview: the headline, and the impossible date underlined');
    const preview = await webviewFrame(page, '#article h1.headline');
    await preview.locator('.body p.paragraph').nth(1).click();
    await until('a click on the second paragraph of the preview to put the editor\'s cursor on line 4', async () => (await page.locator('#status\\.editor\\.selection').innerText()).includes('Ln 4,'));
    await page.keyboard.press('Control+Home');
    await until('the cursor moved to line 1 to mark the headline in the preview', async () => (await preview.locator('.line.current').getAttribute('data-line', { timeout: 1_000 })) === '0');
    log('preview ⇄ editor: a click reveals the line, the cursor marks the line');

    await paletteCommand(page, 'Arabic News: Show Corpus Dashboard');
    await until('the dashboard webview to count the article and draw four charts (Chart.js bundled in dist/webview/dashboard.js)', async () => {
      const frame = await webviewFrame(page, '#dashboard .figures .value');
      if (!frame) return false;
      const figures = await frame.locator('.figures .value').allInnerTexts();
      return figures[0] === '1' && (await frame.locator('canvas').count()) === 4;
    });
    log('dashboard: 1 article, four charts');
  } catch (e) {
    if (page) {
      const shot = path.join(os.tmpdir(), 'arabic-news-vsix-smoke-failure.png');
      if (await page.screenshot({ path: shot }).then(() => true, () => false)) log(`the screen at the failure: ${shot}`);
    }
    throw e;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

async function main() {
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arabic-news-vsix-smoke-'));
  try {
    const vsix = vsixArg ?? buildVsix(dir);
    if (!existsSync(vsix)) fail(`no such file: ${vsix}`);
    checkContents(vsix);
    const extDir = path.join(dir, 'extensions');
    mkdirSync(extDir, { recursive: true });
    install(vsix, dir, extDir);
    const workspace = path.join(dir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(path.join(workspace, ARTICLE_NAME), ARTICLE);
    await checkInUi(extDir, workspace);
    log(`PASSED in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.basename(vsix)} installs, activates and reports AN103`);
  } finally {
    if (keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

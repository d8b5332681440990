#!/usr/bin/env node
// Takes the README's screenshots in a real VS Code: code-server (scripts/code-server/server.mjs)
// with the extension loaded from this folder, the demo corpus samples/ open, driven through the
// keyboard and commands in headless Chromium (playwright-core). Writes docs/images/*.png:
//   problems.png    the Problems panel with the diagnostics of defective samples
//   outline.png     the Outline view of an article with a read-also section
//   completion.png  the suggestion list on the keywords line (dark theme)
//   preview.png     an article beside its right-to-left preview, problems underlined (light theme)
//   dashboard.png   the corpus dashboard's charts (dark theme)
// Every wait is for something on screen (bounded); no fixed sleeps.
//
// Usage: node scripts/screenshots.mjs [--no-build] [--out DIR] [--keep-open]
// Env:   CHROMIUM_PATH (default /usr/bin/chromium), ARABIC_NEWS_SCREENSHOT_TIMEOUT_MS (per wait, default 20000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, until as pollUntil } from './code-server/browser.mjs';
import { startCodeServer } from './code-server/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples');
const WAIT_MS = Number(process.env.ARABIC_NEWS_SCREENSHOT_TIMEOUT_MS || 20_000);
const VIEWPORT = { width: 1400, height: 900 };

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const OUT = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(ROOT, 'docs', 'images');
const log = (msg) => process.stderr.write(`[screenshots] ${msg}\n`);

/** The samples shown (see samples/README.md). */
const FILES = {
  problemsActive: '009_2a7f5d1e8c3b6e94.txt', // doubled space, zero-width space, right-to-left mark
  problemsOthers: ['003_5e8b2f1a9c4d7e60.txt', '010_b5c83e9d2f1a7064.txt'], // impossible date + "المصدر :"; &quot;
  readAlso: '011_4e1a9b7c3d5f8e26.txt', // two related articles; الذكاء الاصطناعي in the body, not yet a keyword
  preview: '003_5e8b2f1a9c4d7e60.txt', // an impossible date and "المصدر :": two underlines in the preview
};

/** The page of a webview (a frame nested in the workbench's iframes) that has an element matching `selector`. */
async function webviewFrame(page, selector) {
  for (const frame of page.frames()) {
    if (await frame.locator(selector).count().catch(() => 0)) return frame;
  }
  throw new Error(`no webview shows ${selector} yet`);
}

function build() {
  log('building the extension (npm run build)');
  const npmCli = process.env.npm_execpath;
  const [cmd, a] = npmCli && /\.(c?js)$/.test(npmCli) ? [process.execPath, [npmCli, 'run', 'build']] : ['npm', ['run', 'build']];
  const r = spawnSync(cmd, a, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
}

/** Waits until `fn()` is truthy (polling, bounded). */
const until = (what, fn, timeoutMs = WAIT_MS) => pollUntil(what, fn, timeoutMs, 100);

class Workbench {
  constructor(page) {
    this.page = page;
    this.quickInput = page.locator('.quick-input-widget');
    this.quickInputBox = page.locator('.quick-input-widget .quick-input-box input');
  }

  /**
   * Runs a command by its palette label (F1, type the label, move to the entry with that label with
   * the arrow keys when it is not the first, Enter).
   */
  async command(label, { opensPicker = false } = {}) {
    const { page } = this;
    await page.keyboard.press('F1');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: WAIT_MS });
    await this.quickInputBox.fill(`>${label}`);
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    const isIt = (aria) => aria === label || aria?.startsWith(`${label},`) || aria?.startsWith(`${label} `);
    let offered = [];
    await until(`the command palette to list "${label}"`, async () => {
      offered = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      return offered.some(isIt);
    }).catch((e) => {
      throw new Error(`${e.message}; it listed ${JSON.stringify(offered.slice(0, 6))}`);
    });
    for (let i = 0; i < 10; i++) {
      const focused = await page.locator('.quick-input-widget .monaco-list-row.focused').first().getAttribute('aria-label');
      if (isIt(focused)) break;
      await page.keyboard.press('ArrowDown');
    }
    await until(`"${label}" to be the selected entry`, async () => isIt(await page.locator('.quick-input-widget .monaco-list-row.focused').first().getAttribute('aria-label')));
    await page.keyboard.press('Enter');
    if (opensPicker) await until(`the picker of "${label}"`, async () => !(await this.quickInputBox.inputValue()).startsWith('>'));
    else await this.quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  /** Opens a file with quick open (Ctrl+P) and waits until it is the active tab in the article language. */
  async open(name) {
    const { page } = this;
    await page.keyboard.press('Control+P');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: WAIT_MS });
    await this.quickInputBox.fill(name);
    await until(`quick open to offer ${name}`, async () => {
      const focused = page.locator('.quick-input-widget .monaco-list-row.focused');
      return (await focused.count()) > 0 && (await focused.first().getAttribute('aria-label'))?.includes(name);
    });
    await page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: WAIT_MS });
    await page.locator('#status\\.editor\\.mode', { hasText: 'Arabic News Article' }).waitFor({ timeout: WAIT_MS });
  }

  /** Goes to a line with the "Go to Line" command (Ctrl+G) and then to its end. */
  async gotoLineEnd(line) {
    const { page } = this;
    await page.keyboard.press('Control+G');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: WAIT_MS });
    await this.quickInputBox.fill(`:${line}`); // the go-to-line mode of quick input
    await page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await page.keyboard.press('End');
    await page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line},` }).waitFor({ timeout: WAIT_MS });
  }

  /**
   * Resizes a part (side bar, panel) by dragging its sash with the mouse (VS Code 1.100 in the browser
   * offers no palette command for it), then waits until the part has the new size.
   */
  async resize(partSelector, edge, delta) {
    const { page } = this;
    const part = page.locator(partSelector);
    const box = await part.boundingBox();
    if (!box) throw new Error(`${partSelector} is not on screen`);
    const [x, y] = edge === 'right' ? [box.x + box.width - 1, box.y + box.height / 2] : [box.x + box.width / 2, box.y + 1];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(edge === 'right' ? x + delta : x, edge === 'right' ? y : y - delta, { steps: 8 });
    await page.mouse.up();
    const want = edge === 'right' ? box.width + delta : box.height + delta;
    await until(`${partSelector} to be resized to about ${want}px`, async () => {
      const b = await part.boundingBox();
      const now = edge === 'right' ? b.width : b.height;
      return Math.abs(now - want) < 40;
    });
  }

  /** Clears the notification toasts and waits until none is visible. */
  async clearNotifications() {
    await this.command('Notifications: Clear All Notifications');
    await until('no notification toast on screen', async () => (await this.page.locator('.notification-toast:visible').count()) === 0);
  }

  async shot(file) {
    // The mouse where it hovers nothing (it was left on a sash or a row), no caret, no animations.
    await this.page.mouse.move(24, VIEWPORT.height - 200);
    await this.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    log(`wrote ${path.relative(ROOT, file)}`);
  }
}

async function main() {
  if (!args.includes('--no-build')) build();
  if (!existsSync(path.join(ROOT, 'dist', 'client.js'))) throw new Error('dist/client.js is missing; run npm run build');
  mkdirSync(OUT, { recursive: true });

  const started = Date.now();
  const server = await startCodeServer({
    folder: SAMPLES,
    log,
    settings: {
      'workbench.editor.enablePreview': false,
      'editor.minimap.enabled': false,
      'editor.fontSize': 16,
      'editor.lineHeight': 26,
      'outline.collapseItems': 'alwaysExpand',
      'workbench.layoutControl.enabled': false,
    },
  });
  let browser;
  let page;
  try {
    browser = await launchChromium(log);
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US' });
    page = await context.newPage();
    const wb = new Workbench(page);
    const url = server.pageUrl({ folder: SAMPLES, payload: [['extensionDevelopmentPath', server.remoteUri(ROOT)]] });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILES.readAlso }).waitFor({ timeout: WAIT_MS });

    // ---------------------------------------------------------------- problems.png
    for (const f of FILES.problemsOthers) await wb.open(f);
    await wb.open(FILES.problemsActive);
    await wb.command('View: Focus Problems');
    const markers = page.locator('.markers-panel .monaco-list-row');
    // 3 file rows + 2 (003) + 2 (010) + 3 (009) problems at warning level; info-level ones may add more.
    await until('the Problems panel to list the three files and their problems', async () => {
      const n = await markers.count();
      const files = await page.locator('.markers-panel .monaco-list-row .file-icon').count();
      return n >= 10 && files >= 3 && n;
    });
    await wb.resize('.part.panel', 'top', 160); // a taller panel: more of the list shows
    await until('the status bar to count the problems', async () => /\b[1-9]/.test(await page.locator('#status\\.problems').innerText()));
    await wb.clearNotifications();
    await wb.shot(path.join(OUT, 'problems.png'));
    await wb.command('View: Hide Panel');

    // ---------------------------------------------------------------- outline.png
    await wb.open(FILES.readAlso);
    // Room for the outline: collapse the folder section of the Explorer (its header is a toggle).
    const folderHeader = page.locator('.part.sidebar .pane-header', { hasText: /^samples$/i }).first();
    await folderHeader.click();
    await until('the Explorer folder section to be collapsed', async () => (await folderHeader.getAttribute('aria-expanded')) === 'false');
    await wb.command('Explorer: Focus on Outline View');
    const outlineRows = page.locator('.outline-pane .monaco-list-row');
    await until('the Outline view to show the read-also section with both related articles', async () => {
      const text = (await outlineRows.allInnerTexts()).join('\n');
      return text.includes('Read also') && text.includes('تطبيق حكومي جديد') && text.includes('Keywords');
    });
    await wb.resize('.part.sidebar', 'right', 260); // a wider side bar, so the Arabic names are not cut
    await wb.clearNotifications();
    await wb.shot(path.join(OUT, 'outline.png'));

    // ---------------------------------------------------------------- preview.png (light)
    await wb.command('View: Toggle Primary Side Bar Visibility');
    await wb.open(FILES.preview);
    await wb.command('Arabic News: Open Preview to the Side');
    await until('the preview to show the headline, the byline and the two underlined problems', async () => {
      const preview = await webviewFrame(page, '#article h1.headline');
      const h1 = await preview.locator('h1.headline').innerText({ timeout: 1_000 });
      const underlined = await preview.locator('.problem').count();
      const date = await preview.locator('.byline bdi[dir="ltr"]').innerText({ timeout: 1_000 });
      return h1.startsWith('قطاع السياحة') && underlined >= 2 && date.includes('April 2024') && underlined;
    });
    await page.keyboard.press('Escape');
    await wb.clearNotifications();
    await wb.shot(path.join(OUT, 'preview.png'));
    await wb.command('View: Close All Editor Groups');
    await wb.command('View: Toggle Primary Side Bar Visibility');

    // ---------------------------------------------------------------- completion.png (dark)
    await wb.command('Preferences: Color Theme', { opensPicker: true });
    await wb.quickInputBox.fill('Dark Modern');
    await until('the theme picker to offer Dark Modern', async () => (await page.locator('.quick-input-widget .monaco-list-row.focused').first().getAttribute('aria-label'))?.includes('Dark Modern'));
    await page.keyboard.press('Enter');
    await wb.quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await until('the dark theme to be applied', async () => /\bvs-dark\b/.test((await page.locator('.monaco-workbench').getAttribute('class')) ?? ''));
    await wb.command('View: Toggle Primary Side Bar Visibility');
    await wb.open(FILES.readAlso);
    await wb.clearNotifications(); // before the suggestion list: the palette would close it
    await wb.gotoLineEnd(7); // the keywords line of 011
    await page.keyboard.type(' '); // a new keyword (typing letters would also work, but VS Code's match highlight splits Arabic words)
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.waitFor({ timeout: WAIT_MS });
    await until('the suggestion list to offer الذكاء الاصطناعي first (a keyword of another sample that occurs in this body)', async () => {
      const rows = await suggest.locator('.monaco-list-row').allInnerTexts();
      return rows.length >= 8 && rows[0].includes('الذكاء الاصطناعي') && rows;
    });
    // Ctrl+Space again: the details of the selected item in a pane beside the list (nothing cut).
    await page.keyboard.press('Control+Space');
    await until('the details pane of the suggestion list', async () => page.locator('.suggest-details-container .suggest-details').isVisible());
    await wb.shot(path.join(OUT, 'completion.png'));
    await page.keyboard.press('Escape');

    // ---------------------------------------------------------------- dashboard.png (dark)
    await wb.command('File: Revert File'); // the space typed on 011's keywords line: no save prompt on closing
    await wb.command('View: Close All Editor Groups');
    await wb.command('Arabic News: Show Corpus Dashboard');
    await until('the dashboard to count the 13 samples and draw its four charts', async () => {
      const dashboard = await webviewFrame(page, '#dashboard .figures');
      const figures = await dashboard.locator('.figure .value').allInnerTexts();
      const canvases = await dashboard.locator('canvas').count();
      return figures[0] === '13' && canvases === 4 && figures;
    });
    await wb.clearNotifications();
    await wb.shot(path.join(OUT, 'dashboard.png'));
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (args.includes('--keep-open')) {
      log(`--keep-open: ${url} (Ctrl-C to stop)`);
      await new Promise(() => {});
    }
  } catch (e) {
    // What the screen showed when it failed: the quickest way to see why.
    const file = path.join(os.tmpdir(), 'arabic-news-screenshots-failure.png');
    if (page && (await page.screenshot({ path: file }).then(() => true, () => false))) log(`the screen at the failure: ${file}`);
    throw e;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    log(`ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

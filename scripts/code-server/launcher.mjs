#!/usr/bin/env node
// A stand-in for the VS Code executable, for `@vscode/test-electron`'s runTests() on machines without
// a desktop VS Code: it accepts the usual command line
//
//   launcher.mjs [FOLDER] --extensionDevelopmentPath=ABS --extensionTestsPath=ABS [other flags, ignored]
//
// starts code-server (VS Code 1.100.3 for the browser) with a fresh profile, opens the workbench in
// headless Chromium with the test paths in the page address (code-server rejects them on its command
// line), prints the extension host's log to stdout and exits with the test suite's exit code.
//
// Env: ARABIC_NEWS_E2E_TIMEOUT_MS  bound of the whole run (default 240000)
//      ARABIC_NEWS_E2E_VERBOSE=1    also print code-server's output and the workbench's own log
//      CHROMIUM_PATH                browser executable (default /usr/bin/chromium)
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { format } from 'node:util';
import { startCodeServer } from './server.mjs';

const log = (msg) => process.stderr.write(`[launcher] ${msg}\n`);
const verbose = process.env.ARABIC_NEWS_E2E_VERBOSE === '1';
const timeoutMs = Number(process.env.ARABIC_NEWS_E2E_TIMEOUT_MS || 240_000);

/** Flags of the VS Code command line that take a separate value (`--flag value`). */
const FLAGS_WITH_VALUE = new Set([
  'extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale',
  'log', 'inspect-extensions', 'inspect-brk-extensions', 'enable-proposed-api', 'profile', 'goto',
  'remote', 'folder-uri', 'file-uri', 'sync',
]);

export function parseArgs(argv) {
  const devPaths = [];
  let testsPath;
  const positionals = [];
  const ignored = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    let value = eq < 0 ? undefined : a.slice(eq + 1);
    if (value === undefined && FLAGS_WITH_VALUE.has(name) && i + 1 < argv.length) value = argv[++i];
    if (name === 'extensionDevelopmentPath') devPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') testsPath = path.resolve(value);
    else ignored.push(a);
  }
  return { devPaths, testsPath, folder: positionals[0] && path.resolve(positionals[0]), ignored };
}

// The workbench's own routine messages, which arrive through the same channel as the extension host's.
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[Service Worker\] registered|ChatSessionStore: Migrating 0 |Ignoring fetching additional builtin extensions from gallery)/;

export async function main(argv) {
  const { devPaths, testsPath, folder, ignored } = parseArgs(argv);
  if (!testsPath || devPaths.length === 0) {
    log('usage: launcher.mjs [FOLDER] --extensionDevelopmentPath=ABS --extensionTestsPath=ABS');
    return 2;
  }
  if (verbose && ignored.length) log(`ignoring ${ignored.join(' ')}`);

  let server;
  let browser;
  let timer;
  try {
    const started = Date.now();
    server = await startCodeServer({ folder, verbose, log: (m) => log(m) });
    browser = await launchChromium(log);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();

    // Settles once: with the suite's exit code, or with an error (page crash, code-server died).
    let settle;
    const exitCode = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    exitCode.catch(() => {}); // may fail before anyone awaits it (a signal during page.goto)
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (verbose) process.stdout.write(`[${type}] ${line}\n`);
      else if (!WORKBENCH_NOISE.test(line)) process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      settle.resolve(typeof code === 'number' ? code : 1);
    });
    page.on('pageerror', (e) => verbose && log(`page error: ${e.message}`));
    page.on('console', (m) => verbose && m.type() === 'error' && log(`page console: ${m.text()}`));
    page.on('crash', () => settle.reject(new Error('the workbench page crashed')));
    server.exited.then((c) => settle.reject(new Error(`code-server exited (${c}) during the run:\n${server.output().slice(-4000)}`)));

    const payload = [
      ...devPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ];
    const url = server.pageUrl({ folder, payload });
    log(`opening ${verbose ? url : server.origin} in headless Chromium`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    const remaining = Math.max(1_000, timeoutMs - (Date.now() - started));
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the test run did not finish within ${timeoutMs} ms (ARABIC_NEWS_E2E_TIMEOUT_MS); code-server output:\n${server.output().slice(-4000)}`)),
        remaining,
      );
    });
    const code = await Promise.race([exitCode, timeout]);
    log(`tests finished with exit code ${code} after ${Date.now() - started} ms`);
    return code;
  } catch (e) {
    log(`ERROR: ${e.message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('launcher.mjs')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

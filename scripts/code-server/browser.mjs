// Headless Chromium for the scripts that drive code-server (the e2e launcher, the .vsix smoke
// test, the screenshots): one way to start it, and one bounded polling helper.
import { existsSync } from 'node:fs';

/** The browser: Debian's chromium unless CHROMIUM_PATH says otherwise. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Starts headless Chromium with playwright-core, retrying once (starting a process is the flaky part). */
export async function launchChromium(log = () => {}) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no browser at ${CHROMIUM_PATH}; run: npm run install:e2e (or set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');
  const options = { executablePath: CHROMIUM_PATH, headless: true, timeout: 30_000, args: ARGS };
  try {
    return await chromium.launch(options);
  } catch (e) {
    log(`Chromium did not start (${e.message.split('\n')[0]}); retrying once`);
    return await chromium.launch(options);
  }
}

/** Polls `fn` until it returns a truthy value; throws naming what it waited for and the last value. */
export async function until(what, fn, timeoutMs, intervalMs = 150) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = `error: ${e.message.split('\n')[0]}`;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// Mocha runner that VS Code's extension host loads (`--extensionTestsPath`) and calls `run()` on.
// It runs the `*.e2e.js` files next to it (compiled from test/e2e/suite/*.e2e.ts).
// Env: ARABIC_NEWS_E2E_GREP   only run the tests whose full title matches this pattern.
//      ARABIC_NEWS_E2E_FILES  comma-separated file names (`fixcorpus.e2e.js`): only these files,
//                             for the VS Code session runTest.ts opens on their workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60_000,
    ...(process.env.ARABIC_NEWS_E2E_GREP ? { grep: process.env.ARABIC_NEWS_E2E_GREP } : {}),
  });
  const only = process.env.ARABIC_NEWS_E2E_FILES?.split(',').filter(Boolean);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js') && (!only || only.includes(f)))
    .sort();
  if (files.length === 0) {
    return Promise.reject(new Error(`no ${only ? only.join(', ') : '*.e2e.js'} test files in ${__dirname}; run npm run compile-tests`));
  }
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

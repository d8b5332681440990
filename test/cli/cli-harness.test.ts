/**
 * Shared helpers of the command-line tests: they run the built bundle `dist/cli.js` as a child
 * process against temporary corpora and parse its output. (Imported by the other test files;
 * its own test runs only when this file is the test being run.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/fixtures';

/** The bundle under test. */
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

/** What a run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in `cwd` (no colours, no TTY), with a time limit. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A problem of `--format json`. */
export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  ruleName: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

/** Runs with `--format json` and parses the output. */
export function runJson(args: readonly string[], cwd: string, env?: Record<string, string>): CliRun & { problems: JsonProblem[] } {
  const r = runCli(['--format', 'json', ...args], cwd, env);
  let problems: JsonProblem[];
  try {
    problems = JSON.parse(r.stdout) as JsonProblem[];
  } catch (e) {
    throw new Error(`not JSON (${(e as Error).message}): ${r.stdout.slice(0, 500)}\nstderr: ${r.stderr}`);
  }
  return { ...r, problems };
}

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'an-cli-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Writes files (text as UTF-8, or bytes) below a folder, creating folders. */
export function writeTree(root: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** A fixture's text without its inline expectations. */
export function fixtureText(rel: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', rel), 'utf8').replace(/ ?⟦[^⟧]*⟧/g, '');
}

/** A clean article. */
export const CLEAN = fixtureText('clean/economy-budget.txt');

/** An article with an error that has no fix: a date that does not exist (AN103). */
export const WITH_ERROR = 'المالية تعلن موازنة جديدة\nتاريخ النشر: 31st, June 2024 GMT\nأعلنت وزارة المالية موازنة جديدة للعام المقبل.\nالمصدر: وكالة الأنباء\nكلمات دلالية: وزارة المالية';

/** An article with fixable warnings only: an ISO date (AN104) and `المصدر :` (AN110). */
export const WITH_WARNINGS = 'المالية تعلن موازنة جديدة\nتاريخ النشر: 2024-06-12\nأعلنت وزارة المالية موازنة جديدة للعام المقبل.\nالمصدر : وكالة الأنباء\nكلمات دلالية: وزارة المالية';

/** Every file below a folder with its bytes, keyed by relative path (for before/after comparisons). */
export function snapshotTree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out.set(path.relative(root, abs), fs.readFileSync(abs));
    }
  };
  walk(root);
  return out;
}

if (require.main === module) {
  test('the bundle is built and answers --version and --help', () => {
    assert.ok(fs.existsSync(cliPath), 'run npm run build first');
    const v = runCli(['--version'], repoRoot);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const h = runCli(['--help'], repoRoot);
    assert.equal(h.code, 0);
    for (const option of ['--format', '--fix', '--fix-dry-run', '--config', '--rule', '--max-warnings', '--quiet', '--jobs', '--no-corpus', '--shard', '--language', '--version', '--help']) {
      assert.ok(h.stdout.includes(option), `--help mentions ${option}`);
    }
  });
}

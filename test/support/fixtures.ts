/** Helpers shared by the tests: locating the repository and reading fixtures with inline expectations. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (the folder with package.json), found from this file's location. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

/** The shared real samples folder beside the project, when it exists. */
export const samplesDir: string = path.resolve(repoRoot, '..', 'shared', 'samples');

/** Lists files below a folder, recursively, sorted. */
export function listFiles(dir: string, ext = '.txt'): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full, ext));
    else if (e.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

/** An expectation written in a fixture: a rule id on a zero-based line. */
export interface Expectation {
  readonly line: number;
  readonly ruleId: string;
}

const MARK = / ?⟦([^⟧]*)⟧/g;

/**
 * Strips the inline expectations (` ⟦AN101 AN102⟧` at a line's end, with the one space before
 * it) from a fixture and returns the text to analyse and what is expected where.
 */
export function readExpectations(raw: string): { text: string; expected: Expectation[] } {
  const expected: Expectation[] = [];
  const lines = raw.split('\n');
  const out = lines.map((line, i) => {
    let m: RegExpExecArray | null;
    MARK.lastIndex = 0;
    while ((m = MARK.exec(line)) !== null) {
      for (const id of m[1]!.split(/\s+/).filter(Boolean)) expected.push({ line: i, ruleId: id });
    }
    return line.replace(MARK, '');
  });
  return { text: out.join('\n'), expected };
}

/** The options of `arabic-news-lint export`: parsing and the help text (docs/cli.md, "Exporting a dataset"). */
import { defaultJobs, parseRuleOption, readArgv } from './args';
import type { Severity } from '../core/rules/rule';

/** One split of `--split`: its name and share of the groups. */
export interface SplitShare {
  readonly name: string;
  readonly fraction: number;
}

/** The parsed command line of `export`. */
export interface ExportOptions {
  /** Files, folders and globs; `.` when none is given. The first one, when a folder, is the corpus root. */
  readonly patterns: readonly string[];
  readonly out?: string;
  readonly clean: boolean;
  readonly skipErrors: boolean;
  readonly dedupe: boolean;
  readonly split?: readonly SplitShare[];
  readonly seed: number;
  readonly config?: string;
  readonly rules: Readonly<Record<string, Severity>>;
  /** Worker threads (1: everything on the main thread). */
  readonly jobs: number;
  readonly help: boolean;
}

/** The usage text of `export --help`. */
export function exportHelpText(version: string): string {
  return `arabic-news-lint ${version} export: writes a corpus as a JSON Lines dataset, one record per article.

Usage: arabic-news-lint export [paths or globs…] --out FILE [options]

Record fields: id, headline, date (YYYY-MM-DD or null), source (or null), keywords (string[]),
body (string[]), related ({headline, body}[]), problems (rule ids still present). The id is the
path relative to the corpus root (the first path when it is a folder, else the current folder)
without .txt. A folder named "export" is given as ./export.

Options:
  --out FILE             the output file (required); FILE.manifest.json is written beside it
  --clean                apply the safe fixes to the exported text (never to the files)
  --skip-errors          leave out articles that still have error-severity problems
  --dedupe               keep one article of each near-duplicate group (the earliest date,
                         else the longest body)
  --split NAME=F,…       one file per split, e.g. --split train=0.8,dev=0.1,test=0.1 writes
                         FILE with .train, .dev, .test before its extension; near-duplicates
                         stay in one split
  --seed N               the seed of the split assignment (default 0)
  --config FILE          use FILE (and its "extends") for every article
  --rule ID=SEVERITY     set a rule's severity (repeatable)
  --jobs N               worker threads (default: the number of cores, ${defaultJobs()} here); 1 runs inline
  -h, --help             print this help

Exit codes: 0 written; 2 bad arguments or no readable file.
`;
}

const VALUE_OPTIONS = new Set(['--out', '--split', '--seed', '--config', '--rule', '--jobs']);

/** Parses `--split train=0.8,dev=0.1,test=0.1`. */
export function parseSplit(value: string): SplitShare[] | { error: string } {
  const out: SplitShare[] = [];
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(part);
    if (!m) return { error: `--split takes NAME=FRACTION,… e.g. train=0.8,dev=0.1,test=0.1; got "${value}".` };
    const fraction = Number(m[2]);
    if (!(fraction > 0)) return { error: `--split: the share of "${m[1]}" must be above 0.` };
    if (names.has(m[1]!)) return { error: `--split: "${m[1]}" is named twice.` };
    names.add(m[1]!);
    out.push({ name: m[1]!, fraction });
  }
  const sum = out.reduce((s, x) => s + x.fraction, 0);
  if (Math.abs(sum - 1) > 1e-6) return { error: `--split: the shares must add up to 1; they add up to ${+sum.toFixed(6)}.` };
  return out;
}

/** Parses the arguments after `export`. */
export function parseExportArgs(argv: readonly string[]): ExportOptions | { error: string } {
  const patterns: string[] = [];
  const rules: Record<string, Severity> = {};
  let out: string | undefined;
  let clean = false;
  let skipErrors = false;
  let dedupe = false;
  let split: SplitShare[] | undefined;
  let seed = 0;
  let config: string | undefined;
  let jobs = defaultJobs();
  let help = false;
  const read = readArgv(argv, VALUE_OPTIONS);
  if ('error' in read) return read;
  patterns.push(...read.patterns);
  for (const { name, value } of read.options) {
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--clean':
        clean = true;
        break;
      case '--skip-errors':
        skipErrors = true;
        break;
      case '--dedupe':
        dedupe = true;
        break;
      case '--out':
        if (!value) return { error: '--out needs a file.' };
        out = value;
        break;
      case '--split': {
        const s = parseSplit(value!);
        if ('error' in s) return s;
        split = s;
        break;
      }
      case '--seed':
        if (!/^\d+$/.test(value!) || !Number.isSafeInteger(Number(value))) return { error: `--seed takes a whole number ≥ 0; got "${value}".` };
        seed = Number(value);
        break;
      case '--config':
        if (!value) return { error: '--config needs a file.' };
        config = value;
        break;
      case '--rule': {
        const r = parseRuleOption(value!);
        if ('error' in r) return r;
        rules[r.id] = r.severity;
        break;
      }
      case '--jobs':
        if (!/^\d+$/.test(value!) || Number(value) < 1) return { error: `--jobs takes a whole number ≥ 1; got "${value}".` };
        jobs = Math.min(Number(value), 64);
        break;
      default:
        return { error: `Unknown option ${name} for export.` };
    }
  }
  if (!help && !out) return { error: 'export needs --out FILE.' };
  return { patterns: patterns.length ? patterns : ['.'], out, clean, skipErrors, dedupe, split, seed, config, rules, jobs, help };
}

/** The command line's options: parsing and the help text. */
import * as os from 'node:os';
import { isSeverity } from '../core/config';
import { findRule, RULES } from '../core/rules/index';
import type { Severity } from '../core/rules/rule';
import type { MessageLanguage } from '../core/types';

/** Output formats. */
export const FORMATS = ['stylish', 'json', 'jsonl', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** The parsed command line. */
export interface CliOptions {
  /** Files, folders and globs (`!glob` excludes); `.` when none is given. */
  readonly patterns: readonly string[];
  readonly format: Format;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  /** `--config FILE`: this file (and its `extends` chain) for every article instead of discovery. */
  readonly config?: string;
  /** `--rule ID=severity`, by rule id, the last one winning. */
  readonly rules: Readonly<Record<string, Severity>>;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly jobs: number;
  /** False with `--no-corpus`: no index pass, no corpus rules. */
  readonly corpus: boolean;
  /** `--shard I/N`: `index` is zero-based. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly language: MessageLanguage;
  readonly help: boolean;
  readonly version: boolean;
}

/** The default number of worker threads: the cores available. */
export function defaultJobs(): number {
  try {
    return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  } catch {
    return 1;
  }
}

/** The usage text of `--help`. */
export function helpText(version: string): string {
  return `arabic-news-lint ${version}: checks Arabic news corpus files, with the rules of the editor.

Usage: arabic-news-lint [options] [paths or globs…]

Paths are files, folders (walked for *.txt, skipping node_modules, .git, dist, out, build and
hidden folders) or globs (quote them: "corpus/**/*.txt"; * ? ** {a,b} [abc]); a pattern that
starts with ! excludes. Without paths, the current folder. Each article is checked with the
nearest .arabic-news.json above it, as in the editor.

Options:
  --format NAME        stylish (default), json, jsonl, sarif or github
  --fix                apply the safe fixes in place and convert recognised non-UTF-8
                       files to UTF-8; report what remains
  --fix-dry-run        print what --fix would change as a unified diff; write nothing
  --config FILE        use FILE (and its "extends") for every article instead of the
                       nearest .arabic-news.json
  --rule ID=SEVERITY   set a rule's severity: off, hint, info, warning or error; the rule by
                       id or name (--rule AN104=off --rule source-missing=error); repeatable
  --max-warnings N     fail (exit 1) when there are more than N warnings
  --quiet              print errors only
  --jobs N             worker threads (default: the number of cores, ${defaultJobs()} here); 1 runs inline
  --no-corpus          skip the corpus index pass and the corpus rules (each article alone)
  --shard I/N          check only shard I of N (1-based); the split is by a stable hash of
                       each file's path, so N runs with I = 1…N check every file exactly once
  --language en|ar     language of the messages (default en)
  -v, --version        print the version
  -h, --help           print this help

Exit codes: 0 no errors (and no more warnings than --max-warnings); 1 problems found;
2 the run failed (bad arguments, a broken configuration file, no readable file matched).
Rules: ${RULES.length ? `${RULES[0]!.id}…${RULES[RULES.length - 1]!.id}` : 'none'}, documented in docs/rules/. More: docs/cli.md.
`;
}

const VALUE_OPTIONS = new Set(['--format', '--config', '--rule', '--max-warnings', '--jobs', '--shard', '--language']);

/** `--rule ID=SEVERITY` (the rule by id or name), shared by the check and export commands. */
export function parseRuleOption(value: string): { id: string; severity: Severity } | { error: string } {
  const at = value.lastIndexOf('=');
  const key = at > 0 ? value.slice(0, at).trim() : '';
  const severity = at > 0 ? value.slice(at + 1).trim() : '';
  if (!key) return { error: `--rule takes ID=SEVERITY, e.g. --rule AN104=off; got "${value}".` };
  const rule = findRule(key);
  if (!rule) return { error: `Unknown rule "${key}" in --rule. Rules: ${RULES.map((r) => r.id).join(', ')}.` };
  if (!isSeverity(severity)) return { error: `"${severity}" is not a severity in --rule ${value}: use off, hint, info, warning or error.` };
  return { id: rule.id, severity };
}

/** Parses the arguments (without `node` and the script). Returns an error message for bad input. */
export function parseArgs(argv: readonly string[]): CliOptions | { error: string } {
  const patterns: string[] = [];
  const rules: Record<string, Severity> = {};
  let format: Format = 'stylish';
  let fix = false;
  let fixDryRun = false;
  let config: string | undefined;
  let maxWarnings: number | undefined;
  let quiet = false;
  let jobs = defaultJobs();
  let corpus = true;
  let shard: CliOptions['shard'];
  let language: MessageLanguage = 'en';
  let help = false;
  let version = false;

  const read = readArgv(argv, VALUE_OPTIONS);
  if ('error' in read) return read;
  patterns.push(...read.patterns);
  for (const { name, value } of read.options) {
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '-v':
      case '--version':
        version = true;
        break;
      case '--fix':
        fix = true;
        break;
      case '--fix-dry-run':
        fixDryRun = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '--no-corpus':
        corpus = false;
        break;
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value!)) return { error: `Unknown format "${value}": use ${FORMATS.join(', ')}.` };
        format = value as Format;
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
      case '--max-warnings': {
        if (!/^\d+$/.test(value!)) return { error: `--max-warnings takes a whole number ≥ 0; got "${value}".` };
        maxWarnings = Number(value);
        break;
      }
      case '--jobs': {
        if (!/^\d+$/.test(value!) || Number(value) < 1) return { error: `--jobs takes a whole number ≥ 1; got "${value}".` };
        jobs = Math.min(Number(value), 64);
        break;
      }
      case '--shard': {
        const m = /^(\d+)\/(\d+)$/.exec(value!);
        const index = m ? Number(m[1]) : NaN;
        const count = m ? Number(m[2]) : NaN;
        if (!m || count < 1 || index < 1 || index > count) return { error: `--shard takes I/N with 1 ≤ I ≤ N, e.g. --shard 2/4; got "${value}".` };
        shard = { index: index - 1, count };
        break;
      }
      case '--language':
        if (value !== 'en' && value !== 'ar') return { error: `--language takes en or ar; got "${value}".` };
        language = value;
        break;
      default:
        return { error: `Unknown option ${name}.` };
    }
  }
  if (fix && fixDryRun) return { error: '--fix and --fix-dry-run cannot be used together.' };
  return { patterns: patterns.length ? patterns : ['.'], format, fix, fixDryRun, config, rules, maxWarnings, quiet, jobs, corpus, shard, language, help, version };
}

/** One option as written: `--name value`, `--name=value` or a flag. */
export interface ArgvOption {
  readonly name: string;
  readonly value?: string;
}

/**
 * Splits a command line into options and positional patterns (after `--`, everything is a
 * pattern). Options named in `valueOptions` take a value, the others none.
 */
export function readArgv(argv: readonly string[], valueOptions: ReadonlySet<string>): { options: ArgvOption[]; patterns: string[] } | { error: string } {
  const options: ArgvOption[] = [];
  const patterns: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      patterns.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    }
    if (valueOptions.has(name) && value === undefined) {
      if (i + 1 >= argv.length) return { error: `${name} needs a value.` };
      value = argv[++i]!;
    } else if (!valueOptions.has(name) && value !== undefined) {
      return { error: `${name} takes no value.` };
    }
    options.push({ name, value });
  }
  return { options, patterns };
}

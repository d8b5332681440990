/**
 * The output formats. Each file's problems are formatted on their own (in the worker that
 * checked the file), so output streams as files complete and nothing accumulates; the main
 * thread only adds the frame (`[`…`]`, the SARIF envelope) and the summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Format } from './args';
import { RULES } from '../core/rules/index';
import type { Severity } from '../core/rules/rule';

/** One problem as the machine formats print it: 1-based lines and columns, UTF-16 columns, `endColumn` exclusive. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly fixable: boolean;
}

/** Maps a rule severity to the three printed ones (hint is printed as info). */
export function printedSeverity(s: Exclude<Severity, 'off'>): Problem['severity'] {
  return s === 'hint' ? 'info' : s;
}

/** Colours, or none. */
export interface Palette {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly underline: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
/** Builds the palette. */
export function palette(color: boolean): Palette {
  if (!color) {
    const id = (s: string): string => s;
    return { red: id, yellow: id, blue: id, green: id, dim: id, bold: id, underline: id };
  }
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22), underline: wrap(4, 24) };
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands.

/** Escapes the message of a workflow command (`%`, CR, LF). */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property of a workflow command (also `:` and `,`). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubLine(p: Problem): string {
  const command = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
  const props = [
    `file=${escapeGithubProperty(p.file)}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `endLine=${p.endLine}`,
    `endColumn=${p.endColumn}`,
    `title=${escapeGithubProperty(`${p.ruleId} ${p.ruleName}`)}`,
  ];
  return `::${command} ${props.join(',')}::${escapeGithubData(p.message)}\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0.

const SARIF_LEVEL: Readonly<Record<Problem['severity'], string>> = { error: 'error', warning: 'warning', info: 'note' };

/** A `%`-encoded relative URI of a path. */
function uriOfRel(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

function sarifResult(p: Problem): string {
  return JSON.stringify({
    ruleId: p.ruleId,
    ruleIndex: RULE_INDEX.get(p.ruleId),
    level: SARIF_LEVEL[p.severity],
    message: { text: p.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOfRel(p.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
        },
      },
    ],
    properties: { fixable: p.fixable },
  });
}

/** The folder of the rule pages (`docs/rules`) of this installation. */
export function docsRulesDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.join(from, '..', 'docs', 'rules');
}

/** The SARIF log up to the opening of `results`. */
export function sarifHeader(version: string, cwd: string, docsDir: string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.docs.description },
    helpUri: pathToFileURL(path.join(docsDir, `${r.id}.md`)).toString(),
    help: {
      text: `${r.docs.description}\n\nBad:\n${r.docs.bad}\n\nGood:\n${r.docs.good}${r.docs.fix ? `\n\nFix: ${r.docs.fix}` : ''}`,
      markdown: `${r.docs.description}\n\n**Bad**\n\n\`\`\`text\n${r.docs.bad}\n\`\`\`\n\n**Good**\n\n\`\`\`text\n${r.docs.good}\n\`\`\`${r.docs.fix ? `\n\n**Fix**: ${r.docs.fix}` : ''}`,
    },
    defaultConfiguration: r.defaultSeverity === 'off' ? { enabled: false, level: 'none' } : { level: SARIF_LEVEL[printedSeverity(r.defaultSeverity)] },
    properties: { tags: r.tags, fixable: r.fixable },
  }));
  const driver = {
    name: 'arabic-news-lint',
    version,
    semanticVersion: version,
    informationUri: pathToFileURL(path.join(docsDir, '..', 'cli.md')).toString(),
    rules,
  };
  const top = JSON.stringify({ $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json', version: '2.1.0' });
  const bases = { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).toString() } };
  // Written up to the opening of the results array, so that results can be streamed in.
  return `${top.slice(0, -1)},"runs":[{"tool":${JSON.stringify({ driver })},"columnKind":"utf16CodeUnits","originalUriBaseIds":${JSON.stringify(bases)},"results":[\n`;
}

/** The rest of the SARIF log after the results. */
export function sarifFooter(success: boolean, notes: readonly { file: string; message: string; level: 'error' | 'warning' | 'note' }[]): string {
  const invocation = {
    executionSuccessful: success,
    toolExecutionNotifications: notes.map((n) => ({
      level: n.level,
      message: { text: n.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOfRel(n.file), uriBaseId: '%SRCROOT%' } } }],
    })),
  };
  return `\n],"invocations":[${JSON.stringify(invocation)}]}]}\n`;
}

// ---------------------------------------------------------------------------------------------
// Stylish (ESLint's default).

function stylishBlock(file: string, problems: readonly Problem[], c: Palette): string {
  const rows = problems.map((p) => ({
    line: String(p.line),
    column: String(p.column),
    severity: p.severity,
    message: p.message.replace(/([^ ])\.$/u, '$1').replace(/\s*[\r\n]+\s*/g, ' '),
    rule: p.ruleId,
  }));
  const wLine = Math.max(...rows.map((r) => r.line.length));
  const wCol = Math.max(...rows.map((r) => r.column.length));
  const wSev = Math.max(...rows.map((r) => r.severity.length));
  const wMsg = Math.max(...rows.map((r) => r.message.length));
  const color = (s: Problem['severity'], text: string): string => (s === 'error' ? c.red(text) : s === 'warning' ? c.yellow(text) : c.blue(text));
  const lines = rows.map((r) => `  ${c.dim(`${r.line.padStart(wLine)}:${r.column.padEnd(wCol)}`)}  ${color(r.severity, r.severity.padEnd(wSev))}  ${r.message.padEnd(wMsg)}  ${c.dim(r.rule)}`);
  return `\n${c.underline(file)}\n${lines.join('\n')}\n`;
}

/** The output of one file's problems in a format; `''` when there is nothing to print. JSON and SARIF items are separated by `,\n` without a leading or trailing one. */
export function formatFile(format: Format, file: string, problems: readonly Problem[], c: Palette): string {
  if (problems.length === 0) return '';
  switch (format) {
    case 'json':
      return problems.map((p) => JSON.stringify(p)).join(',\n');
    case 'jsonl':
      return problems.map((p) => JSON.stringify(p) + '\n').join('');
    case 'sarif':
      return problems.map(sarifResult).join(',\n');
    case 'github':
      return problems.map(githubLine).join('');
    default:
      return stylishBlock(file, problems, c);
  }
}

/** Counts of problems. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  fixableErrors: number;
  fixableWarnings: number;
  fixableInfos: number;
}

/** Zero counts. */
export function zeroCounts(): Counts {
  return { errors: 0, warnings: 0, infos: 0, fixableErrors: 0, fixableWarnings: 0, fixableInfos: 0 };
}

/** Adds `b` into `a`. */
export function addCounts(a: Counts, b: Counts): void {
  a.errors += b.errors;
  a.warnings += b.warnings;
  a.infos += b.infos;
  a.fixableErrors += b.fixableErrors;
  a.fixableWarnings += b.fixableWarnings;
  a.fixableInfos += b.fixableInfos;
}

const plural = (n: number, one: string, many: string = one + 's'): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What the summary says. */
export interface SummaryInput {
  readonly printed: Counts;
  readonly total: Counts;
  readonly files: number;
  readonly skipped: number;
  readonly quiet: boolean;
  readonly fixed?: { problems: number; files: number; converted: number };
  readonly dryRun?: { files: number; converted: number };
}

/** The stylish summary: problem counts, what is fixable, what was fixed and skipped. */
export function stylishSummary(s: SummaryInput, c: Palette): string {
  const out: string[] = [];
  if (s.fixed && (s.fixed.files > 0 || s.fixed.converted > 0)) {
    out.push(c.green(`✔ Fixed ${plural(s.fixed.problems, 'problem')} in ${plural(s.fixed.files, 'file')}${s.fixed.converted ? ` (${plural(s.fixed.converted, 'file')} converted to UTF-8)` : ''}.`));
  }
  const p = s.printed;
  const problems = p.errors + p.warnings + p.infos;
  if (problems > 0) {
    const mark = p.errors ? c.red : p.warnings ? c.yellow : c.blue;
    out.push(mark(c.bold(`✖ ${plural(problems, 'problem')} (${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${plural(p.infos, 'info', 'infos')}) in ${plural(s.files, 'file')} checked`)));
    const fe = p.fixableErrors;
    const fw = p.fixableWarnings;
    const fi = p.fixableInfos;
    if (fe + fw + fi > 0) out.push(mark(c.bold(`  ${plural(fe, 'error')}, ${plural(fw, 'warning')} and ${plural(fi, 'info', 'infos')} potentially fixable with the \`--fix\` option.`)));
  } else {
    out.push(c.green(`✔ ${plural(s.files, 'file')} checked, ${s.quiet && s.total.warnings + s.total.infos > 0 ? 'no errors' : 'no problems'}.`));
  }
  if (s.quiet && s.total.warnings + s.total.infos > 0) out.push(c.dim(`  ${plural(s.total.warnings, 'warning')} and ${plural(s.total.infos, 'info', 'infos')} not shown (--quiet).`));
  if (s.skipped > 0) out.push(c.yellow(`  ${plural(s.skipped, 'file')} skipped (binary, unreadable or missing; listed on stderr).`));
  return '\n' + out.join('\n') + '\n';
}

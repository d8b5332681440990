/**
 * `npm run bench:cli`: the command line on a synthetic corpus. Generates `--files N` (default
 * 10,000) seeded articles of 2–4 KB, a quarter of them with fixable defects, then times in
 * child processes:
 *
 * - the floor: a bare Node script that walks the folder, reads every file and splits its lines;
 * - `arabic-news-lint --format json` with every rule on (the full catalogue);
 * - `arabic-news-lint --fix` on a copy of the corpus;
 * - for reference: `--no-corpus` (no index pass) and `--jobs 1`;
 * - `arabic-news-lint export` (records/s: one record per file), on the worker threads and with
 *   `--jobs 1`.
 *
 * Prints wall time, files/s, the ratio to the floor, CPU time and peak RSS (from
 * `/usr/bin/time -v` when present, else `process.resourceUsage()` in the child). Targets: at
 * least 5,000 files/s and at most 4× the floor's time with every rule on; peak RSS under
 * 300 MB for 100,000 files. Options: `--files N`, `--runs R` (best of R, default 3; 1 when
 * N ≥ 50,000), `--keep` (leave the corpus in the temporary folder).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules/index';
import { syntheticArticle } from './synthetic';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(name + '='))?.slice(name.length + 1);
};
const FILES = Number(option('--files') ?? 10_000);
const RUNS = Number(option('--runs') ?? (FILES >= 50_000 ? 1 : 3));
const KEEP = argv.includes('--keep');

const root = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first.');
  process.exit(2);
}

/** A quarter of the articles get defects that --fix repairs (spacing of markers, a date without GMT, doubled spaces). */
function article(seed: number): string {
  const bytes = 2048 + Math.floor(((seed * 7919) % 1000) * 2.048);
  let text = syntheticArticle(seed, bytes);
  if (seed % 4 === 0) text = text.replace('المصدر:', 'المصدر :').replace(' GMT', '');
  if (seed % 8 === 0) text = text.replace(' ', '  ');
  return text;
}

function generate(dir: string): number {
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
    const text = article(i + 1);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(folder, `${String(i).padStart(6, '0')}_${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}.txt`), text);
  }
  // Every rule on: the default severity, or warning for a rule that is off by default.
  const rules: Record<string, string> = {};
  for (const r of RULES) rules[r.id] = r.defaultSeverity === 'off' ? 'warning' : r.defaultSeverity;
  fs.writeFileSync(path.join(dir, '.arabic-news.json'), JSON.stringify({ rules }, null, 2));
  return bytes;
}

const FLOOR = `
const fs = require('fs'), path = require('path');
let files = 0, lines = 0;
const stack = [process.argv[2]];
while (stack.length) {
  const dir = stack.pop();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) stack.push(full);
    else if (e.name.endsWith('.txt')) { lines += fs.readFileSync(full, 'utf8').split('\\n').length; files++; }
  }
}
console.log(files + ' files, ' + lines + ' lines');
`;

const PRELOAD = `process.on('exit', () => { try { require('fs').writeSync(2, '\\n@@maxrss ' + process.resourceUsage().maxRSS + ' ' + (process.cpuUsage().user + process.cpuUsage().system) + '\\n'); } catch {} });`;

interface Measure {
  wall: number;
  cpu: number;
  rssMb: number;
  code: number;
  stdoutBytes: number;
}

const haveTime = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

function measure(args: string[], cwd: string, tmp: string): Measure {
  const outFile = path.join(tmp, 'stdout.txt');
  const fd = fs.openSync(outFile, 'w');
  const node = process.execPath;
  const cmd = haveTime ? '/usr/bin/time' : node;
  const full = haveTime ? ['-v', node, ...args] : ['--require', path.join(tmp, 'preload.js'), ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { cwd, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  const stderr = r.stderr.toString();
  let rssKb = 0;
  let cpu = 0;
  if (haveTime) {
    rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
    cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0);
  } else {
    const m = /@@maxrss (\d+) (\d+)/.exec(stderr);
    rssKb = Number(m?.[1] ?? 0);
    cpu = Number(m?.[2] ?? 0) / 1e6;
  }
  const code = haveTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? r.status) : r.status ?? -1;
  return { wall, cpu, rssMb: rssKb / 1024, code, stdoutBytes: fs.statSync(outFile).size };
}

function best(runs: number, fn: () => Measure): Measure {
  let b: Measure | undefined;
  for (let i = 0; i < runs; i++) {
    const m = fn();
    if (!b || m.wall < b.wall) b = { ...m, rssMb: Math.max(m.rssMb, b?.rssMb ?? 0) };
  }
  return b!;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'an-cli-bench-'));
try {
  fs.writeFileSync(path.join(tmp, 'floor.js'), FLOOR);
  fs.writeFileSync(path.join(tmp, 'preload.js'), PRELOAD);
  const corpus = path.join(tmp, 'corpus');
  const g0 = Date.now();
  const bytes = generate(corpus);
  console.log(`arabic-news-lint bench · node ${process.version} · ${os.cpus().length} cores · ${new Date().toISOString()}`);
  console.log(`corpus: ${FILES.toLocaleString('en-US')} articles, ${(bytes / 1048576).toFixed(1)} MB, ${RULES.length} rules on (generated in ${((Date.now() - g0) / 1000).toFixed(1)} s); best of ${RUNS}; RSS from ${haveTime ? '/usr/bin/time -v' : 'process.resourceUsage()'}`);
  const rows: [string, Measure][] = [];
  const floor = best(RUNS, () => measure([path.join(tmp, 'floor.js'), corpus], tmp, tmp));
  rows.push(['floor: read + split lines', floor]);
  rows.push(['arabic-news-lint --format json', best(RUNS, () => measure([cli, '--format', 'json', corpus], tmp, tmp))]);
  rows.push(['  --no-corpus (no index pass)', best(RUNS, () => measure([cli, '--format', 'json', '--no-corpus', corpus], tmp, tmp))]);
  rows.push(['  --jobs 1', best(1, () => measure([cli, '--format', 'json', '--jobs', '1', corpus], tmp, tmp))]);
  rows.push([
    'arabic-news-lint --fix (on a copy)',
    best(RUNS, () => {
      const copy = path.join(tmp, 'copy');
      fs.rmSync(copy, { recursive: true, force: true });
      fs.cpSync(corpus, copy, { recursive: true });
      return measure([cli, '--fix', '--format', 'json', copy], tmp, tmp);
    }),
  ]);
  const out = path.join(tmp, 'dataset.jsonl');
  rows.push(['arabic-news-lint export', best(RUNS, () => measure([cli, 'export', corpus, '--out', out], tmp, tmp))]);
  rows.push(['  export --jobs 1', best(1, () => measure([cli, 'export', corpus, '--out', out, '--jobs', '1'], tmp, tmp))]);
  const pad = (s: string, n: number): string => s.padEnd(n);
  console.log(`\n${pad('', 36)}${pad('wall', 10)}${pad('files/s', 10)}${pad('× floor', 9)}${pad('CPU', 9)}${pad('peak RSS', 10)}exit`);
  for (const [name, m] of rows) {
    console.log(
      `${pad(name, 36)}${pad(m.wall.toFixed(2) + ' s', 10)}${pad(Math.round(FILES / m.wall).toLocaleString('en-US'), 10)}${pad((m.wall / floor.wall).toFixed(1) + '×', 9)}${pad(m.cpu.toFixed(2) + ' s', 9)}${pad(m.rssMb.toFixed(0) + ' MB', 10)}${m.code}`,
    );
  }
  const lint = rows[1]![1];
  console.log(
    `\ntargets: ≥ 5,000 files/s: ${FILES / lint.wall >= 5000 ? 'met' : 'NOT met'} (${Math.round(FILES / lint.wall)}); ≤ 4× the floor: ${lint.wall / floor.wall <= 4 ? 'met' : 'NOT met'} (${(lint.wall / floor.wall).toFixed(1)}×)` +
      (FILES >= 100_000 ? `; peak RSS < 300 MB: ${lint.rssMb < 300 ? 'met' : 'NOT met'} (${lint.rssMb.toFixed(0)} MB)` : ''),
  );
  if (KEEP) console.log(`corpus kept in ${corpus}`);
} finally {
  if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}

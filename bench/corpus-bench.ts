/**
 * Corpus benchmark (`npm run bench -- corpus` or `node out/bench/corpus-bench.js [N…]`):
 * generates seeded synthetic corpora on disk (10,000 and 100,000 articles of a few KB, one in
 * fifty a near-copy of another with one word changed) and measures, on the real server over stdio:
 * - full index time and the server's peak RSS;
 * - the longest a request waits while indexing (completion requests sent every 25 ms);
 * and, in process on the same index: one-file update (after 200 warm-up updates, shown apart),
 * completion and workspace-symbol p50/p95, duplicate detection over the whole corpus.
 * Targets (issue 5): 100,000 articles in under 20 s with under 400 MB peak RSS; one-file
 * update under 5 ms; completion p95 under 5 ms; workspace symbols p95 under 20 ms; no request
 * blocked more than 50 ms while indexing. Figures, not assertions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticArticle, rng } from './synthetic';
import { startServer } from '../test/support/lspClient';
import { CorpusHost } from '../server/src/corpusHost';
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { complete } from '../server/src/core/features/completion';
import { workspaceSymbols } from '../server/src/core/features/navigation';
import { parseArticle } from '../server/src/core/parse/article';
import { findNearDuplicates } from '../server/src/core/corpus/context';

function percentiles(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0 };
}
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const f = (x: number): string => x.toFixed(2);

/** Writes N articles under dir/YYYY/…; one in fifty is a near-copy (one paragraph changed) of the one before. */
function generate(dir: string, n: number): void {
  const r = rng(n);
  let previous = '';
  for (let i = 0; i < n; i++) {
    let text = syntheticArticle(1_000_000 + i, 2000 + Math.floor(r() * 2000), 3);
    if (i % 50 === 49 && previous) {
      // A near-copy: one word of one paragraph changed, as a re-scrape after a small update.
      const lines = previous.split('\n');
      const body = lines.findIndex((l, k) => k > 2 && l.endsWith('.'));
      if (body > 0) lines[body] = lines[body]!.split(' ').map((w, k) => (k === 5 ? 'محدث' : w)).join(' ');
      text = lines.join('\n');
    }
    previous = text;
    const folder = path.join(dir, String(2015 + (i % 10)));
    if (i < 10) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${String(i).padStart(6, '0')}_${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}.txt`), text);
  }
}

function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system, all threads) a process has used, from /proc; NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name: state is field 3, utime 14, stime 15 (clock ticks, 100 a second).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function serverRun(dir: string, n: number): Promise<void> {
  const server = startServer();
  const uri = pathToFileURL(path.join(dir, 'probe.txt')).toString();
  const probe = syntheticArticle(7, 3000).replace(/كلمات دلالية: .*/, 'كلمات دلالية: ال');
  const line = probe.split('\n').findIndex((l) => l.startsWith('كلمات دلالية'));
  const ready = server.notification<{ articles: number; ms: number }>('arabicNews/indexReady', () => true, 600_000);
  const t0 = process.hrtime.bigint();
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
  await server.connection.sendNotification('initialized', {});
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text: probe } });
  const latencies: number[] = [];
  let done = false;
  void ready.then(() => (done = true));
  while (!done) {
    const s = process.hrtime.bigint();
    await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: 'كلمات دلالية: ال'.length } });
    latencies.push(ms(s));
    await new Promise((r) => setTimeout(r, 25));
  }
  const info = await ready;
  const total = ms(t0);
  const lat = percentiles(latencies);
  console.log(`  server: indexed ${info.articles.toLocaleString('en')} articles in ${(info.ms / 1000).toFixed(1)} s (ready ${(total / 1000).toFixed(1)} s after start); peak RSS ${peakRss(server.process.pid!).toFixed(0)} MB; CPU ${cpuSeconds(server.process.pid!).toFixed(1)} s (all threads, the wall time on 2 cores is at least half of it)`);
  console.log(`  requests while indexing: ${latencies.length} completions, p50 ${f(lat.p50)} ms, p95 ${f(lat.p95)} ms, max ${f(lat.max)} ms (target: none blocked over 50 ms)`);
  await server.stop();
  void n;
}

async function inProcess(dir: string): Promise<void> {
  const host = new CorpusHost({ configFor: () => DEFAULT_CONFIG });
  const files: string[] = [];
  for (const y of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, y);
    if (fs.statSync(sub).isDirectory()) for (const name of fs.readdirSync(sub).sort()) files.push(path.join(sub, name));
  }
  const t0 = process.hrtime.bigint();
  await host.indexFiles(files, () => undefined, () => false, 1e9);
  console.log(`  in process: index ${files.length.toLocaleString('en')} files in ${(ms(t0) / 1000).toFixed(1)} s; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

  // One-file update: re-index an edited article. The first updates right after indexing run
  // cold code (this thread parsed nothing while the workers indexed) and meet the collector's
  // work left from indexing; they are shown apart, and the figures are of the 200 after them.
  const sample = fs.readFileSync(files[123]!, 'utf8');
  const update = (i: number): number => {
    const s = process.hrtime.bigint();
    host.indexText(pathToFileURL(files[123]!).toString(), sample + (i % 2 ? '' : ' '));
    return ms(s);
  };
  const first: number[] = [];
  for (let i = 0; i < 200; i++) first.push(update(i));
  const updates: number[] = [];
  for (let i = 0; i < 200; i++) updates.push(update(i));
  const u = percentiles(updates);
  const warm = percentiles(first);
  console.log(`  one-file update: p50 ${f(u.p50)} ms, p95 ${f(u.p95)} ms (target < 5 ms); the 200 right after indexing: first ${f(first[0]!)} ms, p95 ${f(warm.p95)} ms`);

  const probe = parseArticle(syntheticArticle(7, 3000).replace(/كلمات دلالية: .*/, 'كلمات دلالية: ال'));
  const line = probe.keywords!.line;
  const c: number[] = [];
  for (let i = 0; i < 300; i++) {
    const s = process.hrtime.bigint();
    complete(probe, { line, character: 'كلمات دلالية: ال'.length }, { lexicon: host.index.lexicon, coOccurring: (p) => host.index.coOccurring(p) });
    c.push(ms(s));
  }
  const cp = percentiles(c);
  const shown = complete(probe, { line, character: 'كلمات دلالية: ال'.length }, { lexicon: host.index.lexicon }).items.length;
  console.log(`  completion on the keywords line (${host.index.lexicon.keywordCountDistinct.toLocaleString('en')} corpus keywords, ${shown} shown): p50 ${f(cp.p50)} ms, p95 ${f(cp.p95)} ms (target p95 < 5 ms)`);

  const queries = ['الامم', 'اسعار', 'الرئيس', 'القاهره', 'غزه', 'zzz'];
  const w: number[] = [];
  for (let i = 0; i < 120; i++) {
    const s = process.hrtime.bigint();
    workspaceSymbols(host.index, queries[i % queries.length]!);
    w.push(ms(s));
  }
  const wp = percentiles(w);
  console.log(`  workspace symbols: p50 ${f(wp.p50)} ms, p95 ${f(wp.p95)} ms (target p95 < 20 ms)`);

  const d0 = process.hrtime.bigint();
  let pairs = 0;
  for (const file of files) {
    const uri = pathToFileURL(file).toString();
    const sh = await host.shinglesOf(uri);
    if (!sh) continue;
    pairs += (await findNearDuplicates(host.index, uri, sh, 0.8, (u2) => host.shinglesOf(u2))).length;
  }
  console.log(`  duplicate detection over the corpus: ${(ms(d0) / 1000).toFixed(1)} s, ${pairs / 2} near-duplicate pairs at 0.8 (${Math.floor(files.length / 50)} planted)`);
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `an-corpus-${n}-`));
    try {
      const g0 = process.hrtime.bigint();
      generate(dir, n);
      console.log(`\nCorpus of ${n.toLocaleString('en')} articles (generated in ${(ms(g0) / 1000).toFixed(1)} s, seeded)`);
      await serverRun(dir, n);
      await inProcess(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

void main();

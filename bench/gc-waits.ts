/**
 * `node out/bench/gc-waits.js DIR [--over MS]` (after `npm run build && npm run compile-tests`):
 * what a request waits behind while the server indexes the corpus in DIR. Starts the real
 * server over node IPC, so that stdout is free for V8's `--trace-gc`, sends a completion request
 * every 25 ms until the index is ready, and prints every wait over 30 ms (or `--over MS`) with the
 * garbage collections of the server's main thread around it. A diagnostic, not a test: it is
 * how the waits of issue 5's bench were traced to collection pauses and cold start.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { syntheticArticle } from './synthetic';

const argv = process.argv.slice(2);
const dir = argv.find((a) => !a.startsWith('--'));
const overAt = argv.indexOf('--over');
const over = overAt >= 0 ? Number(argv[overAt + 1]) : 30;
if (!dir) {
  console.error('usage: node out/bench/gc-waits.js DIR [--over MS]');
  process.exit(2);
}

async function main(corpus: string): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const child = fork(path.join(root, 'dist', 'server.js'), ['--node-ipc'], { execArgv: ['--trace-gc'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const t0 = Date.now();
  // V8 prefixes each line with the isolate: the server's own is the first to collect.
  let mainIsolate: string | undefined;
  const collections: { at: number; line: string }[] = [];
  let pending = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (pending + d.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (.*)$/.exec(line);
      if (!m) continue;
      mainIsolate ??= m[1];
      if (m[1] === mainIsolate) collections.push({ at: Date.now() - t0, line: m[2]! });
    }
  });
  child.stderr!.resume();
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  let ready = false;
  let readyInfo: { articles?: number; ms?: number } = {};
  connection.onNotification('arabicNews/indexReady', (info: { articles?: number; ms?: number }) => {
    ready = true;
    readyInfo = info;
  });
  connection.listen();
  try {
    const uri = pathToFileURL(path.join(corpus, 'probe.txt')).toString();
    const probe = syntheticArticle(7, 3000).replace(/كلمات دلالية: .*/, 'كلمات دلالية: ال');
    const line = probe.split('\n').findIndex((l) => l.startsWith('كلمات دلالية'));
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(corpus).toString(), capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'arabic-news', version: 1, text: probe } });
    const waits: { at: number; ms: number }[] = [];
    const deadline = Date.now() + 600_000;
    while (!ready) {
      if (Date.now() > deadline) throw new Error('the index was not ready within 10 minutes');
      const s = Date.now();
      await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: 'كلمات دلالية: ال'.length } });
      waits.push({ at: s - t0, ms: Date.now() - s });
      await new Promise((r) => setTimeout(r, 25));
    }
    const sorted = waits.map((w) => w.ms).sort((a, b) => a - b);
    console.log(
      `indexed ${readyInfo.articles ?? '?'} articles in ${((readyInfo.ms ?? 0) / 1000).toFixed(1)} s; ${waits.length} requests, p50 ${sorted[Math.floor(sorted.length / 2)] ?? 0} ms, max ${sorted[sorted.length - 1] ?? 0} ms; main-thread collections: ${collections.length}`,
    );
    for (const w of waits.filter((x) => x.ms > over)) {
      console.log(`\nwaited ${w.ms} ms at ${w.at} ms`);
      const near = collections.filter((c) => c.at >= w.at - 50 && c.at <= w.at + w.ms + 50);
      if (!near.length) console.log('  no collection of the main thread around it (the thread was busy with code)');
      for (const c of near) console.log(`  ${c.at} ms  ${c.line.slice(0, 400)}`);
    }
  } finally {
    connection.dispose();
    child.kill();
  }
}

main(path.resolve(dir)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

/**
 * A minimal LSP client for the protocol tests: starts `dist/server.js --stdio` as a child
 * process and speaks JSON-RPC to it. Waits are for messages, bounded, never fixed sleeps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  createProtocolConnection,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './fixtures';

/** The server-to-client notifications the tests listen to. */
const NOTIFICATIONS = ['textDocument/publishDiagnostics', 'window/logMessage', 'window/showMessage', 'arabicNews/indexReady', '$/progress'];

/** A running server and a connection to it. */
export interface ServerHandle {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Everything the server wrote to stderr or as log messages. */
  readonly log: string[];
  /** Resolves with the first diagnostics for `uri` that satisfy `accept` (including ones already received). */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves with the next notification of a method that satisfies `accept` (or one already received). */
  notification<T>(method: string, accept?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Every notification of a method received so far. */
  all<T>(method: string): T[];
  stop(): Promise<void>;
}

/** Starts the bundled server over stdio. */
export function startServer(args: string[] = ['--stdio'], entry = path.join(repoRoot, 'dist/server.js')): ServerHandle {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const received: { method: string; params: unknown }[] = [];
  const waiters: { method: string; accept: (p: unknown) => boolean; resolve: (p: unknown) => void; reject: (e: Error) => void }[] = [];
  const deliver = (method: string, params: unknown): void => {
    received.push({ method, params });
    for (const w of [...waiters]) {
      if (w.method === method && w.accept(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  };
  for (const method of NOTIFICATIONS) {
    connection.onNotification(method, (params: unknown) => {
      if (method === 'window/logMessage') log.push(String((params as { message: string }).message));
      deliver(method, params);
    });
  }
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  child.once('exit', (code, signal) => {
    // Pending requests fail at once instead of hanging the test.
    connection.dispose();
    for (const w of waiters.splice(0)) w.reject(new Error(`the server exited (code ${code}, signal ${signal}) while waiting for ${w.method}; log:\n${log.join('\n')}`));
  });

  const wait = <T>(method: string, accept: (p: T) => boolean, timeoutMs: number, from = 0): Promise<T> => {
    const already = received.slice(from).find((r) => r.method === method && accept(r.params as T));
    if (already) return Promise.resolve(already.params as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = { method, accept: accept as (p: unknown) => boolean, resolve: resolve as (p: unknown) => void, reject: (e: Error) => {
        clearTimeout(timer);
        reject(e);
      } };
      waiters.push(waiter);
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no ${method} within ${timeoutMs} ms; server log:\n${log.join('\n')}`));
      }, timeoutMs);
      const done = waiter.resolve;
      waiter.resolve = (p) => {
        clearTimeout(timer);
        done(p);
      };
    });
  };

  return {
    connection,
    process: child,
    log,
    diagnostics: (uri, accept = () => true, timeoutMs = 10_000) =>
      wait<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && accept(p), timeoutMs),
    notification: <T>(method: string, accept: (p: T) => boolean = () => true, timeoutMs = 10_000) => wait<T>(method, accept, timeoutMs),
    all: <T>(method: string) => received.filter((r) => r.method === method).map((r) => r.params as T),
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        /* the process may already be gone */
      }
      connection.dispose();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
        await exited;
      }
    },
  };
}

/** What the server says when its corpus index is ready. */
export interface IndexReady {
  readonly articles: number;
  readonly files: number;
  readonly keywords: number;
  readonly ms: number;
}

/**
 * Initializes a started server on one workspace folder and waits (bounded) for its corpus index:
 * the set-up most protocol tests share.
 */
export async function initializeOnFolder(server: ServerHandle, dir: string, capabilities: object = {}, initializationOptions?: object, timeoutMs = 30_000): Promise<IndexReady> {
  const ready = server.notification<IndexReady>('arabicNews/indexReady', () => true, timeoutMs);
  const uri = pathToFileURL(dir).toString();
  await server.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'corpus' }],
    capabilities,
    ...(initializationOptions ? { initializationOptions } : {}),
  });
  await server.connection.sendNotification('initialized', {});
  return ready;
}

// Starts and stops code-server (VS Code for the browser) from the cache that install.sh fills.
// Used by the e2e launcher (launcher.mjs) and meant to be reused by `npm start` and screenshots.
//
//   import { startCodeServer } from './scripts/code-server/server.mjs';
//   const cs = await startCodeServer({ folder: '/abs/workspace' });
//   cs.url                        // http://127.0.0.1:PORT/?folder=/abs/workspace
//   cs.pageUrl({ payload: [['extensionDevelopmentPath', cs.remoteUri('/abs/ext')]] })
//   await cs.stop();              // kills the whole process group, removes the temporary profile
//
// Every server started here is also killed when this process exits or gets SIGINT/SIGTERM/SIGHUP.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';

/** The folder install.sh installs code-server into (`$ARABIC_NEWS_CACHE/code-server`). */
export function codeServerDir() {
  const cacheRoot = process.env.ARABIC_NEWS_CACHE || path.join(REPO_ROOT, '.cache');
  return path.resolve(cacheRoot, 'code-server');
}

/** The entry point of the installed code-server, or undefined when it is not (completely) installed. */
export function findCodeServer() {
  const dir = codeServerDir();
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(dir, '.installed');
  if (!existsSync(entry) || !existsSync(marker)) return undefined;
  // Same text as install.sh writes: a new version or another Node ABI (native modules) means reinstall.
  if (readFileSync(marker, 'utf8').trim() !== `code-server@${CODE_SERVER_VERSION} node-abi=${process.versions.modules}`) return undefined;
  return entry;
}

/**
 * Returns code-server's entry point, running install.sh first when it is missing (install.sh is
 * idempotent and fast when everything is there). Set ARABIC_NEWS_NO_INSTALL=1 to forbid installing.
 */
export function ensureCodeServer({ log = defaultLog } = {}) {
  let entry = findCodeServer();
  if (entry) return entry;
  if (process.env.ARABIC_NEWS_NO_INSTALL === '1') {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir()}; run: npm run install:e2e`);
  }
  log(`code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir()}; running scripts/code-server/install.sh`);
  // stdout of the installer goes to our stderr: our stdout is reserved for test output.
  const r = spawnSync('bash', [path.join(HERE, 'install.sh')], { stdio: ['ignore', 2, 2], env: process.env, timeout: 20 * 60_000 });
  if (r.status !== 0) {
    throw new Error(`scripts/code-server/install.sh failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); run it by hand to see why: npm run install:e2e`);
  }
  entry = findCodeServer();
  if (!entry) throw new Error(`install.sh succeeded but code-server is still missing from ${codeServerDir()}`);
  return entry;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function defaultLog(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

function httpStatus(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

// Environment of an enclosing VS Code / code-server terminal must not leak into the one we start.
const LEAKY_ENV = /^(VSCODE_(IPC_HOOK|IPC_HOOK_CLI|GIT_IPC_HANDLE|PID|CWD|NLS_CONFIG|HANDLES_UNCAUGHT_ERRORS|ESM_ENTRYPOINT|CODE_CACHE_PATH|AMD_ENTRYPOINT|INJECTION|PROXY_URI)|ELECTRON_RUN_AS_NODE|CODE_SERVER_.*|PASSWORD|HASHED_PASSWORD|PORT)$/;

// ------------------------------------------------------------------------------- process bookkeeping
// A tiny detached process that kills code-server's process group if we die without cleaning up
// (SIGKILL, OOM killer): no code-server outlives its owner. It exits by itself when the group is gone.
const WATCHDOG = `
const [owner, pgid] = process.argv.slice(1, 3).map(Number);
const profile = process.argv[3];
const alive = (p) => { try { process.kill(p, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!alive(-pgid)) process.exit(0);
  if (!alive(owner)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch {}
    if (profile) setTimeout(() => { require('fs').rmSync(profile, { recursive: true, force: true }); process.exit(0); }, 500);
    else process.exit(0);
  }
}, 1000);`;

const live = new Set();
let hooksInstalled = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function installExitHooks(handleSignals) {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const s of live) s.killNow();
  });
  if (!handleSignals) return;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      for (const s of live) s.killNow();
      process.exit(128 + os.constants.signals[sig]); // the usual status of a process killed by sig
    });
  }
}

/**
 * Starts code-server on a free port of 127.0.0.1 with a fresh, temporary profile.
 *
 * @param {object} [o]
 * @param {string} [o.folder]        absolute folder to open (also the default of `url`)
 * @param {number} [o.port]          fixed port (default: a free one)
 * @param {object} [o.settings]      user settings.json contents (merged over test-friendly defaults)
 * @param {string[]} [o.args]        extra code-server arguments
 * @param {object} [o.env]           extra environment variables for code-server (and so the extension host)
 * @param {number} [o.startTimeoutMs] bound for /healthz to answer (default 30 s)
 * @param {boolean} [o.verbose]      echo code-server's own output (default: only on failure)
 * @param {boolean} [o.gallery]     keep the extension gallery (open-vsx.org); default off: tests run offline
 * @param {boolean} [o.handleSignals] on SIGINT/SIGTERM/SIGHUP stop the servers and exit (default true);
 *                                   with false the caller must call stop() (an 'exit' hook still kills them)
 * @param {boolean} [o.keepProfile]  do not delete the temporary profile on stop (for debugging)
 * @param {(msg: string) => void} [o.log]
 * @returns {Promise<{port: number, url: string, origin: string, pid: number, profileDir: string,
 *   remoteUri(p: string): string, pageUrl(q?: {folder?: string, payload?: [string,string][]}): string,
 *   output(): string, exited: Promise<number|null>, stop(): Promise<void>}>}
 */
export async function startCodeServer(o = {}) {
  const log = o.log ?? defaultLog;
  const entry = ensureCodeServer({ log });
  installExitHooks(o.handleSignals ?? true);
  // Starting an external process is the one thing retried (a port taken between probe and bind).
  const attempts = o.port ? 1 : 2;
  let lastError;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await startOnce(entry, o, log);
    } catch (e) {
      lastError = e;
      if (i < attempts) log(`start failed (${e.message.split('\n')[0]}); retrying once`);
    }
  }
  throw lastError;
}

async function startOnce(entry, o, log) {
  const port = o.port ?? (await freePort());
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'arabic-news-code-server-'));
  const dirs = Object.fromEntries(['user', 'ext', 'xdg-config', 'xdg-data', 'xdg-cache'].map((d) => [d, path.join(profileDir, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.autoRepositoryDetection': false,
    'chat.commandCenter.enabled': false,
    ...o.settings,
  };
  writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!LEAKY_ENV.test(k)) env[k] = v;
  Object.assign(env, {
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    // No gallery: nothing queries open-vsx.org (no network here; no ENOTFOUND noise, no waiting on DNS).
    ...(o.gallery ? {} : { EXTENSIONS_GALLERY: '{}' }),
    ...o.env,
  });
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.user,
    '--extensions-dir', dirs.ext,
    ...(o.args ?? []),
    ...(o.folder ? [o.folder] : []),
  ];
  const child = spawn(process.execPath, args, {
    env,
    cwd: o.folder ?? REPO_ROOT,
    detached: true, // its own process group: stop() kills code-server, extension host, language server
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid) {
    const watchdogArgs = ['-e', WATCHDOG, String(process.pid), String(pid), ...(o.keepProfile ? [] : [profileDir])];
    spawn(process.execPath, watchdogArgs, { detached: true, stdio: 'ignore' }).unref();
  }
  let out = '';
  const collect = (chunk) => {
    const s = chunk.toString();
    out = (out + s).slice(-20_000);
    if (o.verbose) process.stderr.write(s.replace(/^(?=.)/gm, '[code-server] '));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exitCode; // undefined while running
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve(code);
    });
    child.on('error', (e) => {
      out += `\nspawn error: ${e.message}`;
      exitCode = -1;
      resolve(-1);
    });
  });

  let stopped = false;
  const handle = {
    killNow() {
      if (pid) killGroup(pid, 'SIGKILL'); // also after code-server exited: its group may live on
      if (!o.keepProfile) rmSync(profileDir, { recursive: true, force: true });
      live.delete(handle);
    },
  };
  live.add(handle);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (pid) {
      killGroup(pid, 'SIGTERM');
      const t = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 6_000))]);
      clearTimeout(t);
      killGroup(pid, 'SIGKILL'); // whatever of the group is left (extension host, language server)
    }
    live.delete(handle);
    if (!o.keepProfile) rmSync(profileDir, { recursive: true, force: true });
  };

  // Poll /healthz (bounded); fail early when the process dies.
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
  const started = Date.now();
  for (;;) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`code-server exited (${exitCode}) before it answered ${origin}/healthz. Its output:\n${out.trim()}`);
    }
    if ((await httpStatus(`${origin}/healthz`, 1_000)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${origin}/healthz within ${o.startTimeoutMs ?? 30_000} ms. Its output:\n${out.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server ${CODE_SERVER_VERSION} ready on ${origin} in ${Date.now() - started} ms (pid ${pid})`);

  const remoteUri = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  const pageUrl = ({ folder = o.folder, payload } = {}) => {
    const q = [];
    if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
    if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `${origin}/${q.length ? `?${q.join('&')}` : ''}`;
  };
  return {
    port,
    origin,
    url: pageUrl(),
    pid,
    profileDir,
    remoteUri,
    pageUrl,
    output: () => out,
    exited,
    stop,
  };
}

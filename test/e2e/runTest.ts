// Runs the end-to-end suite (test/e2e/suite) inside a real VS Code, with @vscode/test-electron's runTests().
//
// Which VS Code (printed at the start):
//   1. a desktop VS Code: $VSCODE_EXECUTABLE, else `code` on PATH, else @vscode/test-electron's download
//      (bounded; fails at once without internet). Skipped on Linux without a display, where Electron
//      cannot start, unless $VSCODE_EXECUTABLE is set;
//   2. otherwise code-server (VS Code 1.100.3 for the browser) in headless Chromium, through
//      scripts/code-server/code-launcher.sh, which takes the same command line as VS Code.
//
// Env: ARABIC_NEWS_E2E_HOST=auto|desktop|code-server   force a host (default auto)
//      ARABIC_NEWS_E2E_TIMEOUT_MS   bound of the whole run (default 300000)
//      ARABIC_NEWS_E2E_GREP         run only matching tests; ARABIC_NEWS_E2E_VERBOSE=1 more logs
//      VSCODE_VERSION               version @vscode/test-electron downloads (default stable)
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/e2e -> repository root
const LAUNCHER = path.join(ROOT, 'scripts', 'code-server', 'code-launcher.sh');
const INSTALLER = path.join(ROOT, 'scripts', 'code-server', 'install.sh');
const TIMEOUT_MS = Number(process.env.ARABIC_NEWS_E2E_TIMEOUT_MS || 300_000);
const DOWNLOAD_TIMEOUT_MS = 20_000;

interface Host {
  kind: 'desktop' | 'code-server';
  executable: string;
  description: string;
}

function log(msg: string): void {
  console.log(`[e2e] ${msg}`);
}

function isExecutableFile(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The Electron binary behind the `code` command on PATH (`code` itself is a CLI script that detaches). */
function desktopFromPath(): string | undefined {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
  const cli = r.status === 0 ? r.stdout.split(/\r?\n/)[0]?.trim() : undefined;
  if (!cli) return undefined;
  const binDir = path.dirname(fs.realpathSync(cli)); // <install>/bin/code  (…/Resources/app/bin/code on macOS)
  const candidates =
    process.platform === 'darwin'
      ? [path.resolve(binDir, '..', '..', '..', 'MacOS', 'Electron')]
      : process.platform === 'win32'
        ? [path.resolve(binDir, '..', 'Code.exe')]
        : [path.resolve(binDir, '..', 'code')];
  // Anything else (code-server's or a remote terminal's `code`) is not a desktop VS Code.
  return candidates.find(isExecutableFile);
}

async function downloadDesktop(): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_TIMEOUT_MS} ms`)), DOWNLOAD_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || 'stable', timeout: 10_000 }),
      bound,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function codeServerHost(): Host {
  // Install (or check) code-server and Chromium before the clock of the test run starts; fast when present.
  // Its output goes to stderr: stdout is the test report.
  const r = spawnSync('bash', [INSTALLER], { stdio: ['ignore', 2, 2], timeout: 20 * 60_000 });
  if (r.status !== 0) {
    throw new Error(`${path.relative(ROOT, INSTALLER)} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  }
  // A checkout or an archive may have dropped the executable bit; runTests spawns the file directly.
  if (!isExecutableFile(LAUNCHER)) fs.chmodSync(LAUNCHER, 0o755);
  return { kind: 'code-server', executable: LAUNCHER, description: 'code-server 4.100.3 (VS Code 1.100.3) in headless Chromium' };
}

async function pickHost(): Promise<Host> {
  const wanted = process.env.ARABIC_NEWS_E2E_HOST || 'auto';
  if (!['auto', 'desktop', 'code-server'].includes(wanted)) {
    throw new Error(`ARABIC_NEWS_E2E_HOST must be auto, desktop or code-server, not ${wanted}`);
  }
  if (wanted === 'code-server') return codeServerHost();

  const explicit = process.env.VSCODE_EXECUTABLE;
  if (explicit) {
    if (!isExecutableFile(explicit)) throw new Error(`VSCODE_EXECUTABLE=${explicit} is not an executable file`);
    return { kind: 'desktop', executable: explicit, description: `desktop VS Code from VSCODE_EXECUTABLE (${explicit})` };
  }
  const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headlessLinux && wanted === 'auto') {
    log('no display (DISPLAY/WAYLAND_DISPLAY unset): a desktop VS Code cannot start here, skipping it');
    return codeServerHost();
  }
  const onPath = desktopFromPath();
  if (onPath) return { kind: 'desktop', executable: onPath, description: `desktop VS Code from PATH (${onPath})` };
  log(`no desktop VS Code on PATH; trying @vscode/test-electron's download (at most ${DOWNLOAD_TIMEOUT_MS / 1000} s)`);
  try {
    const downloaded = await downloadDesktop();
    return { kind: 'desktop', executable: downloaded, description: `desktop VS Code downloaded by @vscode/test-electron (${downloaded})` };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (wanted === 'desktop') throw new Error(`no desktop VS Code: the download failed: ${reason}`);
    log(`download failed (${reason})`);
    return codeServerHost();
  }
}

/** Kills every descendant of this process (the watchdog's last resort; the launcher cleans up itself). */
function killDescendants(signal: NodeJS.Signals): void {
  if (process.platform === 'win32') return;
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return;
  }
  const children = new Map<number, number[]>();
  for (const line of table.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const todo = [...(children.get(process.pid) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    todo.push(...(children.get(pid) ?? []));
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function main(): Promise<number> {
  const extensionDevelopmentPath = ROOT;
  const extensionTestsPath = path.join(__dirname, 'suite', 'index');
  const workspace = path.join(ROOT, 'test', 'e2e', 'workspace');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'client.js'))) {
    log('warning: dist/client.js is missing; run npm run build first');
  }

  const host = await pickHost(); // may install code-server first: not counted in the run's time bound
  log(`running the end-to-end tests in ${host.description}`);
  const started = Date.now();

  const watchdog = setTimeout(() => {
    console.error(`[e2e] ERROR: the end-to-end run did not finish within ${TIMEOUT_MS} ms (ARABIC_NEWS_E2E_TIMEOUT_MS); stopping it`);
    killDescendants('SIGTERM');
    setTimeout(() => {
      killDescendants('SIGKILL');
      process.exit(1);
    }, 5_000).unref();
  }, TIMEOUT_MS - (Date.now() - started));
  watchdog.unref();

  try {
    await runTests({
      vscodeExecutablePath: host.executable,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: {
        ARABIC_NEWS_NODE: process.execPath, // the Node that runs code-launcher.sh's launcher.mjs
        ARABIC_NEWS_E2E_TIMEOUT_MS: String(Math.max(30_000, TIMEOUT_MS - (Date.now() - started) - 10_000)),
      },
    });
    log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${host.kind})`);
    return 0;
  } catch (err) {
    console.error(`[e2e] FAILED (${host.kind}): ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[e2e] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

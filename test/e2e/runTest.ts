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
//      ARABIC_NEWS_E2E_FILES        run only these suite files, comma-separated (`fixcorpus.e2e.js`)
//      VSCODE_VERSION               version @vscode/test-electron downloads (default stable)
//
// Two VS Code sessions, one after the other, each on a throwaway copy (in the temporary folder)
// of its workspace, so that a run stopped halfway never leaves the repository's files changed:
//   1. test/e2e/workspace: every suite but fixcorpus.e2e.ts;
//   2. the demo corpus (samples/*.txt) with the dirty articles of test/e2e/fixcorpus: only
//      fixcorpus.e2e.ts, which applies "Fix All in Corpus" to the whole workspace. VS Code keeps
//      the files the refactor preview showed open for the rest of the session (hidden models of
//      its multi-file diff editor), so this suite gets a session of its own.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

interface Session {
  readonly name: string;
  /** Folders whose files are copied into the workspace (`*.txt` only when `txtOnly`). */
  readonly sources: readonly { readonly dir: string; readonly txtOnly?: boolean }[];
  readonly files: readonly string[];
}

/** The sessions of the run, with the suite files each runs (ARABIC_NEWS_E2E_FILES narrows them). */
function sessions(): Session[] {
  const suiteDir = path.join(__dirname, 'suite');
  const all = fs.existsSync(suiteDir) ? fs.readdirSync(suiteDir).filter((f) => f.endsWith('.e2e.js')).sort() : [];
  const own = ['fixcorpus.e2e.js'];
  const wanted = process.env.ARABIC_NEWS_E2E_FILES?.split(',').filter(Boolean);
  const pick = (files: string[]): string[] => files.filter((f) => !wanted || wanted.includes(f));
  return [
    { name: 'test/e2e/workspace', sources: [{ dir: path.join(ROOT, 'test', 'e2e', 'workspace') }], files: pick(all.filter((f) => !own.includes(f))) },
    {
      name: 'a copy of the demo corpus (samples/ + test/e2e/fixcorpus)',
      sources: [{ dir: path.join(ROOT, 'samples'), txtOnly: true }, { dir: path.join(ROOT, 'test', 'e2e', 'fixcorpus'), txtOnly: true }],
      files: pick(all.filter((f) => own.includes(f))),
    },
  ].filter((s) => s.files.length > 0);
}

function copyWorkspace(session: Session): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'arabic-news-e2e-workspace-'));
  for (const { dir, txtOnly } of session.sources) {
    for (const name of fs.readdirSync(dir)) {
      if (txtOnly && !name.endsWith('.txt')) continue;
      fs.cpSync(path.join(dir, name), path.join(workspace, name), { recursive: true });
    }
  }
  return workspace;
}

async function main(): Promise<number> {
  const extensionDevelopmentPath = ROOT;
  const extensionTestsPath = path.join(__dirname, 'suite', 'index');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'client.js'))) {
    log('warning: dist/client.js is missing; run npm run build first');
  }
  const runs = sessions();
  if (!runs.length) {
    console.error(`[e2e] ERROR: no suite file to run (ARABIC_NEWS_E2E_FILES=${process.env.ARABIC_NEWS_E2E_FILES ?? ''}; run npm run compile-tests)`);
    return 1;
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

  let failed = 0;
  try {
    for (const session of runs) {
      const workspace = copyWorkspace(session);
      log(`session on ${session.name}: ${session.files.join(', ')}`);
      try {
        await runTests({
          vscodeExecutablePath: host.executable,
          extensionDevelopmentPath,
          extensionTestsPath,
          launchArgs: [workspace, '--disable-extensions'],
          extensionTestsEnv: {
            ARABIC_NEWS_NODE: process.execPath, // the Node that runs code-launcher.sh's launcher.mjs
            ARABIC_NEWS_E2E_TIMEOUT_MS: String(Math.max(30_000, TIMEOUT_MS - (Date.now() - started) - 10_000)),
            ARABIC_NEWS_E2E_FILES: session.files.join(','),
          },
        });
      } catch (err) {
        failed++;
        console.error(`[e2e] FAILED (${host.kind}, session on ${session.name}): ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        fs.rmSync(workspace, { recursive: true, force: true });
      }
    }
  } finally {
    clearTimeout(watchdog);
  }
  if (failed) return 1;
  log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${host.kind})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[e2e] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

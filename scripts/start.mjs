#!/usr/bin/env node
// `npm start`: builds the extension, then opens the demo corpus (samples/) in a real VS Code with the
// extension loaded from this folder:
//   - the desktop VS Code behind the `code` command, when there is one and a display to show it on
//     (its own temporary profile, so it is a separate window this script owns and closes on Ctrl-C);
//   - otherwise code-server (VS Code for the browser) on 127.0.0.1, installed on first use into the
//     cache (.cache/code-server, see scripts/code-server/install.sh); the address to open is printed.
// Ctrl-C stops everything it started.
//
// Usage: node scripts/start.mjs [--code-server] [--port N] [--no-build] [--no-open] [FOLDER]
//   --code-server  use code-server even when a desktop VS Code is available
//   --port N       code-server's port (default: a free one; or ARABIC_NEWS_PORT)
//   --no-build     skip `npm run build`
//   --no-open      do not try to open the address in the default browser
//   FOLDER         folder to open instead of samples/
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => process.stderr.write(`[start] ${msg}\n`);

function parseArgs(argv) {
  const o = { codeServer: false, port: Number(process.env.ARABIC_NEWS_PORT) || undefined, build: true, open: true, folder: path.join(ROOT, 'samples') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--code-server') o.codeServer = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--no-open') o.open = false;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      o.port = Number(v);
      if (!Number.isInteger(o.port) || o.port <= 0 || o.port > 65535) throw new Error(`--port needs a port number, not ${v}`);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: npm start -- [--code-server] [--port N] [--no-build] [--no-open] [FOLDER]\n');
      process.exit(0);
    } else if (!a.startsWith('-')) o.folder = path.resolve(a);
    else throw new Error(`unknown option ${a} (try --help)`);
  }
  if (!existsSync(o.folder) || !statSync(o.folder).isDirectory()) throw new Error(`no folder ${o.folder}`);
  return o;
}

/** `npm run build`, with the npm that runs us when there is one. */
function build() {
  log('building the extension (npm run build)');
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /\.(c?js)$/.test(npmCli)
    ? [process.execPath, [npmCli, 'run', 'build']]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']];
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`npm run build did not produce ${f}`);
  }
}

function isExecutableFile(p) {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * The Electron executable of the desktop VS Code behind `code` on PATH, or undefined. The `code`
 * command itself is a launcher that hands the window to an already running VS Code and returns;
 * started directly with its own profile, the executable is a process of ours that Ctrl-C can stop.
 * (code-server's `code` and a remote terminal's `code` are not desktop VS Codes and are ignored.)
 */
function desktopVSCode() {
  if (process.env.VSCODE_EXECUTABLE) return isExecutableFile(process.env.VSCODE_EXECUTABLE) ? process.env.VSCODE_EXECUTABLE : undefined;
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
  const cli = r.status === 0 ? r.stdout.split(/\r?\n/)[0]?.trim() : undefined;
  if (!cli) return undefined;
  let binDir;
  try {
    binDir = path.dirname(realpathSync(cli));
  } catch {
    return undefined;
  }
  const candidate =
    process.platform === 'darwin'
      ? path.resolve(binDir, '..', '..', '..', 'MacOS', 'Electron')
      : process.platform === 'win32'
        ? path.resolve(binDir, '..', 'Code.exe')
        : path.resolve(binDir, '..', 'code');
  return isExecutableFile(candidate) ? candidate : undefined;
}

/** Tries to open `url` in the default browser; never fails. */
function openInBrowser(url) {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener: the printed address is enough
  }
}

/** Runs until Ctrl-C (or the process ends); resolves with the exit code for this script. */
function untilStopped(stop, exited) {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (sig) => {
      if (stopping) return;
      stopping = true;
      log(`${sig}: stopping`);
      stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));
    exited.then((code) => {
      if (stopping) return;
      stopping = true;
      resolve(code);
    });
  });
}

async function runDesktop(executable, folder) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'arabic-news-vscode-'));
  const args = [
    folder,
    `--extensionDevelopmentPath=${ROOT}`,
    '--new-window',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
    `--user-data-dir=${profile}`,
  ];
  log(`opening ${path.relative(process.cwd(), folder) || folder} in VS Code (${executable}) with the extension from ${ROOT}`);
  // Started from a VS Code terminal, the environment would make Electron run as Node or talk to that VS Code.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'ELECTRON_RUN_AS_NODE' && !k.startsWith('VSCODE_')));
  const child = spawn(executable, args, { stdio: 'ignore', env, detached: process.platform !== 'win32' });
  const exited = new Promise((resolve) => {
    child.on('exit', (code) => {
      log(`VS Code exited (${code ?? 'signal'})`);
      resolve(code ?? 0);
    });
    child.on('error', (e) => {
      log(`VS Code did not start: ${e.message}`);
      resolve(1);
    });
  });
  process.stdout.write('\nVS Code is open with the demo corpus; close its window or press Ctrl-C here to stop.\n\n');
  const kill = (sig) => {
    try {
      if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/t', '/f']);
      else process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    kill('SIGTERM');
    const t = setTimeout(() => kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(t);
  };
  const code = await untilStopped(stop, exited);
  rmSync(profile, { recursive: true, force: true });
  return code;
}

async function runCodeServer(folder, o) {
  if (process.platform !== 'linux') {
    throw new Error(
      'no desktop VS Code found: install VS Code (https://code.visualstudio.com) and put its `code` command on PATH ' +
        '(in VS Code: F1 > "Shell Command: Install \'code\' command in PATH"); the code-server fallback installs with apt and needs Linux',
    );
  }
  const { startCodeServer, codeServerDir, findCodeServer } = await import('./code-server/server.mjs');
  if (!findCodeServer()) log(`first run: installing code-server into ${codeServerDir()} (a few minutes, once)`);
  const server = await startCodeServer({
    folder,
    port: o.port,
    handleSignals: false, // we stop it ourselves, gracefully, on Ctrl-C
    // (workbench.colorTheme is not applied to an extension development window in code-server 4.100;
    // pick a theme with F1 > Preferences: Color Theme.)
    settings: { 'workbench.editor.enablePreview': false },
    log: (m) => log(m),
  });
  const url = server.pageUrl({ folder, payload: [['extensionDevelopmentPath', server.remoteUri(ROOT)]] });
  process.stdout.write(
    [
      '',
      `VS Code (code-server ${process.env.CODE_SERVER_VERSION || '4.100.3'}) is running with the extension from ${ROOT}.`,
      '',
      `Open ${url} in your browser`,
      '',
      `(the folder ${folder} is opened with the extension loaded; on another machine forward the port first: ssh -L ${server.port}:127.0.0.1:${server.port} THIS_HOST)`,
      'Press Ctrl-C here to stop.',
      '',
    ].join('\n') + '\n',
  );
  if (o.open && hasDisplay()) openInBrowser(url);
  let stopping = false;
  const exited = server.exited.then((code) => {
    if (!stopping) log(`code-server exited (${code}) on its own; its last output:\n${server.output().slice(-2000)}`);
    return 1;
  });
  return untilStopped(() => {
    stopping = true;
    return server.stop();
  }, exited);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) build();
  const desktop = !o.codeServer && hasDisplay() ? desktopVSCode() : undefined;
  if (!o.codeServer && !desktop) {
    log(hasDisplay() ? 'no desktop VS Code (`code`) on PATH: using code-server in the browser' : 'no display: using code-server in the browser');
  }
  return desktop ? runDesktop(desktop, o.folder) : runCodeServer(o.folder, o);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

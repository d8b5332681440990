// Bundles the client and the server with esbuild (CommonJS, Node platform, `vscode` external),
// and the webviews' scripts (browser, IIFE) into dist/webview/.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: production,
  external: ['vscode'],
  // Prefer ES module builds: jsonc-parser's UMD build requires files by computed paths that a bundle cannot see.
  mainFields: ['module', 'main'],
  logLevel: 'info',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The server's corpus index worker threads (server/src/indexPool.ts starts it from next to server.js).
  { entryPoints: ['server/src/indexWorker.ts'], outfile: 'dist/indexWorker.js' },
  // The command line; the same bundle runs its worker threads.
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // The webviews' page scripts (media/src): browser bundles, Chart.js included; no CDN.
  ...['preview', 'dashboard'].map((name) => ({
    entryPoints: [`media/src/${name}.ts`],
    outfile: `dist/webview/${name}.js`,
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    external: [],
    mainFields: ['browser', 'module', 'main'],
  })),
];

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

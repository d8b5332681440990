// Bundles the client and the server with esbuild (CommonJS, Node platform, `vscode` external).
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
];

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

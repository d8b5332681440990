// Generates docs/rules/<ID>.md and the README's rules table from the rule modules, so the
// docs cannot drift from the code. `--check` fails instead of writing when anything differs.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'an-docs-'));
const out = path.join(tmp, 'rules.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'server/src/core/rules/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
const { RULES } = createRequire(import.meta.url)(out);
fs.rmSync(tmp, { recursive: true, force: true });

const severityLabel = (s) => (s === 'off' ? 'off' : s);
const fence = (t) => '```text\n' + t + '\n```';
const files = new Map();
for (const r of RULES) {
  files.set(
    path.join(root, 'docs/rules', `${r.id}.md`),
    [
      `# ${r.id} ${r.name}`,
      '',
      `${r.summary}`,
      '',
      `- Default severity: **${severityLabel(r.defaultSeverity)}**`,
      `- Tags: ${r.tags.map((t) => '`' + t + '`').join(', ')}`,
      `- Fix: ${r.fixable ? 'yes' : 'no'}`,
      '',
      '## What it finds and why it matters',
      '',
      r.docs.description,
      '',
      '## Bad',
      '',
      fence(r.docs.bad),
      '',
      '## Good',
      '',
      fence(r.docs.good),
      '',
      ...(r.docs.fix ? ['## Fix', '', r.docs.fix, ''] : []),
      '## Configuration',
      '',
      'In `.arabic-news.json` or the `arabicNews.rules` setting:',
      '',
      '```json',
      `{ "rules": { "${r.id}": "off" } }`,
      '```',
      '',
      `The rule can also be named \`${r.name}\`. Severities: \`off\`, \`hint\`, \`info\`, \`warning\`, \`error\`.`,
      '',
    ].join('\n'),
  );
}

const table = [
  '| id | name | default | finds | fix |',
  '|---|---|---|---|---|',
  ...RULES.map((r) => `| [${r.id}](docs/rules/${r.id}.md) | ${r.name} | ${severityLabel(r.defaultSeverity)} | ${r.summary} | ${r.fixable ? 'yes' : ''} |`),
].join('\n');
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) throw new Error('README.md lacks the rules markers');
files.set(readmePath, readme.slice(0, i + start.length) + '\n' + table + '\n' + readme.slice(j));

let stale = 0;
for (const [file, content] of files) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === content) continue;
  stale++;
  if (check) console.error(`out of date: ${path.relative(root, file)}`);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
if (check && stale) {
  console.error('Run `npm run docs` and commit the result.');
  process.exit(1);
}
console.log(check ? 'docs are up to date' : `wrote ${stale} file(s)`);

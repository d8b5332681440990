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

// The JSON schema of .arabic-news.json: VS Code completes and validates the file with it.
const severity = { type: 'string', enum: ['off', 'hint', 'info', 'warning', 'error'] };
const ruleProps = {};
for (const r of RULES) {
  const setting = {
    description: `${r.id} ${r.name} (default: ${r.defaultSeverity}). ${r.summary}`,
    anyOf: [severity, { type: 'object', properties: { severity, options: { type: 'object' } }, additionalProperties: false }],
  };
  ruleProps[r.id] = setting;
  ruleProps[r.name] = setting;
}
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Arabic News corpus configuration (.arabic-news.json)',
  description: 'Read by the editor and by arabic-news-lint alike. The nearest file from an article\'s folder upwards applies.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    extends: { type: 'string', description: 'Another configuration file this one builds on, relative to this file.' },
    rules: { type: 'object', description: 'Rule id or name → severity, or { severity, options }.', properties: ruleProps, additionalProperties: false },
    boilerplate: { type: 'array', items: { type: 'string' }, description: 'Scraping-noise lines reported by the boilerplate rule: plain lines (compared ignoring hamza forms, harakat and tatweel) or /regular expressions/. Replaces the default list.' },
    requiredSections: { type: 'array', items: { type: 'string', enum: ['date', 'body', 'source', 'keywords'] }, uniqueItems: true, description: 'The sections this corpus requires; a section left out is never reported missing.' },
    dates: { type: 'object', description: 'Acceptable publication dates (inclusive).', properties: { min: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, max: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }, additionalProperties: false },
    keywordSeparators: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Separators between keywords on the keywords line (default ، , ؛ ;).' },
    markers: {
      type: 'object',
      description: "The corpus's canonical spelling of each marker.",
      properties: Object.fromEntries(['date', 'boilerplate', 'source', 'keywords', 'readAlso'].map((k) => [k, { type: 'string', minLength: 1 }])),
      additionalProperties: false,
    },
    keywords: {
      type: 'object',
      properties: {
        vocabulary: { type: 'string', description: 'A controlled vocabulary: one keyword a line.' },
        preferredSpellings: { type: 'string', description: 'Lines "variant → preferred".' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};
files.set(path.join(root, 'schemas/arabic-news.schema.json'), JSON.stringify(schema, null, 2) + '\n');

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

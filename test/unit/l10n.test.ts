// Localisation of the extension, checked without an Arabic language pack (none can be installed
// here): every `%key%` of package.json has an English and an Arabic text, every
// `vscode.l10n.t('…')` of the client has an Arabic translation in l10n/bundle.l10n.ar.json, and
// the Arabic texts are Arabic, with the same {0} placeholders as the English ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/fixtures';

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/** Every string value of a JSON document, with its path. */
function strings(value: unknown, at = ''): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The message of each `l10n.t(…)` call of the client, and the calls whose message is not a plain string literal. */
function l10nCalls(): { messages: Map<string, string>; notLiteral: string[] } {
  const messages = new Map<string, string>();
  const notLiteral: string[] = [];
  for (const file of sourceFiles(path.join(repoRoot, 'client', 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(repoRoot, file);
    for (const m of text.matchAll(/\bl10n\.t\(\s*/g)) {
      const rest = text.slice(m.index + m[0].length);
      const literal = /^'((?:[^'\\\n]|\\.)*)'|^"((?:[^"\\\n]|\\.)*)"/.exec(rest);
      const line = text.slice(0, m.index).split('\n').length;
      if (!literal) notLiteral.push(`${rel}:${line}`);
      else messages.set(JSON.parse(`"${(literal[1] ?? literal[2]!).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string, `${rel}:${line}`);
    }
  }
  return { messages, notLiteral };
}

/** At least one Arabic letter, and more Arabic letters than Latin ones outside placeholders, code and product names. */
function isArabic(text: string): boolean {
  const plain = text.replace(/\{\d+\}/g, '').replace(/`[^`]*`/g, '').replace(/\b(VS Code|glob|Enter|English)\b/g, '');
  const arabic = (plain.match(/[\u0600-\u06FF]/g) ?? []).length;
  const latin = (plain.match(/[A-Za-z]/g) ?? []).length;
  return arabic > 0 && arabic >= latin;
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

describe('localisation', () => {
  const manifest = readJson('package.json');
  const nlsEn = readJson('package.nls.json') as Record<string, string>;
  const nlsAr = readJson('package.nls.ar.json') as Record<string, string>;
  const bundleAr = readJson('l10n/bundle.l10n.ar.json') as Record<string, string>;

  test('package.json names its l10n folder', () => {
    assert.equal((manifest as { l10n?: string }).l10n, './l10n');
  });

  test('every %key% of package.json is in package.nls.json and package.nls.ar.json', () => {
    const keys = strings(manifest)
      .map((s) => ({ ...s, key: /^%([^%\s]+)%$/.exec(s.text)?.[1] }))
      .filter((s): s is { at: string; text: string; key: string } => !!s.key);
    assert.ok(keys.length >= 20, `package.json uses %keys% for its titles and descriptions (found ${keys.length})`);
    const missingEn = keys.filter((k) => typeof nlsEn[k.key] !== 'string').map((k) => `${k.key} (${k.at})`);
    const missingAr = keys.filter((k) => typeof nlsAr[k.key] !== 'string').map((k) => `${k.key} (${k.at})`);
    assert.deepEqual(missingEn, [], 'keys missing from package.nls.json');
    assert.deepEqual(missingAr, [], 'keys missing from package.nls.ar.json');
    const used = new Set(keys.map((k) => k.key));
    assert.deepEqual(Object.keys(nlsEn).filter((k) => !used.has(k)), [], 'package.nls.json has no key that package.json does not use');
    assert.deepEqual(Object.keys(nlsAr).filter((k) => !(k in nlsEn)), [], 'package.nls.ar.json has no key that package.nls.json lacks');
  });

  test('the user-visible strings of the manifest are localised: commands, views, configuration', () => {
    const m = manifest as { contributes: Record<string, unknown> };
    const visible = [
      ...strings(m.contributes.commands).filter((s) => /\.(title|category)$/.test(s.at)),
      ...strings(m.contributes.views).filter((s) => /\.(name|contextualTitle)$/.test(s.at)),
      ...strings(m.contributes.configuration).filter((s) => /(^title|\.description|\.markdownDescription|\.enumDescriptions\[\d+\])$/.test(s.at)),
    ];
    assert.ok(visible.length >= 20);
    assert.deepEqual(visible.filter((s) => !/^%[^%\s]+%$/.test(s.text)).map((s) => `${s.at}: ${s.text}`), [], 'titles and descriptions written in package.json instead of a %key%');
  });

  test('the Arabic manifest texts are Arabic, with the English placeholders', () => {
    for (const [key, en] of Object.entries(nlsEn)) {
      const ar = nlsAr[key]!;
      assert.ok(isArabic(ar), `package.nls.ar.json ${key} is Arabic: ${ar}`);
      if (!isArabic(en)) assert.notEqual(ar, en, `package.nls.ar.json ${key} is translated`); // "العربية" names itself
      assert.deepEqual(placeholders(ar), placeholders(en), `package.nls.ar.json ${key} keeps the placeholders`);
    }
  });

  test('every vscode.l10n.t() message of the client is a literal with an Arabic translation', () => {
    const { messages, notLiteral } = l10nCalls();
    assert.ok(messages.size >= 30, `the client's messages are found (${messages.size})`);
    assert.deepEqual(notLiteral, [], 'l10n.t() calls whose message is not a string literal (the bundle cannot be checked)');
    const missing = [...messages].filter(([msg]) => typeof bundleAr[msg] !== 'string').map(([msg, at]) => `${at}: ${msg}`);
    assert.deepEqual(missing, [], 'messages missing from l10n/bundle.l10n.ar.json');
    const stale = Object.keys(bundleAr).filter((msg) => !messages.has(msg));
    assert.deepEqual(stale, [], 'entries of l10n/bundle.l10n.ar.json that no l10n.t() call uses');
  });

  test('the Arabic client messages are Arabic, with the English placeholders', () => {
    for (const [en, ar] of Object.entries(bundleAr)) {
      assert.ok(isArabic(ar), `the translation of "${en}" is Arabic: ${ar}`);
      assert.deepEqual(placeholders(ar), placeholders(en), `the translation of "${en}" keeps the placeholders`);
    }
  });
});

/**
 * Reading `.arabic-news.json` (JSON with comments): parsing, validation with exact ranges, and
 * messages for people. Pure: the caller reads the files; `extends` is resolved by the caller
 * through the `extends` value returned here. The configuration is data only: nothing in it is
 * ever executed (regular expressions are compiled, never evaluated as code).
 */
import { findNodeAtLocation, type Node, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { ArticleConfig } from './config';
import { compileBoilerplate, isSeverity } from './config';
import { findRule, RULES } from './rules/index';
import { DEFAULT_MARKERS } from './parse/markers';
import { editDistance } from './rules/corpus/names';
import { splitLines } from './text/lines';
import type { LocalizedText, Range } from './types';

/** The configuration file's name. */
export const CONFIG_FILE_NAME = '.arabic-news.json';

/** A problem in a configuration file. */
export interface ConfigProblem {
  readonly range: Range;
  readonly message: LocalizedText;
  readonly severity: 'error' | 'warning';
}

/** A parsed configuration file. */
export interface ParsedConfigFile {
  /** The valid part of the configuration (invalid entries are left out), or undefined when the file cannot be parsed. */
  readonly config?: ArticleConfig;
  /** The `extends` path as written, if any, and where it is written. */
  readonly extends?: string;
  readonly extendsRange?: Range;
  readonly problems: readonly ConfigProblem[];
}

const TOP_KEYS = ['$schema', 'extends', 'rules', 'boilerplate', 'requiredSections', 'dates', 'keywordSeparators', 'markers', 'keywords'];
const SECTIONS = ['date', 'body', 'source', 'keywords'];

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/** Parses and validates a configuration file's text. Never throws. */
export function parseConfigFile(text: string): ParsedConfigFile {
  const lines = splitLines(text);
  const toRange = (offset: number, length: number): Range => {
    const pos = (o: number): { line: number; character: number } => {
      let lo = 0;
      let hi = lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lines[mid]!.offset <= o) lo = mid;
        else hi = mid - 1;
      }
      const l = lines[lo]!;
      return { line: lo, character: Math.min(o - l.offset, l.text.length) };
    };
    return { start: pos(offset), end: pos(offset + length) };
  };
  const problems: ConfigProblem[] = [];
  const error = (node: Node | undefined, en: string, ar: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ range: node ? toRange(node.offset, node.length) : toRange(0, 0), message: { en, ar }, severity });
  };

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    problems.push({
      range: toRange(e.offset, Math.max(1, e.length)),
      message: { en: `Invalid JSON: ${code}. Fix the syntax; until then articles are checked with the default configuration.`, ar: `JSON غير صالح: ${code}. أصلح الصياغة؛ وإلى أن تفعل تُفحص الأخبار بالإعدادات الافتراضية.` },
      severity: 'error',
    });
  }
  if (errors.length || !root) return { problems };
  if (root.type !== 'object') {
    error(root, 'The configuration must be a JSON object: { "rules": { … } }.', 'يجب أن تكون الإعدادات كائن JSON: { "rules": { … } }.');
    return { problems };
  }

  const config: Record<string, unknown> = {};
  let extendsPath: string | undefined;
  let extendsRange: Range | undefined;
  for (const prop of root.children ?? []) {
    const keyNode = prop.children?.[0];
    const valueNode = prop.children?.[1];
    const key = keyNode?.value as string;
    if (!valueNode) continue;
    if (!TOP_KEYS.includes(key)) {
      const hint = closest(key, TOP_KEYS);
      error(keyNode, `Unknown setting "${key}"${hint ? `: did you mean "${hint}"?` : '.'} It is ignored.`, `إعداد غير معروف «${key}»${hint ? `، هل تقصد «${hint}»؟` : '.'} سيُتجاهل.`, 'warning');
      continue;
    }
    switch (key) {
      case '$schema':
        break;
      case 'extends':
        if (typeof valueNode.value === 'string' && valueNode.value.trim()) {
          extendsPath = valueNode.value;
          extendsRange = toRange(valueNode.offset, valueNode.length);
        }
        else error(valueNode, '"extends" must be the path of another configuration file, relative to this one.', '«extends» يجب أن يكون مسار ملف إعدادات آخر، نسبةً إلى هذا الملف.');
        break;
      case 'rules':
        config.rules = validateRules(valueNode, error);
        break;
      case 'boilerplate': {
        const list = stringArray(valueNode, error, '"boilerplate" must be a list of lines or "/regular expressions/".', '«boilerplate» يجب أن يكون قائمة أسطر أو «/تعابير نمطية/».');
        if (list) {
          const ok: string[] = [];
          list.forEach(([s, node]) => {
            const c = compileBoilerplate(s);
            if ('error' in c) error(node, `Invalid regular expression: ${c.error}.`, `تعبير نمطي غير صالح: ${c.error}.`);
            else ok.push(s);
          });
          config.boilerplate = ok;
        }
        break;
      }
      case 'requiredSections': {
        const list = stringArray(valueNode, error, `"requiredSections" must be a list of sections: ${SECTIONS.join(', ')}.`, `«requiredSections» يجب أن يكون قائمة أقسام: ${SECTIONS.join('، ')}.`);
        if (list) {
          config.requiredSections = list
            .filter(([s, node]) => {
              if (SECTIONS.includes(s)) return true;
              error(node, `Unknown section "${s}"; the sections are ${SECTIONS.join(', ')}.`, `قسم غير معروف «${s}»؛ الأقسام هي ${SECTIONS.join('، ')}.`);
              return false;
            })
            .map(([s]) => s);
        }
        break;
      }
      case 'keywordSeparators': {
        const list = stringArray(valueNode, error, '"keywordSeparators" must be a list of strings such as ["،", ","].', '«keywordSeparators» يجب أن يكون قائمة نصوص مثل ["،", ","].');
        if (list) config.keywordSeparators = list.map(([s]) => s).filter((s) => s);
        break;
      }
      case 'dates': {
        if (valueNode.type !== 'object') {
          error(valueNode, '"dates" must be an object: { "min": "2015-01-01", "max": "2025-12-31" }.', '«dates» يجب أن يكون كائنًا: { "min": "2015-01-01", "max": "2025-12-31" }.');
          break;
        }
        const dates: Record<string, string> = {};
        for (const p of valueNode.children ?? []) {
          const k = p.children?.[0]?.value as string;
          const v = p.children?.[1];
          if (k !== 'min' && k !== 'max') {
            error(p.children?.[0], `Unknown key "${k}" in "dates": use "min" and "max".`, `مفتاح غير معروف «${k}» في «dates»: استخدم «min» و«max».`, 'warning');
          } else if (typeof v?.value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.value) || Number.isNaN(Date.parse(v.value + 'T00:00:00Z'))) {
            error(v, `"dates.${k}" must be a date written YYYY-MM-DD.`, `«dates.${k}» يجب أن يكون تاريخًا بالصيغة YYYY-MM-DD.`);
          } else dates[k] = v.value;
        }
        if (dates.min && dates.max && dates.min > dates.max) error(valueNode, '"dates.min" is after "dates.max".', '«dates.min» بعد «dates.max».');
        config.dates = dates;
        break;
      }
      case 'markers': {
        if (valueNode.type !== 'object') {
          error(valueNode, '"markers" must be an object such as { "readAlso": "اقرأ أيضا:" }.', '«markers» يجب أن يكون كائنًا مثل { "readAlso": "اقرأ أيضا:" }.');
          break;
        }
        const markers: Record<string, string> = {};
        const names = Object.keys(DEFAULT_MARKERS);
        for (const p of valueNode.children ?? []) {
          const k = p.children?.[0]?.value as string;
          const v = p.children?.[1];
          if (!names.includes(k)) {
            const hint = closest(k, names);
            error(p.children?.[0], `Unknown marker "${k}"${hint ? `: did you mean "${hint}"?` : `; the markers are ${names.join(', ')}.`}`, `علامة غير معروفة «${k}»${hint ? `، هل تقصد «${hint}»؟` : `؛ العلامات هي ${names.join('، ')}.`}`);
          } else if (typeof v?.value !== 'string' || !v.value.trim()) {
            error(v, `The marker "${k}" must be a non-empty string.`, `العلامة «${k}» يجب أن تكون نصًا غير فارغ.`);
          } else markers[k] = v.value;
        }
        config.markers = markers;
        break;
      }
      case 'keywords': {
        if (valueNode.type !== 'object') {
          error(valueNode, '"keywords" must be an object: { "vocabulary": "path", "preferredSpellings": "path" }.', '«keywords» يجب أن يكون كائنًا: { "vocabulary": "مسار", "preferredSpellings": "مسار" }.');
          break;
        }
        const kw: Record<string, string> = {};
        for (const p of valueNode.children ?? []) {
          const k = p.children?.[0]?.value as string;
          const v = p.children?.[1];
          if (k !== 'vocabulary' && k !== 'preferredSpellings') error(p.children?.[0], `Unknown key "${k}" in "keywords".`, `مفتاح غير معروف «${k}» في «keywords».`, 'warning');
          else if (typeof v?.value !== 'string' || !v.value.trim()) error(v, `"keywords.${k}" must be a file path.`, `«keywords.${k}» يجب أن يكون مسار ملف.`);
          else kw[k] = v.value;
        }
        config.keywords = kw;
        break;
      }
    }
  }
  return { config: config as ArticleConfig, extends: extendsPath, extendsRange, problems };
}

type Report = (node: Node | undefined, en: string, ar: string, severity?: 'error' | 'warning') => void;

function stringArray(node: Node, error: Report, en: string, ar: string): [string, Node][] | undefined {
  if (node.type !== 'array') {
    error(node, en, ar);
    return undefined;
  }
  const out: [string, Node][] = [];
  for (const item of node.children ?? []) {
    if (item.type === 'string') out.push([item.value as string, item]);
    else error(item, en, ar);
  }
  return out;
}

function validateRules(node: Node, error: Report): ArticleConfig['rules'] {
  if (node.type !== 'object') {
    error(node, '"rules" must be an object: { "AN104": "off" }.', '«rules» يجب أن يكون كائنًا: { "AN104": "off" }.');
    return undefined;
  }
  const rules: Record<string, unknown> = {};
  const known = RULES.flatMap((r) => [r.id, r.name]);
  for (const p of node.children ?? []) {
    const keyNode = p.children?.[0];
    const v = p.children?.[1];
    const key = keyNode?.value as string;
    const rule = findRule(key);
    if (!rule) {
      const hint = closest(key, known);
      error(keyNode, `Unknown rule "${key}"${hint ? `: did you mean "${hint}"?` : '.'} It is ignored.`, `قاعدة غير معروفة «${key}»${hint ? `، هل تقصد «${hint}»؟` : '.'} ستُتجاهل.`, 'warning');
      continue;
    }
    if (!v) continue;
    if (v.type === 'string') {
      if (isSeverity(v.value)) rules[key] = v.value;
      else error(v, `"${v.value}" is not a severity: use "off", "hint", "info", "warning" or "error".`, `«${v.value}» ليست درجة: استخدم "off" أو "hint" أو "info" أو "warning" أو "error".`);
    } else if (v.type === 'object') {
      const sev = findNodeAtLocation(v, ['severity']);
      const opts = findNodeAtLocation(v, ['options']);
      const setting: Record<string, unknown> = {};
      if (sev) {
        if (isSeverity(sev.value)) setting.severity = sev.value;
        else error(sev, `"${String(sev.value)}" is not a severity: use "off", "hint", "info", "warning" or "error".`, `«${String(sev.value)}» ليست درجة: استخدم "off" أو "hint" أو "info" أو "warning" أو "error".`);
      }
      if (opts) {
        if (opts.type === 'object') setting.options = nodeValue(opts);
        else error(opts, '"options" must be an object.', '«options» يجب أن يكون كائنًا.');
      }
      for (const c of v.children ?? []) {
        const k = c.children?.[0]?.value;
        if (k !== 'severity' && k !== 'options') error(c.children?.[0], `Unknown key "${String(k)}": a rule takes "severity" and "options".`, `مفتاح غير معروف «${String(k)}»: القاعدة تأخذ «severity» و«options».`, 'warning');
      }
      rules[key] = setting;
    } else {
      error(v, `The setting of ${rule.id} must be a severity or { "severity": …, "options": { … } }.`, `إعداد ${rule.id} يجب أن يكون درجة أو { "severity": …, "options": { … } }.`);
    }
  }
  return rules as ArticleConfig['rules'];
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children?.[0]?.value as string, p.children?.[1] ? nodeValue(p.children[1]) : undefined]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/**
 * Finds and reads `.arabic-news.json` for an article: the nearest one from the article's
 * folder upwards wins, with its `extends` chain. Shared by the language server and the
 * command line, so both read the same file the same way. Results are cached per folder until
 * `invalidate()`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArticleConfig } from './core/config';
import { CONFIG_FILE_NAME, type ConfigProblem, parseConfigFile } from './core/configFile';

/** The configuration that applies to one article. */
export interface LoadedConfig {
  /** Layers to merge, the most general first (the end of the `extends` chain), the nearest file last. */
  readonly layers: readonly ArticleConfig[];
  /** The files read, nearest first. */
  readonly files: readonly string[];
  /** Problems per configuration file. */
  readonly problems: ReadonlyMap<string, readonly ConfigProblem[]>;
}

const EMPTY: LoadedConfig = Object.freeze({ layers: [], files: [], problems: new Map() });
const MAX_EXTENDS = 10;

/** Loads configuration files from disk, with a per-folder cache. */
export class ConfigLoader {
  private readonly byDir = new Map<string, string | null>();
  private readonly byFile = new Map<string, LoadedConfig>();

  constructor(private readonly readText: (file: string) => string = (f) => fs.readFileSync(f, 'utf8')) {}

  /** Forgets everything read (after a configuration file changed). */
  invalidate(): void {
    this.byDir.clear();
    this.byFile.clear();
  }

  /** The nearest configuration file at or above a folder, or undefined. */
  nearest(dir: string): string | undefined {
    const seen: string[] = [];
    let d = path.resolve(dir);
    for (;;) {
      const cached = this.byDir.get(d);
      if (cached !== undefined) {
        for (const s of seen) this.byDir.set(s, cached);
        return cached ?? undefined;
      }
      seen.push(d);
      const candidate = path.join(d, CONFIG_FILE_NAME);
      let found = false;
      try {
        found = fs.statSync(candidate).isFile();
      } catch {
        found = false;
      }
      if (found) {
        for (const s of seen) this.byDir.set(s, candidate);
        return candidate;
      }
      const up = path.dirname(d);
      if (up === d) {
        for (const s of seen) this.byDir.set(s, null);
        return undefined;
      }
      d = up;
    }
  }

  /** The configuration for an article file (or for a folder, with `isDir`). */
  forPath(target: string, isDir = false): LoadedConfig {
    const file = this.nearest(isDir ? target : path.dirname(target));
    return file ? this.load(file) : EMPTY;
  }

  /** Loads a configuration file and its `extends` chain. Never throws. */
  load(file: string): LoadedConfig {
    const abs = path.resolve(file);
    const cached = this.byFile.get(abs);
    if (cached) return cached;
    const layers: ArticleConfig[] = [];
    const files: string[] = [];
    const problems = new Map<string, ConfigProblem[]>();
    let current: string | undefined = abs;
    for (let depth = 0; current && depth <= MAX_EXTENDS; depth++) {
      const here: string = current;
      current = undefined;
      if (files.includes(here)) {
        const list = problems.get(files[files.length - 1]!) ?? [];
        list.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: { en: `"extends" makes a cycle through ${here}.`, ar: `«extends» يصنع حلقة عبر ${here}.` }, severity: 'error' });
        problems.set(files[files.length - 1]!, list);
        break;
      }
      files.push(here);
      let text: string;
      try {
        text = this.readText(here);
      } catch (e) {
        problems.set(here, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: { en: `Cannot read ${here}: ${(e as Error).message}`, ar: `تعذرت قراءة ${here}: ${(e as Error).message}` }, severity: 'error' }]);
        break;
      }
      const parsed = parseConfigFile(text);
      const list = [...parsed.problems];
      if (parsed.config) layers.unshift(resolvePaths(parsed.config, path.dirname(here)));
      if (parsed.extends) {
        const next = path.resolve(path.dirname(here), parsed.extends);
        if (fs.existsSync(next)) current = next;
        else {
          list.push({
            range: parsed.extendsRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: { en: `"extends" points to ${parsed.extends}, which does not exist.`, ar: `«extends» يشير إلى ${parsed.extends}، وهو غير موجود.` },
            severity: 'error',
          });
        }
      }
      problems.set(here, list);
    }
    const loaded: LoadedConfig = { layers, files, problems };
    this.byFile.set(abs, loaded);
    return loaded;
  }
}

/** Makes the file paths of a layer absolute, relative to its configuration file's folder. */
function resolvePaths(config: ArticleConfig, dir: string): ArticleConfig {
  if (!config.keywords) return config;
  const k = config.keywords;
  return {
    ...config,
    keywords: {
      vocabulary: k.vocabulary ? path.resolve(dir, k.vocabulary) : undefined,
      preferredSpellings: k.preferredSpellings ? path.resolve(dir, k.preferredSpellings) : undefined,
    },
  };
}

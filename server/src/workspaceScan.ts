/**
 * Finds the article files of the workspace folders and feeds their keywords and sources to
 * the corpus lexicon, in the background: it reads files in small batches and yields to the
 * event loop between them, so requests are answered while it runs.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CorpusLexicon } from './core/corpus/lexicon';
import { parseArticle } from './core/parse/article';
import { looksLikeArticle } from './core/parse/sniff';
import type { MarkerTokens } from './core/parse/markers';

/** Folders never walked. */
export const EXCLUDED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.cache', '.vscode-test']);

/** Largest file read, in bytes. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lists `.txt` files under a folder, breadth first, skipping excluded and hidden folders and symlinked folders. */
export async function* listTextFiles(root: string, maxFiles = 200_000): AsyncGenerator<string> {
  const queue = [root];
  let count = 0;
  while (queue.length) {
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!EXCLUDED_DIRS.has(e.name) && !e.name.startsWith('.')) queue.push(full);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) {
        if (count++ >= maxFiles) return;
        yield full;
      }
    }
  }
}

/** The keywords and source of an article text, or undefined when it is not an article. */
export function termsOf(text: string, markers?: MarkerTokens): { keywords: string[]; source?: string } | undefined {
  if (!looksLikeArticle(text, markers)) return undefined;
  const a = parseArticle(text, { markers });
  return { keywords: a.keywords?.items.map((i) => i.text) ?? [], source: a.source?.value.text || undefined };
}

/** Reads one file into the lexicon (or removes it when it is gone or not an article). */
export async function indexFile(lexicon: CorpusLexicon, file: string, markers?: MarkerTokens): Promise<void> {
  const uri = pathToFileURL(file).toString();
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) {
      lexicon.remove(uri);
      return;
    }
    const text = await fs.readFile(file, 'utf8');
    const terms = termsOf(text, markers);
    if (terms) lexicon.update(uri, terms);
    else lexicon.remove(uri);
  } catch {
    lexicon.remove(uri);
  }
}

/** Scans folders into the lexicon. `skip` tells which URIs are open (their editor text wins). */
export async function scanFolders(
  lexicon: CorpusLexicon,
  folders: readonly string[],
  options: { markers?: MarkerTokens; skip?: (uri: string) => boolean; isCancelled?: () => boolean } = {},
): Promise<number> {
  let n = 0;
  for (const folder of folders) {
    for await (const file of listTextFiles(folder)) {
      if (options.isCancelled?.()) return n;
      const uri = pathToFileURL(file).toString();
      if (!options.skip?.(uri)) await indexFile(lexicon, file, options.markers);
      if (++n % 50 === 0) await yieldToEventLoop();
    }
  }
  return n;
}

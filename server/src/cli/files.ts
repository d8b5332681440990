/**
 * Which files a run checks, and how it reads them: paths, folders and globs expanded into a
 * sorted list, the deterministic split of that list into shards, and one reader of a file's
 * bytes (and text) for the check, the corpus pass and export.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detach } from '../core/corpus/summary';
import type { EncodingInfo } from '../core/rules/rule';
import { decodeBytes } from '../core/text/encoding';
import { DEFAULT_EXCLUDE } from '../corpusHost';

/** Folders never walked (the corpus settings' default exclusions). */
const EXCLUDED_DIRS: ReadonlySet<string> = new Set(DEFAULT_EXCLUDE);
import { compileGlob, couldMatchBelow, globMatch, hasGlobChars, matchSegments, namesLiterally, type Segment } from './glob';

/** A file to check. */
export interface FileEntry {
  /** The absolute path. */
  readonly abs: string;
  /** The path relative to the working folder, with `/` separators (how every output names it). */
  readonly rel: string;
  /** The position in the sorted list of the run's files. */
  readonly index: number;
}

/** The result of expanding the command line's patterns. */
export interface Expansion {
  /** Sorted by `rel`, without duplicates. */
  readonly files: FileList;
  /** Paths given literally that do not exist. */
  readonly missing: string[];
}

/**
 * The run's files, kept compactly: each file's folder once for all its files (as an absolute
 * and a relative prefix) and its name in one string of all names. A list of objects holding two
 * path strings each took about 230 bytes a file (23 MB at 100,000 files, kept for the whole
 * run); this takes about 30. {@link at} makes a file's entry when it is asked for.
 */
export class FileList implements Iterable<FileEntry> {
  private constructor(
    /** Absolute and relative prefix of each folder: a file's path is its folder's prefix and its name. */
    private readonly prefixes: readonly (readonly [string, string])[],
    private readonly prefixOf: Int32Array,
    /** Every file's name, one after the other; the name of file i ends at `nameEnds[i]`. */
    private readonly names: string,
    private readonly nameEnds: Int32Array,
    /** For a subset: the indices (in the whole list) of its files. */
    private readonly picked?: Int32Array,
  ) {}

  /** A list of the given files, in the given order (their `index` is their position). */
  static of(files: readonly { readonly abs: string; readonly rel: string }[]): FileList {
    const prefixIds = new Map<string, number>();
    const prefixes: [string, string][] = [];
    const prefixOf = new Int32Array(files.length);
    const nameEnds = new Int32Array(files.length);
    const names: string[] = [];
    let end = 0;
    files.forEach((f, i) => {
      // The name is what follows the last separator of the absolute path; the relative path
      // ends with it too (else the file's paths are kept whole, with an empty name).
      const cut = Math.max(f.abs.lastIndexOf('/'), f.abs.lastIndexOf(path.sep)) + 1;
      let name = f.abs.slice(cut);
      if (!f.rel.endsWith(name)) name = '';
      const absPrefix = f.abs.slice(0, f.abs.length - name.length);
      const relPrefix = f.rel.slice(0, f.rel.length - name.length);
      const key = `${absPrefix}\0${relPrefix}`;
      let id = prefixIds.get(key);
      if (id === undefined) {
        id = prefixes.length;
        prefixes.push([detach(absPrefix), detach(relPrefix)]);
        prefixIds.set(key, id);
      }
      prefixOf[i] = id;
      names.push(name);
      nameEnds[i] = end += name.length;
    });
    return new FileList(prefixes, prefixOf, detach(names.join('')), nameEnds);
  }

  get length(): number {
    return this.picked ? this.picked.length : this.prefixOf.length;
  }

  /** The i-th file of this list (`index` is its position in the whole list). */
  at(i: number): FileEntry {
    const index = this.picked ? this.picked[i]! : i;
    const [abs, rel] = this.prefixes[this.prefixOf[index]!]!;
    const name = this.names.slice(index > 0 ? this.nameEnds[index - 1]! : 0, this.nameEnds[index]!);
    return { abs: abs + name, rel: rel + name, index };
  }

  /** The files from `start` to `end` (exclusive) of this list. */
  slice(start: number, end = this.length): FileEntry[] {
    const out: FileEntry[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.length); i++) out.push(this.at(i));
    return out;
  }

  /** The files of this list that pass `test`, as a list (sharing this one's paths). */
  where(test: (f: FileEntry) => boolean): FileList {
    const picked: number[] = [];
    for (const f of this) if (test(f)) picked.push(f.index);
    return new FileList(this.prefixes, this.prefixOf, this.names, this.nameEnds, Int32Array.from(picked));
  }

  *[Symbol.iterator](): Iterator<FileEntry> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** The path of a file relative to the working folder, with `/` separators. */
export function relativePath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs) || path.basename(abs);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

const isTxt = (name: string): boolean => name.toLowerCase().endsWith('.txt');

/**
 * Walks a folder depth first. `enterDir` decides whether to descend into a subfolder (given
 * its name and its segments relative to the root); `onFile` receives regular files. Symbolic
 * links are not followed (as the language server's workspace scan).
 */
function walk(root: string, enterDir: (name: string, segs: readonly string[]) => boolean, onFile: (abs: string, segs: readonly string[]) => void): void {
  const stack: { dir: string; segs: string[] }[] = [{ dir: root, segs: [] }];
  while (stack.length) {
    const { dir, segs } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        const sub = [...segs, e.name];
        if (enterDir(e.name, sub)) stack.push({ dir: full, segs: sub });
      } else if (e.isFile()) onFile(full, [...segs, e.name]);
    }
  }
}

/** A folder skipped when walking (as the language server skips it). */
export function excludedDir(name: string): boolean {
  return EXCLUDED_DIRS.has(name) || name.startsWith('.');
}

function expandGlob(pattern: string, cwd: string, add: (abs: string) => void): void {
  for (const g of compileGlob(pattern)) {
    const baseAbs = path.resolve(cwd, g.base || '.');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(baseAbs);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) continue;
    const segments: readonly Segment[] = g.segments;
    walk(
      baseAbs,
      (name, segs) => (!EXCLUDED_DIRS.has(name) || namesLiterally(segments, name)) && couldMatchBelow(segments, segs),
      (abs, segs) => {
        if (matchSegments(segments, segs)) add(abs);
      },
    );
  }
}

/**
 * Expands paths, folders and globs (a pattern starting with `!` excludes what it matches, or a
 * folder and everything below it). Folders are walked for `*.txt` files, skipping
 * node_modules, .git, build output and hidden folders; a file named literally is taken
 * whatever its extension.
 */
export function expandPatterns(patterns: readonly string[], cwd: string): Expansion {
  const seen = new Map<string, Omit<FileEntry, 'index'>>();
  const missing: string[] = [];
  const excludes: string[] = [];
  const add = (abs: string): void => {
    if (!seen.has(abs)) seen.set(abs, { abs, rel: relativePath(abs, cwd) });
  };
  for (const raw of patterns) {
    if (raw.startsWith('!') && raw.length > 1) {
      excludes.push(raw.slice(1));
      continue;
    }
    const abs = path.resolve(cwd, raw);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      walk(abs, (name) => !excludedDir(name), (file) => {
        if (isTxt(file)) add(file);
      });
    } else if (stat) {
      add(abs);
    } else if (hasGlobChars(raw)) {
      expandGlob(raw, cwd, add);
    } else {
      missing.push(raw);
    }
  }
  let files = [...seen.values()];
  if (excludes.length) {
    const tests = excludes.map((x): ((f: Omit<FileEntry, 'index'>) => boolean) => {
      const p = x.replace(/^\.\//, '').replace(/\/+$/, '');
      if (hasGlobChars(p)) return (f) => globMatch(p, path.isAbsolute(p) ? f.abs : f.rel);
      const absX = path.resolve(cwd, p);
      return (f) => f.abs === absX || f.abs.startsWith(absX + path.sep);
    });
    files = files.filter((f) => !tests.some((t) => t(f)));
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files: FileList.of(files), missing };
}

/**
 * The shard (0-based, of `count`) a file belongs to: FNV-1a over the UTF-8 bytes of its
 * relative path, then a 32-bit avalanche, modulo `count`. Stable across runs and machines
 * for the same relative path; every file is in exactly one shard.
 */
export function shardOf(rel: string, count: number): number {
  if (count <= 1) return 0;
  let h = 0x811c9dc5;
  const bytes = Buffer.from(rel, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % count;
}

/**
 * The buffer files are read into, reused from file to file (grown as needed): a fresh buffer per
 * file cost an allocation outside the heap and work for the collector each time.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads a file's bytes (one open, one fstat, reads), or says why not. The bytes are a view of a
 * buffer that the next call reuses: decode them (or copy them) before reading another file.
 * A file is read up to the size fstat gave (a file that grows meanwhile is read as it was);
 * one whose size is 0 is read to its end, as files of /proc and some network file systems
 * report no size.
 */
export function readBytes(abs: string, limit: number): { bytes: Buffer } | { error: string } {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a named pipe given on the command line cannot hang the run.
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > limit) return { error: `too large (${(stat.size / 1048576).toFixed(1)} MB; the limit is ${limit / 1048576} MB)` };
    const size = stat.size;
    if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    let got = 0;
    for (;;) {
      const want = size > 0 ? size - got : Math.min(limit - got, scratch.length - got);
      if (want <= 0) {
        // Size unknown (0) and the buffer is full: grow it, up to the limit.
        if (size > 0 || got >= limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit, scratch.length * 2));
        scratch.copy(bigger, 0, 0, got);
        scratch = bigger;
        continue;
      }
      const n = fs.readSync(fd, scratch, got, want, null);
      if (n === 0) break;
      got += n;
    }
    return { bytes: scratch.subarray(0, got) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EISDIR') return { error: 'not a regular file' };
    return { error: `cannot read: ${err.code ?? ''}${err.code ? ' ' : ''}${err.message.replace(/^[A-Z]+: /, '')}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A file's text and encoding as a run reads it, or undefined (unreadable, binary, over `limit` bytes). */
export function readDecoded(abs: string, limit: number): { text: string; encoding: EncodingInfo } | undefined {
  const read = readBytes(abs, limit);
  if ('error' in read) return undefined;
  const decoded = decodeBytes(read.bytes);
  return decoded.binary ? undefined : { text: decoded.text, encoding: decoded.encoding };
}

/**
 * Glob patterns as the corpus settings and the command line write them: `**` (any folders),
 * `*` and `?` (within one path segment), `{a,b}` alternatives and `[…]` classes. Paths are
 * matched with forward slashes, relative to a root. A pattern without a slash matches a
 * file or folder name at any depth (as `.gitignore` does).
 */

const cache = new Map<string, RegExp>();

/** Compiles a glob to an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!g.includes('/')) g = '**/' + g;
  let re = '';
  let depth = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        if (g[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = g.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  while (depth-- > 0) re += ')';
  const compiled = new RegExp(`^${re}$`, 'u');
  if (cache.size > 500) cache.clear();
  cache.set(glob, compiled);
  return compiled;
}

/** Characters with a meaning in a glob. */
const GLOB_CHARS = /[*?{}[\]]/;

/**
 * A test equal to `globToRegExp(glob).test`, without the regular expression for the two shapes
 * corpus settings nearly always have: a name at any depth (`node_modules`, `.git`) and an
 * extension at any depth (the default include, every `.txt` file). Listing a workspace tests
 * every file against every pattern: 100,000 files and the ten default patterns took about
 * 300 ms of regular expressions.
 */
function globTest(glob: string): (path: string) => boolean {
  let g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!g.includes('/')) g = '**/' + g;
  if (g.startsWith('**/')) {
    const rest = g.slice(3);
    if (rest && !rest.includes('/') && !GLOB_CHARS.test(rest)) {
      const below = '/' + rest;
      return (p) => p === rest || p.endsWith(below);
    }
    // `*` then a plain ending: the last segment ends with it (the ending has no slash).
    if (rest.startsWith('*') && rest.length > 1 && !rest.includes('/') && !GLOB_CHARS.test(rest.slice(1))) {
      const ending = rest.slice(1);
      return (p) => p.endsWith(ending);
    }
  }
  const re = globToRegExp(glob);
  return (p) => re.test(p);
}

const tests = new Map<string, (path: string) => boolean>();

/** True when a relative path (forward slashes) matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const p = relativePath.includes('\\') ? relativePath.replace(/\\/g, '/') : relativePath;
  for (const g of globs) {
    let t = tests.get(g);
    if (!t) {
      if (tests.size > 500) tests.clear();
      tests.set(g, (t = globTest(g)));
    }
    if (t(p)) return true;
  }
  return false;
}

/** True when a folder (relative path) is excluded: it or one of its parents matches a glob. */
export function folderExcluded(relativeDir: string, globs: readonly string[]): boolean {
  const parts = relativeDir.replace(/\\/g, '/').split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (matchesAny(prefix, globs) || matchesAny(prefix + '/', globs)) return true;
  }
  return false;
}

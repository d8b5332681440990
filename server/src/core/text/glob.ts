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

/** True when a relative path (forward slashes) matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const p = relativePath.replace(/\\/g, '/');
  for (const g of globs) if (globToRegExp(g).test(p)) return true;
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

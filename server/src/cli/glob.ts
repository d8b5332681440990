/**
 * A small glob matcher, without a dependency: `*` and `?` within one path segment, `**` for any
 * number of segments, `[abc]`/`[a-z]`/`[!a]` classes, `{a,b}` alternatives (nested), `\` to
 * escape. As in shells, a wildcard does not match a name that starts with a dot unless the
 * pattern's segment does. Paths are matched with `/` separators.
 */

/** True when a pattern contains an unescaped glob character. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[' || c === '{') return true;
  }
  return false;
}

/** Expands `{a,b}` alternatives, nested ones too: `a/{b,c{d,e}}` → a/b, a/cd, a/ce. */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0) {
      if (--depth === 0) {
        const inner = pattern.slice(open + 1, i);
        const parts: string[] = [];
        let d = 0;
        let start = 0;
        for (let j = 0; j < inner.length; j++) {
          const ch = inner[j]!;
          if (ch === '\\') j++;
          else if (ch === '{') d++;
          else if (ch === '}') d--;
          else if (ch === ',' && d === 0) {
            parts.push(inner.slice(start, j));
            start = j + 1;
          }
        }
        parts.push(inner.slice(start));
        if (parts.length < 2) {
          // `{a}` is not an alternative: keep the braces literal.
          return expandBraces(pattern.slice(0, open) + '\\{' + inner + '\\}' + pattern.slice(i + 1));
        }
        const head = pattern.slice(0, open);
        const tail = pattern.slice(i + 1);
        const out: string[] = [];
        for (const p of parts) for (const e of expandBraces(head + p + tail)) out.push(e);
        return out;
      }
    }
  }
  return [pattern];
}

/** One segment of a compiled pattern. */
export type Segment = { readonly kind: 'globstar' } | { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'wild'; readonly regex: RegExp };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Compiles one path segment (no `/`, braces already expanded). */
export function compileSegment(seg: string): Segment {
  if (seg === '**') return { kind: 'globstar' };
  if (!hasGlobChars(seg)) return { kind: 'literal', text: seg.replace(/\\(.)/g, '$1') };
  let re = seg.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '\\' && i + 1 < seg.length) re += escapeRegExp(seg[++i]!);
    else if (c === '*') {
      while (seg[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      re += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else re += escapeRegExp(c);
  }
  return { kind: 'wild', regex: new RegExp(`^${re}$`, 'u') };
}

function segmentMatches(s: Segment, name: string): boolean {
  return s.kind === 'literal' ? s.text === name : s.kind === 'wild' ? s.regex.test(name) : true;
}

/** A compiled glob (one brace alternative). */
export interface CompiledGlob {
  /** The leading literal segments: the folder to walk from (`''` for the current folder). */
  readonly base: string;
  /** The segments after the base. */
  readonly segments: readonly Segment[];
  /** Whether the base is absolute. */
  readonly absolute: boolean;
}

/** Compiles a glob into alternatives with their base folders. */
export function compileGlob(pattern: string): CompiledGlob[] {
  const normalized = process.platform === 'win32' ? pattern.replace(/\\(?=[^*?[\]{}\\!])/g, '/') : pattern;
  return expandBraces(normalized).map((alt) => {
    let p = alt.replace(/\/{2,}/g, '/');
    const absolute = p.startsWith('/') || /^[A-Za-z]:\//.test(p);
    while (p.startsWith('./')) p = p.slice(2);
    const parts = p.split('/').filter((s, i) => s !== '' || (i === 0 && absolute));
    const base: string[] = [];
    let i = 0;
    while (i < parts.length - 1 && !hasGlobChars(parts[i]!)) base.push(parts[i++]!);
    const segments = parts.slice(i).map(compileSegment);
    return { base: absolute && base.length === 1 && base[0] === '' ? '/' : base.join('/') || (absolute ? '/' : ''), segments, absolute };
  });
}

/** True when the path segments (relative to the glob's base) match the pattern. */
export function matchSegments(pattern: readonly Segment[], segs: readonly string[], pi = 0, si = 0): boolean {
  while (pi < pattern.length) {
    const p = pattern[pi]!;
    if (p.kind === 'globstar') {
      // Zero or more segments, none of them hidden.
      for (let k = si; k <= segs.length; k++) {
        if (matchSegments(pattern, segs, pi + 1, k)) return true;
        if (k < segs.length && segs[k]!.startsWith('.')) return false;
      }
      return false;
    }
    if (si >= segs.length || !segmentMatches(p, segs[si]!)) return false;
    pi++;
    si++;
  }
  return si === segs.length;
}

/** True when some path below the folder `segs` (relative to the base) could still match. */
export function couldMatchBelow(pattern: readonly Segment[], segs: readonly string[], pi = 0, si = 0): boolean {
  while (true) {
    if (si === segs.length) return pi < pattern.length;
    if (pi >= pattern.length) return false;
    const p = pattern[pi]!;
    if (p.kind === 'globstar') {
      for (let k = si; k <= segs.length; k++) {
        if (couldMatchBelow(pattern, segs, pi + 1, k)) return true;
        if (k < segs.length && segs[k]!.startsWith('.')) return false;
      }
      return true; // the globstar takes every folder so far and may take more
    }
    if (!segmentMatches(p, segs[si]!)) return false;
    pi++;
    si++;
  }
}

/** Whether a folder name appears as a literal segment of the pattern (so it is walked even if usually excluded). */
export function namesLiterally(pattern: readonly Segment[], name: string): boolean {
  return pattern.some((s) => s.kind === 'literal' && s.text === name);
}

/** Matches a whole `/`-separated path against a glob (all brace alternatives). */
export function globMatch(pattern: string, filePath: string): boolean {
  const segs = filePath.split('/').filter((s) => s !== '' && s !== '.');
  return compileGlob(pattern).some((g) => {
    const base = g.base ? g.base.split('/').filter((s) => s !== '') : [];
    for (let i = 0; i < base.length; i++) if (segs[i] !== base[i]) return false;
    return matchSegments(g.segments, segs.slice(base.length));
  });
}

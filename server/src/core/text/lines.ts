/**
 * Splitting a document into lines, keeping enough to map back to LSP positions.
 * JavaScript strings are UTF-16, so a character index inside a line is already the LSP
 * `character` of the default position encoding.
 */

/** One line of a document, without its line break. */
export interface Line {
  /** Zero-based line number. */
  readonly index: number;
  /** The text without the line break. */
  readonly text: string;
  /** UTF-16 offset of the line's first character in the document. */
  readonly offset: number;
  /** The line break that ends the line: `\n`, `\r\n`, `\r`, or `''` on the last line. */
  readonly eol: '' | '\n' | '\r\n' | '\r';
}

/** Splits text into lines on `\r\n`, `\n` and `\r`. An empty text is one empty line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  const n = text.length;
  if (text.indexOf('\r') < 0) {
    // Only `\n` breaks (nearly every file): the engine's indexOf finds them far faster than a
    // loop over every code unit.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.push({ index: index++, text: text.slice(start, i), offset: start, eol: '\n' });
      start = i + 1;
    }
    lines.push({ index, text: text.slice(start), offset: start, eol: '' });
    return lines;
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      let eol: Line['eol'] = c === 10 ? '\n' : '\r';
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) eol = '\r\n';
      lines.push({ index: index++, text: text.slice(start, i), offset: start, eol });
      if (eol === '\r\n') i++;
      start = i + 1;
    }
  }
  lines.push({ index, text: text.slice(start), offset: start, eol: '' });
  return lines;
}

/** The line-break style of a document. */
export function eolStyle(lines: readonly Line[]): 'lf' | 'crlf' | 'cr' | 'mixed' | 'none' {
  let seen: string | undefined;
  for (const l of lines) {
    if (!l.eol) continue;
    if (seen === undefined) seen = l.eol;
    else if (seen !== l.eol) return 'mixed';
  }
  return seen === undefined ? 'none' : seen === '\n' ? 'lf' : seen === '\r\n' ? 'crlf' : 'cr';
}

/**
 * Plain data types shared by every core module. They are structurally identical to the
 * Language Server Protocol's `Position`, `Range` and `TextEdit`, so the server can hand them
 * over unchanged, but the core never imports the protocol.
 */

/** A zero-based line and a character offset in UTF-16 code units, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range: `end` is exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of `range` by `newText`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A user-visible string in both languages the product speaks. */
export interface LocalizedText {
  readonly en: string;
  readonly ar: string;
}

/** The display languages of messages. */
export type MessageLanguage = 'en' | 'ar';

/** Builds a range on one line. */
export function lineRange(line: number, startCharacter: number, endCharacter: number): Range {
  return { start: { line, character: startCharacter }, end: { line, character: endCharacter } };
}

/** Builds a range from two positions. */
export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Compares two positions: negative when `a` comes first. */
export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** True when `position` lies inside `r` (the end counts as inside, as a cursor at a word's end does). */
export function rangeContains(r: Range, position: Position): boolean {
  return comparePositions(r.start, position) <= 0 && comparePositions(position, r.end) <= 0;
}

/** Picks the text of a message in a language. */
export function localize(text: LocalizedText, language: MessageLanguage): string {
  return language === 'ar' ? text.ar : text.en;
}

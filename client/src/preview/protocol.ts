/** Messages between the preview panel (extension host) and its webview (media/src/preview.ts). */
import type { PreviewModel } from './model';

/** User-visible strings of the page, localised in the extension host. */
export interface PreviewStrings {
  readonly empty: string;
  readonly otherProblems: string;
  readonly line: string;
  readonly boilerplate: string;
  readonly stray: string;
  readonly clickToReveal: string;
}

export type ToPreview =
  | { readonly type: 'render'; readonly version: number; readonly uri: string; readonly model: PreviewModel; readonly strings: PreviewStrings }
  | { readonly type: 'scrollTo'; readonly line: number; readonly reason: 'scroll' | 'cursor' };

/** What the webview reports after rendering (read by the end-to-end tests through the API). */
export interface PreviewRendered {
  readonly version: number;
  readonly uri: string;
  readonly headline: string;
  readonly paragraphs: number;
  readonly problems: number;
  readonly dir: string;
  readonly lang: string;
}

export type FromPreview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly line: number }
  /** The page scrolled to (or marked) the element of `line` after a `scrollTo`. */
  | { readonly type: 'scrolled'; readonly line: number; readonly reason: 'scroll' | 'cursor' }
  | ({ readonly type: 'rendered' } & PreviewRendered);

/**
 * The preview's page script (bundled by esbuild into dist/webview/preview.js). It builds the
 * article's DOM from the model the extension sends, with textContent only: article text is
 * never parsed as HTML. Clicking a line asks the editor to reveal it; the editor's scrolling and
 * cursor scroll the page.
 */
import type { Block, Piece, PreviewModel, Problem } from '../../client/src/preview/model';
import type { FromPreview, PreviewStrings, ToPreview } from '../../client/src/preview/protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromPreview): void; setState(state: { uri: string }): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('article')!;
let problems: readonly Problem[] = [];
let strings: PreviewStrings | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The worst severity among problems, for the underline's colour. */
function worst(indices: readonly number[]): string {
  const order = ['error', 'warning', 'info', 'hint'];
  let best = 3;
  for (const i of indices) best = Math.min(best, order.indexOf(problems[i]?.severity ?? 'hint'));
  return order[best]!;
}

function problemTitle(indices: readonly number[]): string {
  return indices
    .map((i) => problems[i])
    .filter((p): p is Problem => !!p)
    .map((p) => (p.code ? `${p.code}: ${p.message}` : p.message))
    .join('\n');
}

/** Appends a piece of text: its runs (left-to-right ones isolated) and underlined problem segments. */
function fill(parent: HTMLElement, piece: Piece): HTMLElement {
  for (const run of piece.runs) {
    const host = run.ltr ? el('bdi') : parent;
    if (run.ltr) host.setAttribute('dir', 'ltr');
    for (const seg of run.segments) {
      if (seg.problems?.length) {
        const span = el('span', `problem ${worst(seg.problems)}`, seg.text);
        span.title = problemTitle(seg.problems);
        span.tabIndex = 0;
        host.appendChild(span);
      } else host.appendChild(document.createTextNode(seg.text));
    }
    if (host !== parent) parent.appendChild(host);
  }
  return parent;
}

/** An element for a line of the document: clicking it reveals the line in the editor. */
function lineElement<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, piece: Piece): HTMLElementTagNameMap[K] {
  const e = el(tag, `line ${className}`);
  e.dataset.line = String(piece.line);
  if (strings) e.title = strings.clickToReveal;
  return fill(e, piece) as HTMLElementTagNameMap[K];
}

function blockElement(b: Block): HTMLElement {
  const p = lineElement('p', b.kind, b.piece);
  if (b.kind !== 'paragraph' && strings) {
    const label = b.kind === 'boilerplate' ? strings.boilerplate : strings.stray;
    p.setAttribute('aria-label', label);
    p.dataset.label = label;
  }
  return p;
}

function render(model: PreviewModel): void {
  problems = model.problems;
  const frag = document.createDocumentFragment();
  if (model.empty) frag.appendChild(el('p', 'empty', strings?.empty ?? ''));

  const header = el('header');
  if (model.headline) header.appendChild(lineElement('h1', 'headline', model.headline));
  if (model.date || model.source) {
    const byline = el('p', 'byline');
    if (model.source) byline.appendChild(lineElement('span', 'source', model.source));
    if (model.date && model.source) byline.appendChild(el('span', 'sep', ' · '));
    if (model.date) byline.appendChild(lineElement('time', 'date', model.date));
    header.appendChild(byline);
  }
  frag.appendChild(header);

  const body = el('section', 'body');
  for (const b of model.body) body.appendChild(blockElement(b));
  frag.appendChild(body);

  if (model.keywordsLabel || model.keywords.length) {
    const kw = el('section', 'keywords');
    if (model.keywordsLabel) kw.appendChild(lineElement('h2', 'keywords-label', model.keywordsLabel));
    const list = el('ul', 'chips');
    for (const k of model.keywords) list.appendChild(lineElement('li', 'chip', k));
    kw.appendChild(list);
    frag.appendChild(kw);
  }

  if (model.readAlso) {
    const ra = el('section', 'read-also');
    ra.appendChild(lineElement('h2', 'read-also-heading', model.readAlso.heading));
    for (const a of model.readAlso.articles) {
      const card = el('article', 'card');
      card.appendChild(lineElement('h3', 'card-headline', a.headline));
      for (const p of a.paragraphs) card.appendChild(lineElement('p', 'card-paragraph', p));
      ra.appendChild(card);
    }
    frag.appendChild(ra);
  }

  if (model.unplaced.length && strings) {
    const other = el('section', 'other-problems');
    other.setAttribute('dir', 'auto');
    other.appendChild(el('h2', undefined, strings.otherProblems));
    const list = el('ul');
    for (const i of model.unplaced) {
      const p = model.problems[i]!;
      const item = el('li', 'line');
      item.dataset.line = String(p.line);
      item.appendChild(el('span', `problem ${p.severity}`, strings.line.replace('{0}', String(p.line + 1))));
      item.appendChild(document.createTextNode(` ${p.code ? `${p.code}: ` : ''}${p.message}`));
      list.appendChild(item);
    }
    other.appendChild(list);
    frag.appendChild(other);
  }

  root.replaceChildren(frag);
}

/** The element of the last rendered line at or before `line`. */
function elementForLine(line: number): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLine = -1;
  for (const e of root.querySelectorAll<HTMLElement>('[data-line]')) {
    const l = Number(e.dataset.line);
    if (l <= line && l > bestLine) {
      best = e;
      bestLine = l;
    }
  }
  return best ?? root.querySelector<HTMLElement>('[data-line]') ?? undefined;
}

let highlighted: HTMLElement | undefined;
function scrollToLine(line: number, reason: 'scroll' | 'cursor'): void {
  const target = elementForLine(line);
  if (!target) return;
  if (reason === 'cursor') {
    highlighted?.classList.remove('current');
    target.classList.add('current');
    highlighted = target;
    target.scrollIntoView({ block: 'nearest' });
  } else if (line === 0) window.scrollTo({ top: 0 });
  else target.scrollIntoView({ block: 'start' });
  vscode.postMessage({ type: 'scrolled', line: Number(target.dataset.line), reason });
}

root.addEventListener('click', (e) => {
  if (window.getSelection()?.toString()) return; // selecting text is not a click on a line
  const target = (e.target as HTMLElement).closest<HTMLElement>('[data-line]');
  if (target) vscode.postMessage({ type: 'reveal', line: Number(target.dataset.line) });
});

window.addEventListener('message', (event: MessageEvent<ToPreview>) => {
  const m = event.data;
  if (m.type === 'render') {
    strings = m.strings;
    render(m.model);
    // Which article this preview shows, kept by VS Code across a window reload (the extension's
    // serializer reopens it from this state).
    vscode.setState({ uri: m.uri });
    vscode.postMessage({
      type: 'rendered',
      version: m.version,
      uri: m.uri,
      headline: root.querySelector('h1')?.textContent ?? '',
      paragraphs: root.querySelectorAll('.body .paragraph').length,
      problems: root.querySelectorAll('.problem').length,
      dir: root.getAttribute('dir') ?? '',
      lang: root.getAttribute('lang') ?? '',
    });
  } else if (m.type === 'scrollTo') scrollToLine(m.line, m.reason);
});

vscode.postMessage({ type: 'ready' });

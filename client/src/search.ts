/**
 * "Arabic News: Search Corpus": finds text in the headlines and paragraphs of the whole corpus
 * as Arabic is written (alef forms, ى/ي, ة/ه, harakat and tatweel do not matter; the server
 * normalises), with a cancellable progress notification, and lists the hits in a quick pick.
 * Picking one opens the file with the match selected.
 */
import * as vscode from 'vscode';
import type { CorpusService, SearchHit } from './corpusService';

/** Hits asked of the server at most. */
export const SEARCH_LIMIT = 500;

/** VS Code draws `$(name)` in quick pick labels as an icon: article text must not be read so. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

interface HitItem extends vscode.QuickPickItem {
  readonly hit?: SearchHit;
}

/** What the end-to-end tests read: the last search and what its quick pick listed. */
export interface SearchState {
  readonly query: string;
  readonly truncated: boolean;
  readonly items: readonly { readonly label: string; readonly description?: string; readonly detail?: string }[];
}

export class CorpusSearch implements vscode.Disposable {
  private last: SearchState | undefined;
  private lastQuery = '';
  private readonly command: vscode.Disposable;

  constructor(private readonly corpus: CorpusService) {
    this.command = vscode.commands.registerCommand('arabicNews.searchCorpus', (query?: unknown) => this.run(typeof query === 'string' ? query : undefined));
  }

  state(): SearchState | undefined {
    return this.last;
  }

  /** Asks for the query (unless given), searches, and shows the hits. */
  async run(query?: string): Promise<void> {
    const q =
      query ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Search Corpus'),
        prompt: vscode.l10n.t('Text to find in the headlines and paragraphs of every article (alef forms, ى/ي, ة/ه, harakat and tatweel are ignored).'),
        placeHolder: vscode.l10n.t('Words to find'),
        value: this.lastQuery,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type a word or two to find.')),
      }));
    if (!q?.trim()) return;
    this.lastQuery = q;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Searching the corpus for “{0}”…', q), cancellable: true },
      async (_progress, token) => {
        try {
          const r = await this.corpus.search(q, SEARCH_LIMIT, token);
          return token.isCancellationRequested ? undefined : r;
        } catch (err) {
          if (!token.isCancellationRequested) void vscode.window.showErrorMessage(vscode.l10n.t('The search failed: {0}', err instanceof Error ? err.message : String(err)));
          return undefined;
        }
      },
    );
    if (!result) return;
    const items = this.items(result.items);
    this.last = {
      query: q,
      truncated: result.truncated,
      items: items.filter((i) => i.hit).map((i) => ({ label: i.label, description: i.description, detail: i.detail })),
    };
    if (!result.items.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No headline or paragraph of the corpus contains “{0}”.', q));
      return;
    }
    this.pick(q, items, result.truncated);
  }

  private items(hits: readonly SearchHit[]): HitItem[] {
    const headlines = hits.filter((h) => h.kind === 'headline');
    const paragraphs = hits.filter((h) => h.kind === 'paragraph');
    const item = (hit: SearchHit): HitItem => {
      const uri = vscode.Uri.parse(hit.uri);
      return {
        label: escapeIcons(hit.text),
        description: hit.kind === 'paragraph' ? escapeIcons(hit.headline) : undefined,
        detail: `${vscode.workspace.asRelativePath(uri)}:${hit.line + 1}`,
        iconPath: new vscode.ThemeIcon(hit.kind === 'headline' ? 'bookmark' : 'note'),
        hit,
      };
    };
    const out: HitItem[] = [];
    if (headlines.length) out.push({ label: vscode.l10n.t('Headlines'), kind: vscode.QuickPickItemKind.Separator }, ...headlines.map(item));
    if (paragraphs.length) out.push({ label: vscode.l10n.t('Paragraphs'), kind: vscode.QuickPickItemKind.Separator }, ...paragraphs.map(item));
    return out;
  }

  /** Shows the hits (the command does not wait for the pick). */
  private pick(query: string, items: HitItem[], truncated: boolean): void {
    const count = items.filter((i) => i.hit).length;
    const qp = vscode.window.createQuickPick<HitItem>();
    qp.title = truncated ? vscode.l10n.t('The first {0} matches of “{1}”', count, query) : vscode.l10n.t('{0} matches of “{1}”', count, query);
    qp.placeholder = vscode.l10n.t('Type to narrow the list; Enter opens the match');
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = items;
    qp.onDidAccept(async () => {
      const hit = qp.selectedItems[0]?.hit;
      qp.hide();
      if (hit) await openHit(hit);
    });
    qp.onDidHide(() => qp.dispose());
    qp.show();
  }

  dispose(): void {
    this.command.dispose();
  }
}

/** Opens a hit's file with the match selected. */
export async function openHit(hit: SearchHit): Promise<vscode.TextEditor> {
  const range = new vscode.Range(hit.line, hit.character, hit.line, hit.character + hit.length);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(hit.uri), { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

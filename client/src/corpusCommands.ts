/**
 * Corpus-wide commands: "Fix All in Corpus" (the safe fixes of every article as one workspace
 * edit, shown in VS Code's refactor preview before anything is written), "Compare" (the diff
 * editor between an article and its near-duplicate, from the AN301 code action), and "Export
 * Corpus…" (JSON Lines through the command line's `export`).
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

interface CorpusFixes {
  readonly edit: WorkspaceEdit;
  readonly files: number;
  readonly fixes: number;
  readonly byRule: Record<string, number>;
}

/**
 * What "Fix All in Corpus" did, handed back to a caller of `vscode.commands.executeCommand`
 * (the end-to-end tests): the safe fixes the corpus had, those proposed in the preview (the
 * rules picked), and whether VS Code applied the edit (false when nothing was picked, when the
 * preview was discarded, or when nothing in it was ticked).
 */
export interface FixAllInCorpusResult {
  /** The safe fixes of the corpus, in all and by rule, before the user's choice. */
  readonly available: number;
  readonly availableByRule: Record<string, number>;
  /** The fixes put in the preview (of the rules picked), the files they touch, by rule. */
  readonly proposed: number;
  readonly files: number;
  readonly byRule: Record<string, number>;
  readonly applied: boolean;
}

/** Registers the commands. */
export function registerCorpusCommands(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  const compare = vscode.commands.registerCommand('arabicNews.compare', async (left: string, right: string) => {
    const a = vscode.Uri.parse(left);
    const b = vscode.Uri.parse(right);
    const name = (u: vscode.Uri): string => u.path.slice(u.path.lastIndexOf('/') + 1);
    await vscode.commands.executeCommand('vscode.diff', a, b, vscode.l10n.t('{0} ↔ {1} (near-duplicates)', name(a), name(b)));
  });

  const fixAll = vscode.commands.registerCommand('arabicNews.fixAllInCorpus', async (): Promise<FixAllInCorpusResult> => {
    const all = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Computing the safe fixes of the corpus…') },
      () => client.sendRequest<CorpusFixes>('arabicNews/corpusFixes', {}),
    );
    const rules = Object.entries(all.byRule).sort((x, y) => y[1] - x[1]);
    const result = (chosen: CorpusFixes | undefined, applied: boolean): FixAllInCorpusResult => ({
      available: all.fixes,
      availableByRule: { ...all.byRule },
      proposed: chosen?.fixes ?? 0,
      files: chosen?.files ?? 0,
      byRule: { ...(chosen?.byRule ?? {}) },
      applied,
    });
    if (!rules.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No safe fix to apply in the corpus.'));
      return result(undefined, false);
    }
    const picked = await vscode.window.showQuickPick(
      rules.map(([rule, n]) => ({ label: rule, description: vscode.l10n.t('{0} fixes', n), picked: true })),
      { canPickMany: true, title: vscode.l10n.t('Fix All in Corpus: which rules?') },
    );
    if (!picked?.length) return result(undefined, false);
    const chosen = picked.length === rules.length ? all : await client.sendRequest<CorpusFixes>('arabicNews/corpusFixes', { rules: picked.map((p) => p.label) });
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(chosen.edit);
    // Every change needs confirmation: VS Code shows the refactor preview with every change unticked,
    // and writes only what the user ticks, once they press Apply (applyEdit is false after Discard).
    const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (applied) void vscode.window.showInformationMessage(vscode.l10n.t('Fix All in Corpus: {0} fixes proposed in {1} files.', chosen.fixes, chosen.files));
    return result(chosen, applied);
  });

  const exportCorpus = vscode.commands.registerCommand('arabicNews.exportCorpus', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a corpus folder first.'));
      return;
    }
    const out = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, 'corpus.jsonl'), filters: { 'JSON Lines': ['jsonl'] } });
    if (!out) return;
    const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the corpus…') },
      () =>
        new Promise<{ ok: boolean; text: string }>((resolve) => {
          execFile(process.execPath, [cli, 'export', folder.uri.fsPath, '--out', out.fsPath], { cwd: folder.uri.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ ok: !error, text: `${stdout}\n${stderr}`.trim() }),
          );
        }),
    );
    if (result.ok) void vscode.window.showInformationMessage(vscode.l10n.t('Corpus exported to {0}. {1}', out.fsPath, result.text.split('\n').pop() ?? ''));
    else void vscode.window.showErrorMessage(vscode.l10n.t('The export failed: {0}', result.text.slice(0, 500)));
  });

  return vscode.Disposable.from(compare, fixAll, exportCorpus);
}

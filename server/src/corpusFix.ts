/**
 * "Fix All in Corpus": the safe fixes of every article of the corpus (or of the rules the user
 * picked) as ONE workspace edit, every change annotated as needing confirmation, so that VS Code
 * shows its refactor preview and writes nothing the user does not keep.
 *
 * - `arabicNews/corpusFixes` { rules?: string[] } → { edit: WorkspaceEdit, files, fixes, byRule }
 */
import type { ChangeAnnotation, Connection, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Analysis } from './core/analysis';
import { safeFixEdits } from './core/features/codeActions';
import type { ArticleDiagnostic } from './core/lint';
import type { CorpusHost } from './corpusHost';
import { TimeSlice } from './slices';

/** What the request needs from the server. */
export interface CorpusFixDeps {
  readonly connection: Connection;
  readonly host: CorpusHost;
  readonly guard: <T>(name: string, fallback: T, fn: () => T | Promise<T>) => Promise<T>;
  /** Checks a file (open or on disk) as the server does. */
  readonly check: (uri: string) => Promise<Analysis | undefined>;
  /** The version of an open document, or null. */
  readonly versionOf: (uri: string) => number | null;
}

/** Registers the request. */
export function registerCorpusFixes({ connection, host, guard, check, versionOf }: CorpusFixDeps): void {
  connection.onRequest('arabicNews/corpusFixes', (params: { rules?: string[] } | undefined) =>
    guard<{ edit: WorkspaceEdit; files: number; fixes: number; byRule: Record<string, number> }>('corpusFixes', { edit: { documentChanges: [] }, files: 0, fixes: 0, byRule: {} }, async () => {
      const wanted = params?.rules?.length ? new Set(params.rules) : undefined;
      const documentChanges: TextDocumentEdit[] = [];
      const changeAnnotations: Record<string, ChangeAnnotation> = {};
      const byRule: Record<string, number> = {};
      let fixes = 0;
      const slice = new TimeSlice();
      for (const summary of [...host.index.all()]) {
        const analysis = await check(summary.uri);
        if (!analysis) continue;
        const chosen: ArticleDiagnostic[] = analysis.diagnostics.filter((d) => (!wanted || wanted.has(d.ruleId)) && d.fixes.some((f) => f.safe));
        const edits = safeFixEdits(chosen);
        if (!edits.length) continue;
        for (const d of chosen) {
          byRule[d.ruleId] = (byRule[d.ruleId] ?? 0) + 1;
          changeAnnotations[d.ruleId] ??= { label: `${d.ruleId} ${d.ruleName}`, needsConfirmation: true };
        }
        // Each edit is annotated with the rule whose fix it is, so the preview groups them by rule.
        const ruleOf = (e: { range: TextEdit['range'] }): string =>
          chosen.find((d) => d.fixes.some((f) => f.safe && f.edits.some((x) => x.range.start.line === e.range.start.line && x.range.start.character === e.range.start.character)))?.ruleId ?? chosen[0]!.ruleId;
        documentChanges.push({
          textDocument: { uri: summary.uri, version: versionOf(summary.uri) },
          edits: edits.map((e) => ({ range: e.range, newText: e.newText, annotationId: ruleOf(e) })),
        });
        fixes += edits.length;
        await slice.yieldIfDue();
      }
      return { edit: { documentChanges, changeAnnotations }, files: documentChanges.length, fixes, byRule };
    }),
  );
}

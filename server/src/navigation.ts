/**
 * Protocol handlers for navigation across the corpus: workspace symbols (headlines), references
 * and rename of a keyword, definition of a related headline. Glue only: the logic is in
 * core/features/navigation.ts.
 */
import {
  type ChangeAnnotation,
  type Connection,
  type Location,
  type SymbolInformation,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './core/analysis';
import { keywordAt, keywordReferences, relatedDefinitions, relatedHeadlineAt, workspaceSymbols } from './core/features/navigation';
import type { MessageLanguage } from './core/types';
import type { CorpusHost } from './corpusHost';

/** What the handlers need from the server. */
export interface NavigationDeps {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly host: CorpusHost;
  readonly guard: <T>(name: string, fallback: T, fn: () => T | Promise<T>) => Promise<T>;
  readonly analysisOf: (doc: TextDocument | undefined) => Promise<Analysis | undefined>;
  readonly language: (uri: string) => Promise<MessageLanguage>;
}

/** Registers the handlers. */
export function registerNavigation({ connection, documents, host, guard, analysisOf, language }: NavigationDeps): void {
  connection.onWorkspaceSymbol((params) =>
    guard<SymbolInformation[]>('workspaceSymbol', [], () =>
      workspaceSymbols(host.index, params.query).map((s) => ({ name: s.name, kind: s.kind, location: { uri: s.uri, range: s.range }, containerName: s.containerName })),
    ),
  );

  connection.onReferences((params) =>
    guard<Location[]>('references', [], async () => {
      const analysis = await analysisOf(documents.get(params.textDocument.uri));
      const item = analysis && keywordAt(analysis.article, params.position);
      if (!item) return [];
      return keywordReferences(host.index, item.text).map((r) => ({ uri: r.uri, range: r.range }));
    }),
  );

  // Null where no keyword is under the cursor: the editor then says the element cannot be renamed.
  connection.onPrepareRename((params) =>
    guard('prepareRename', null, async () => {
      const analysis = await analysisOf(documents.get(params.textDocument.uri));
      const item = analysis && keywordAt(analysis.article, params.position);
      return item ? { range: item.range, placeholder: item.text } : null;
    }),
  );

  connection.onRenameRequest((params) =>
    guard<WorkspaceEdit | null>('rename', null, async () => {
      const analysis = await analysisOf(documents.get(params.textDocument.uri));
      const item = analysis && keywordAt(analysis.article, params.position);
      const newName = params.newName.trim();
      if (!item || !newName) return null;
      const ar = (await language(params.textDocument.uri)) === 'ar';
      const refs = keywordReferences(host.index, item.text);
      // One change annotation per spelling, so the preview lets the user untick a spelling.
      const annotations: Record<string, ChangeAnnotation> = {};
      const changes: Record<string, TextEdit[]> = {};
      const counts = new Map<string, number>();
      for (const r of refs) counts.set(r.text, (counts.get(r.text) ?? 0) + 1);
      for (const r of refs) {
        const id = `spelling:${r.text}`;
        annotations[id] ??= {
          label: ar ? `الإملاء «${r.text}» (${counts.get(r.text)} خبرًا)` : `Spelling "${r.text}" (${counts.get(r.text)} article${counts.get(r.text) === 1 ? '' : 's'})`,
          needsConfirmation: r.text !== item.text,
        };
        (changes[r.uri] ??= []).push({ range: r.range, newText: newName, annotationId: id } as TextEdit);
      }
      const documentChanges = Object.entries(changes).map(([uri, edits]) => ({
        textDocument: { uri, version: documents.get(uri)?.version ?? null },
        edits,
      }));
      return { documentChanges, changeAnnotations: annotations };
    }),
  );

  connection.onDefinition((params) =>
    guard<Location[]>('definition', [], async () => {
      const analysis = await analysisOf(documents.get(params.textDocument.uri));
      const related = analysis && relatedHeadlineAt(analysis.article, params.position);
      if (!related) return [];
      return relatedDefinitions(host.index, related.text, params.textDocument.uri);
    }),
  );
}

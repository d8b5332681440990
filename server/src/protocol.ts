/** Conversions from the core's plain data to protocol types. The only module besides server.ts that knows LSP. */
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  InsertTextFormat,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { ArticleDiagnostic } from './core/lint';
import type { CompletionCandidate } from './core/features/completion';
import type { ArticleSymbol } from './core/features/symbols';
import type { QuickFix } from './core/features/codeActions';
import type { MessageLanguage, TextEdit } from './core/types';
import { localize } from './core/types';

/** The kind of the "fix all" code action, so `editor.codeActionsOnSave` can run it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.arabic-news`;

const SEVERITY: Record<ArticleDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts a core diagnostic. */
export function toLspDiagnostic(d: ArticleDiagnostic, uri: string, language: MessageLanguage, docsBase: string | undefined, relatedSupport: boolean): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    source: 'arabic-news',
    message: localize(d.message, language),
    data: { rule: d.ruleName },
  };
  if (docsBase) out.codeDescription = { href: `${docsBase}${d.ruleId}.md` };
  if (relatedSupport && d.related.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: localize(r.message, language) }));
  }
  return out;
}

/** Converts an outline node. */
export function toDocumentSymbol(s: ArticleSymbol): DocumentSymbol {
  return {
    name: s.name || ' ',
    detail: s.detail,
    kind: s.kind,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

const ITEM_KIND: Record<CompletionCandidate['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  phrase: CompletionItemKind.Text,
  source: CompletionItemKind.Reference,
  marker: CompletionItemKind.Snippet,
  date: CompletionItemKind.Value,
};

/** Converts a completion proposal. */
export function toCompletionItem(c: CompletionCandidate): CompletionItem {
  return {
    label: c.label,
    kind: ITEM_KIND[c.kind],
    detail: c.detail,
    documentation: c.documentation,
    sortText: c.sortText,
    filterText: c.filterText,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: c.range, newText: c.insertText },
  };
}

function workspaceEdit(uri: string, edits: readonly TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}

/** Converts a quick fix. */
export function toQuickFixAction(q: QuickFix, uri: string, language: MessageLanguage, diagnostic: Diagnostic): CodeAction {
  return {
    title: localize(q.fix.title, language),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: q.fix.preferred,
    edit: workspaceEdit(uri, q.fix.edits),
  };
}

/** The "fix all" action. */
export function toFixAllAction(uri: string, edits: readonly TextEdit[], language: MessageLanguage): CodeAction {
  return {
    title: language === 'ar' ? 'إصلاح كل المشكلات الآمنة في الخبر' : 'Fix all safe problems in the article',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(uri, edits),
  };
}

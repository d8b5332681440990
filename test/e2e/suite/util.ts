// Helpers of the end-to-end suite: polling instead of sleeping, workspace files, diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'arabic-news.arabic-news';
export const LANGUAGE_ID = 'arabic-news';

/** Short, readable rendering of a value for failure messages. */
export function show(value: unknown, max = 1200): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, (_k, v: unknown) => (v instanceof vscode.Uri ? v.toString() : v));
  } catch {
    s = String(value);
  }
  if (s === undefined) s = String(value);
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}

/**
 * Calls `fn` every `intervalMs` until `predicate` holds for its result, and returns that result.
 * Fails after `timeoutMs` with a message naming `what` was awaited and the last value seen (or
 * the last error `fn` threw). Errors thrown by `fn` are retried, not fatal.
 */
export async function waitFor<T>(
  fn: () => T | Thenable<T>,
  predicate: (value: T) => boolean,
  timeoutMs: number,
  what: string,
  intervalMs = 75,
): Promise<T> {
  const started = Date.now();
  let last: { value: T } | undefined;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const value = await fn();
      last = { value };
      lastError = undefined;
      if (predicate(value)) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started >= timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen = lastError !== undefined
    ? `the last attempt threw: ${lastError instanceof Error ? lastError.message : String(lastError)}`
    : `the last value was ${last ? show(last.value) : '(none)'}`;
  throw new Error(`Timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${what}; ${seen}`);
}

/** A file of the test workspace (test/e2e/workspace). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (test/e2e/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The open TextDocument of a URI, looked up afresh (a language switch reopens documents). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Activates the extension (idempotent). */
export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `the extension ${EXTENSION_ID} is installed in the VS Code under test`);
  await ext.activate();
}

/** Opens a file in an editor and waits until the extension has switched it to the article language. */
export async function openArticle(uri: vscode.Uri, timeoutMs = 10_000): Promise<vscode.TextDocument> {
  await activateExtension();
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return waitFor(
    () => openDocument(uri),
    (d) => d?.languageId === LANGUAGE_ID,
    timeoutMs,
    `${basename(uri)} to be switched to the '${LANGUAGE_ID}' language`,
  ).then((d) => d!);
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

// ------------------------------------------------------------------------------------ diagnostics
// Every change of the diagnostics, per URI, from the moment this module is loaded (mocha loads
// every test file before it runs any test). The language client sets a URI's diagnostics when
// the server publishes them, also when the list is empty, so "published at least once" tells a
// clean document that has been checked apart from one the server has not seen yet.
const publications = new Map<string, number>();
vscode.languages.onDidChangeDiagnostics((e) => {
  for (const uri of e.uris) publications.set(uri.toString(), (publications.get(uri.toString()) ?? 0) + 1);
});

/** How many times the diagnostics of `uri` changed (were published) so far. */
export function publicationCount(uri: vscode.Uri): number {
  return publications.get(uri.toString()) ?? 0;
}

/** A diagnostic reduced to what the checks compare: rule id and 1-based line. */
export interface Finding {
  readonly code: string;
  readonly line: number;
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

/** Diagnostics of our server at warning level or above (errors and warnings), as "AN103@2" strings, sorted. */
export function findings(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'arabic-news' && d.severity <= vscode.DiagnosticSeverity.Warning)
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1}`)
    .sort();
}

/** Waits until the warning-and-above findings of `uri` are exactly `expected` ("AN103@2" strings). */
export async function waitForFindings(uri: vscode.Uri, expected: readonly string[], timeoutMs: number, context = ''): Promise<void> {
  const want = [...expected].sort();
  await waitFor(
    () => findings(uri),
    (got) => got.length === want.length && got.every((g, i) => g === want[i]),
    timeoutMs,
    `the errors and warnings of ${basename(uri)}${context ? ` ${context}` : ''} to be exactly [${want.join(', ')}] (rule@line, 1-based)`,
  );
}

/** Reverts a (dirty) document to its saved text through the editor, and waits until it is clean. */
export async function revert(doc: vscode.TextDocument, timeoutMs = 5_000): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => doc.isDirty, (dirty) => !dirty, timeoutMs, `${basename(doc.uri)} to be reverted to its saved text`);
}

/** Closes every editor, reverting unsaved changes first (so no "save changes?" dialog blocks). */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && !doc.isUntitled) await revert(doc);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
